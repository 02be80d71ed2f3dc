package dev.chainrule.nn.data;

import dev.chainrule.nn.io.InputFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads unsigned-byte IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed
 * (detected by the gzip magic bytes {@code 1f 8b}, not by the file name).
 *
 * <p>Format (big-endian): a 4-byte magic {@code 00 00 <type> <dims>}, one 4-byte size per
 * dimension, then the data. Images: magic 2051 ({@code 0x00000803}), count, rows, cols, then
 * {@code count * rows * cols} bytes. Labels: magic 2049 ({@code 0x00000801}), count, then
 * {@code count} bytes.
 *
 * <p>Every check throws {@link IdxFormatException} naming the file, the byte offset and what was
 * expected: wrong magic, a header cut short, a negative or oversized count, fewer data bytes
 * than the header promises, bytes after the data, and (when asked) labels out of range.
 *
 * <p>Limits: the header's sizes decide one allocation, so they are checked before it against
 * what the file can hold: a plain file must be exactly header + data bytes long, and a gzip
 * file cannot inflate to more than {@value #MAX_DEFLATE_RATIO} times its length (deflate's
 * largest ratio); an image file holds at most {@value #MAX_PIXELS} pixels (2 GiB of floats).
 * The reader then inflates exactly the declared bytes and refuses anything after them, so a
 * decompression bomb behind a valid header is read no further than its first extra byte.
 *
 * <p>Memory: pixels go straight from the (decompressed) stream into one direct buffer, outside
 * the Java heap: the garbage collector never copies them and no intermediate array is kept.
 */
public final class IdxReader {
  /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
  public static final int IMAGE_MAGIC = 0x00000803;
  /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
  public static final int LABEL_MAGIC = 0x00000801;
  /** Most pixels one image file may hold: one direct buffer of floats, at most 2 GiB. */
  public static final int MAX_PIXELS = (Integer.MAX_VALUE - 8) / Float.BYTES;
  /** Deflate never inflates one byte to more than 1032 (RFC 1951: 258-byte matches in ~2 bits). */
  public static final int MAX_DEFLATE_RATIO = 1032;

  private static final int IMAGE_HEADER_BYTES = 16;
  private static final int LABEL_HEADER_BYTES = 8;
  private static final int CHUNK_BYTES = 1 << 16;

  /** {@code SCALE[b] = b / 255f}: one table lookup per pixel instead of a division. */
  private static final float[] SCALE = new float[256];

  static {
    for (int b = 0; b < 256; b++) {
      SCALE[b] = b / 255f;
    }
  }

  private IdxReader() {}

  /**
   * Reads an image file, accepting whatever rows and columns its header states.
   *
   * @param file an IDX image file, plain or gzip
   * @return the images, pixels scaled to [0, 1]
   * @throws IdxFormatException if the file is not a well-formed unsigned-byte image file
   * @throws IOException if the file cannot be read or is not a regular file
   */
  public static IdxImages readImages(Path file) throws IOException {
    try (Source in = Source.open(file)) {
      return parseImages(in, 0, 0);
    }
  }

  /**
   * Reads an image file whose images must be {@code rows x cols} (28x28 for MNIST).
   *
   * @param file an IDX image file, plain or gzip
   * @param rows required pixel rows
   * @param cols required pixel columns
   * @return the images, pixels scaled to [0, 1]
   * @throws IdxFormatException if the file is malformed or its images have another size
   * @throws IOException if the file cannot be read
   */
  public static IdxImages readImages(Path file, int rows, int cols) throws IOException {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "readImages: rows and cols must be positive (got " + rows + "x" + cols + ")");
    }
    try (Source in = Source.open(file)) {
      return parseImages(in, rows, cols);
    }
  }

  /**
   * Reads a label file without checking the label values.
   *
   * @param file an IDX label file, plain or gzip
   * @return the labels as unsigned values 0..255
   * @throws IdxFormatException if the file is not a well-formed unsigned-byte label file
   * @throws IOException if the file cannot be read
   */
  public static int[] readLabels(Path file) throws IOException {
    try (Source in = Source.open(file)) {
      return parseLabels(in, 256);
    }
  }

  /**
   * Reads a label file whose labels must lie in {@code [0, classes)} (10 for MNIST).
   *
   * @param file an IDX label file, plain or gzip
   * @param classes number of classes
   * @return the labels
   * @throws IdxFormatException if the file is malformed or a label is out of range
   * @throws IOException if the file cannot be read
   */
  public static int[] readLabels(Path file, int classes) throws IOException {
    if (classes <= 0 || classes > 256) {
      throw new IllegalArgumentException(
          "readLabels: classes must be in 1..256 for unsigned-byte labels (got " + classes + ")");
    }
    try (Source in = Source.open(file)) {
      return parseLabels(in, classes);
    }
  }

  /**
   * Reads an image file and its label file and checks that they hold the same number of items.
   *
   * @param name name of the resulting split
   * @param images IDX image file
   * @param labels IDX label file
   * @param rows required pixel rows
   * @param cols required pixel columns
   * @param classes number of classes; labels must lie in {@code [0, classes)}
   * @return the paired split
   * @throws IdxFormatException if either file is malformed or the counts differ (the message
   *     names the label file, offset 4, and the image count it should have matched)
   * @throws IOException if a file cannot be read
   */
  public static DataSplit readLabeled(
      String name, Path images, Path labels, int rows, int cols, int classes) throws IOException {
    IdxImages x = readImages(images, rows, cols);
    int[] y = readLabels(labels, classes);
    if (y.length != x.count()) {
      throw new IdxFormatException(
          nameOf(labels),
          4,
          "expected " + x.count() + " labels to match the image count of " + nameOf(images)
              + ", found " + y.length);
    }
    return DataSplit.of(name, x, y);
  }

  /**
   * Parses an image file already in memory (decompressed), with the same checks as a file.
   *
   * @param name file name for messages
   * @param idx the IDX bytes
   * @param rows required rows, or 0 to accept any
   * @param cols required columns, or 0 to accept any
   * @return the images
   * @throws IdxFormatException if the bytes are not a well-formed image file
   */
  public static IdxImages parseImages(String name, byte[] idx, int rows, int cols)
      throws IdxFormatException {
    try (Source in = Source.of(name, idx)) {
      return parseImages(in, rows, cols);
    } catch (IdxFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading an array cannot fail", e);
    }
  }

  /**
   * Parses a label file already in memory (decompressed), with the same checks as a file.
   *
   * @param name file name for messages
   * @param idx the IDX bytes
   * @param classes labels must lie in {@code [0, classes)}; 256 accepts any byte
   * @return the labels
   * @throws IdxFormatException if the bytes are not a well-formed label file
   */
  public static int[] parseLabels(String name, byte[] idx, int classes) throws IdxFormatException {
    try (Source in = Source.of(name, idx)) {
      return parseLabels(in, classes);
    } catch (IdxFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading an array cannot fail", e);
    }
  }

  private static IdxImages parseImages(Source in, int rows, int cols) throws IOException {
    byte[] header = in.header(IMAGE_HEADER_BYTES, IMAGE_MAGIC, new String[] {"image count", "rows", "columns"});
    int count = readCount(in.name, header, 4, "image count");
    int fileRows = readDimension(in.name, header, 8, "rows", rows);
    int fileCols = readDimension(in.name, header, 12, "columns", cols);
    // NOTE: three int factors can overflow a long (found by IdxReaderFuzzTest): multiply the
    // third only when the first two are within the limit, so the product stays exact or too big.
    long pixels = (long) count * fileRows;
    if (pixels <= MAX_PIXELS) pixels *= fileCols;
    if (pixels > MAX_PIXELS) {
      throw new IdxFormatException(
          in.name, 4, "expected at most " + MAX_PIXELS + " pixels in total, found "
              + count + " images of " + fileRows + "x" + fileCols + " = "
              + java.math.BigInteger.valueOf(count).multiply(java.math.BigInteger.valueOf((long) fileRows * fileCols)));
    }
    String what = count + " images of " + fileRows + "x" + fileCols;
    in.checkDeclared(IMAGE_HEADER_BYTES, pixels, what);
    FloatBuffer out = ByteBuffer.allocateDirect((int) pixels * Float.BYTES)
        .order(ByteOrder.nativeOrder()).asFloatBuffer();
    byte[] chunk = new byte[CHUNK_BYTES];
    float[] scaled = new float[CHUNK_BYTES];
    for (long done = 0; done < pixels; ) {
      int n = (int) Math.min(CHUNK_BYTES, pixels - done);
      in.readData(chunk, n, IMAGE_HEADER_BYTES, done, pixels, what);
      for (int i = 0; i < n; i++) {
        scaled[i] = SCALE[chunk[i] & 0xFF];
      }
      out.put(scaled, 0, n);
      done += n;
    }
    in.expectEnd(IMAGE_HEADER_BYTES + pixels, what);
    return new IdxImages(count, fileRows, fileCols, out.flip());
  }

  private static int[] parseLabels(Source in, int classes) throws IOException {
    byte[] header = in.header(LABEL_HEADER_BYTES, LABEL_MAGIC, new String[] {"label count"});
    int count = readCount(in.name, header, 4, "label count");
    String what = count + " labels";
    in.checkDeclared(LABEL_HEADER_BYTES, count, what);
    int[] out = new int[count];
    byte[] chunk = new byte[CHUNK_BYTES];
    for (int done = 0; done < count; ) {
      int n = Math.min(CHUNK_BYTES, count - done);
      in.readData(chunk, n, LABEL_HEADER_BYTES, done, count, what);
      for (int i = 0; i < n; i++) {
        int label = chunk[i] & 0xFF;
        if (label >= classes) {
          throw new IdxFormatException(
              in.name, LABEL_HEADER_BYTES + done + i,
              "expected a label in 0.." + (classes - 1) + " for item " + (done + i) + ", found " + label);
        }
        out[done + i] = label;
      }
      done += n;
    }
    in.expectEnd(LABEL_HEADER_BYTES + (long) count, what);
    return out;
  }

  /**
   * The decompressed IDX stream of one file, with what bounds its length: the exact length of a
   * plain file, or {@value #MAX_DEFLATE_RATIO} times a gzip file's.
   */
  private static final class Source implements AutoCloseable {
    final String name;
    private final InputStream in;
    private final boolean gzip;
    private final long compressedBytes;
    private final long plainBytes;   // exact for a plain file, an upper bound for gzip

    private Source(String name, InputStream in, boolean gzip, long compressedBytes, long plainBytes) {
      this.name = name;
      this.in = in;
      this.gzip = gzip;
      this.compressedBytes = compressedBytes;
      this.plainBytes = plainBytes;
    }

    static Source open(Path file) throws IOException {
      InputFiles.requireRegular(file, "an IDX file");
      String name = nameOf(file);
      long size = Files.size(file);
      BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK_BYTES);
      try {
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        if (!gzip) {
          return new Source(name, raw, false, size, size);
        }
        try {
          return new Source(name, new GZIPInputStream(raw, CHUNK_BYTES), true, size,
              size * MAX_DEFLATE_RATIO);
        } catch (IOException e) {
          throw corrupt(name, size, e);
        }
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    }

    static Source of(String name, byte[] idx) {
      return new Source(name, new ByteArrayInputStream(idx), false, idx.length, idx.length);
    }

    /** Reads the fixed-size header and checks its magic; a short header names the missing field. */
    byte[] header(int bytes, int magic, String[] fields) throws IOException {
      byte[] header = new byte[bytes];
      int n = read(header, 0, bytes);
      if (n < 4) {
        throw new IdxFormatException(name, 0, "expected a 4-byte magic " + describe(magic)
            + ", found only " + n + " bytes in the file");
      }
      int found = intAt(header, 0);
      if (found != magic) {
        throw new IdxFormatException(name, 0, "expected magic " + describe(magic) + ", found " + describe(found));
      }
      if (n < bytes) {
        int field = n / 4 - 1;
        throw new IdxFormatException(name, 4 * (field + 1), "expected a 4-byte " + fields[field]
            + " in the header, found only " + (n - 4 * (field + 1))
            + " bytes before the end of the file (header truncated)");
      }
      return header;
    }

    /** Refuses a header that declares more data than the file can hold, before allocating. */
    void checkDeclared(int header, long data, String what) throws IdxFormatException {
      long available = plainBytes - header;
      if (gzip && data > available) {
        throw new IdxFormatException(name, 4, "expected at most " + available + " data bytes from "
            + compressedBytes + " gzip bytes (deflate inflates at most " + MAX_DEFLATE_RATIO
            + " times), found a header declaring " + data + " for " + what);
      }
      if (!gzip && data < available) {
        throw new IdxFormatException(name, header + data, "expected end of file after " + what
            + ", found " + (available - data) + " trailing bytes");
      }
      if (!gzip && data > available) {
        throw truncated(header, data, available, what);
      }
    }

    /** Fills {@code chunk[0, n)} with data bytes {@code done..done+n} of {@code total}. */
    void readData(byte[] chunk, int n, int header, long done, long total, String what) throws IOException {
      int got = read(chunk, 0, n);
      if (got < n) {
        throw truncated(header, total, done + got, what);
      }
    }

    /** Refuses bytes after the declared data (reading at most one more chunk to count them). */
    void expectEnd(long end, String what) throws IOException {
      byte[] probe = new byte[CHUNK_BYTES];
      int extra = read(probe, 0, CHUNK_BYTES);
      if (extra > 0) {
        String found = extra < CHUNK_BYTES ? extra + " trailing bytes" : "at least " + extra + " trailing bytes";
        throw new IdxFormatException(name, end, "expected end of file after " + what + ", found " + found);
      }
    }

    private IdxFormatException truncated(int header, long data, long found, String what) {
      return new IdxFormatException(name, header + found, "expected " + data + " data bytes for " + what
          + " after the " + header + "-byte header, found only " + found + " (file truncated)");
    }

    private int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.readNBytes(b, off, len);
      } catch (IOException e) {
        if (!gzip) throw e;
        throw corrupt(name, compressedBytes, e);
      }
    }

    private static IdxFormatException corrupt(String name, long size, IOException e) {
      return new IdxFormatException(name, "gzip data is corrupt or truncated (" + size
          + " compressed bytes): " + e.getMessage(), e);
    }

    @Override public void close() throws IOException {
      in.close();
    }
  }

  private static int readCount(String name, byte[] header, int offset, String what)
      throws IdxFormatException {
    int count = intAt(header, offset);
    if (count < 0) {
      throw new IdxFormatException(name, offset, "expected a non-negative " + what + ", found " + count);
    }
    return count;
  }

  private static int readDimension(String name, byte[] header, int offset, String what, int required)
      throws IdxFormatException {
    int value = intAt(header, offset);
    if (required > 0 && value != required) {
      throw new IdxFormatException(name, offset, "expected " + required + " " + what + " per image, found " + value);
    }
    if (value <= 0) {
      throw new IdxFormatException(name, offset, "expected a positive number of " + what + ", found " + value);
    }
    return value;
  }

  private static int intAt(byte[] b, int offset) {
    return (b[offset] & 0xFF) << 24
        | (b[offset + 1] & 0xFF) << 16
        | (b[offset + 2] & 0xFF) << 8
        | (b[offset + 3] & 0xFF);
  }

  /** E.g. {@code 2051 (0x00000803, unsigned byte images)}. */
  static String describe(int magic) {
    String hex = String.format("0x%08x", magic);
    String meaning;
    if (magic == IMAGE_MAGIC) {
      meaning = "unsigned byte images";
    } else if (magic == LABEL_MAGIC) {
      meaning = "unsigned byte labels";
    } else if ((magic >>> 16) == 0) {
      meaning = typeName((magic >>> 8) & 0xFF) + ", " + (magic & 0xFF) + " dimensions";
    } else {
      meaning = "not an IDX header: the first two bytes must be 0";
    }
    return magic + " (" + hex + ", " + meaning + ")";
  }

  private static String typeName(int type) {
    switch (type) {
      case 0x08: return "unsigned byte";
      case 0x09: return "signed byte";
      case 0x0B: return "short";
      case 0x0C: return "int";
      case 0x0D: return "float";
      case 0x0E: return "double";
      default: return "unknown type 0x" + Integer.toHexString(type);
    }
  }

  static String nameOf(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }
}
