package dev.chainrule.nn.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * <p>Speed: each file is read whole into a {@code byte[]} (decompressed in one pass), then
 * converted in a single loop; there are no per-byte stream calls.
 */
public final class IdxReader {
  /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
  public static final int IMAGE_MAGIC = 0x00000803;
  /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
  public static final int LABEL_MAGIC = 0x00000801;

  private static final int IMAGE_HEADER_BYTES = 16;
  private static final int LABEL_HEADER_BYTES = 8;

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
   * @throws IOException if the file cannot be read
   */
  public static IdxImages readImages(Path file) throws IOException {
    return parseImages(nameOf(file), readBytes(file), 0, 0);
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
    return parseImages(nameOf(file), readBytes(file), rows, cols);
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
    return parseLabels(nameOf(file), readBytes(file), 256);
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
    return parseLabels(nameOf(file), readBytes(file), classes);
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
   * Parses an image file already in memory (decompressed).
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
    checkMagic(name, idx, IMAGE_MAGIC);
    int count = readCount(name, idx, 4, "image count");
    int fileRows = readDimension(name, idx, 8, "rows", rows);
    int fileCols = readDimension(name, idx, 12, "columns", cols);
    long pixels = (long) count * fileRows * fileCols;
    if (pixels > Integer.MAX_VALUE - 8) {
      throw new IdxFormatException(
          name, 4, "expected at most " + (Integer.MAX_VALUE - 8) + " pixels in total, found "
              + count + " images of " + fileRows + "x" + fileCols + " = " + pixels);
    }
    checkLength(name, idx, IMAGE_HEADER_BYTES, pixels,
        count + " images of " + fileRows + "x" + fileCols);
    float[] out = new float[(int) pixels];
    for (int i = 0; i < out.length; i++) {
      out[i] = SCALE[idx[IMAGE_HEADER_BYTES + i] & 0xFF];
    }
    return new IdxImages(count, fileRows, fileCols, out);
  }

  /**
   * Parses a label file already in memory (decompressed).
   *
   * @param name file name for messages
   * @param idx the IDX bytes
   * @param classes labels must lie in {@code [0, classes)}; 256 accepts any byte
   * @return the labels
   * @throws IdxFormatException if the bytes are not a well-formed label file
   */
  public static int[] parseLabels(String name, byte[] idx, int classes)
      throws IdxFormatException {
    checkMagic(name, idx, LABEL_MAGIC);
    int count = readCount(name, idx, 4, "label count");
    checkLength(name, idx, LABEL_HEADER_BYTES, count, count + " labels");
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      int label = idx[LABEL_HEADER_BYTES + i] & 0xFF;
      if (label >= classes) {
        throw new IdxFormatException(
            name, LABEL_HEADER_BYTES + i,
            "expected a label in 0.." + (classes - 1) + " for item " + i + ", found " + label);
      }
      out[i] = label;
    }
    return out;
  }

  /**
   * Reads a whole file into memory, decompressing it if it starts with the gzip magic bytes.
   *
   * @param file the file
   * @return the (decompressed) bytes
   * @throws IdxFormatException if the gzip stream is corrupt or cut short
   * @throws IOException if the file cannot be read
   */
  public static byte[] readBytes(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    if (raw.length < 2 || (raw[0] & 0xFF) != 0x1f || (raw[1] & 0xFF) != 0x8b) {
      return raw;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IdxFormatException(
          nameOf(file),
          "gzip data is corrupt or truncated (" + raw.length + " compressed bytes): "
              + e.getMessage(),
          e);
    }
  }

  private static void checkMagic(String name, byte[] idx, int expected)
      throws IdxFormatException {
    if (idx.length < 4) {
      throw new IdxFormatException(
          name, 0, "expected a 4-byte magic " + describe(expected) + ", found only "
              + idx.length + " bytes in the file");
    }
    int found = intAt(idx, 0);
    if (found != expected) {
      throw new IdxFormatException(
          name, 0, "expected magic " + describe(expected) + ", found " + describe(found));
    }
  }

  private static int readCount(String name, byte[] idx, int offset, String what)
      throws IdxFormatException {
    requireHeader(name, idx, offset, what);
    int count = intAt(idx, offset);
    if (count < 0) {
      throw new IdxFormatException(
          name, offset, "expected a non-negative " + what + ", found " + count);
    }
    return count;
  }

  private static int readDimension(String name, byte[] idx, int offset, String what, int required)
      throws IdxFormatException {
    requireHeader(name, idx, offset, what);
    int value = intAt(idx, offset);
    if (required > 0 && value != required) {
      throw new IdxFormatException(
          name, offset, "expected " + required + " " + what + " per image, found " + value);
    }
    if (value <= 0) {
      throw new IdxFormatException(
          name, offset, "expected a positive number of " + what + ", found " + value);
    }
    return value;
  }

  private static void requireHeader(String name, byte[] idx, int offset, String what)
      throws IdxFormatException {
    if (idx.length < offset + 4) {
      throw new IdxFormatException(
          name, offset, "expected a 4-byte " + what + " in the header, found only "
              + (idx.length - offset) + " bytes before the end of the file (header truncated)");
    }
  }

  private static void checkLength(
      String name, byte[] idx, int header, long expectedData, String what)
      throws IdxFormatException {
    long data = idx.length - header;
    if (data < expectedData) {
      throw new IdxFormatException(
          name, idx.length, "expected " + expectedData + " data bytes for " + what + " after the "
              + header + "-byte header, found only " + data + " (file truncated)");
    }
    if (data > expectedData) {
      throw new IdxFormatException(
          name, header + expectedData, "expected end of file after " + what + ", found "
              + (data - expectedData) + " trailing bytes");
    }
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
