package dev.chainrule.nn.io;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import dev.chainrule.nn.io.HeaderJson.Arr;
import dev.chainrule.nn.io.HeaderJson.Node;
import dev.chainrule.nn.io.HeaderJson.Num;
import dev.chainrule.nn.io.HeaderJson.Obj;
import dev.chainrule.nn.io.HeaderJson.Str;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code .safetensors} files holding {@link NamedArray}s (F32, F64, I32, I64; F16
 * and BF16 are read, widened to F32).
 * See the package documentation for the format and the guarantees.
 *
 * <pre>{@code
 * Map<String, NamedArray> t = new LinkedHashMap<>();
 * t.put("dense0.weight", NamedArray.ofF32(new int[] {100, 784}, w));
 * SafeTensors.write(path, t, Map.of("model", "784-100-10"));
 * SafeTensors.Contents c = SafeTensors.read(path);   // c.tensors().get("dense0.weight")
 * }</pre>
 */
public final class SafeTensors {
  /** Reserved header key of the string-to-string metadata map. */
  public static final String METADATA_KEY = "__metadata__";
  /** Headers longer than this are refused (the reference implementation's limit, 100 MB). */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  private static final int CHUNK_BYTES = 1 << 16;

  private SafeTensors() {}

  /**
   * What a file holds.
   *
   * @param tensors the arrays in file order (by data offset); unmodifiable
   * @param metadata the {@code __metadata__} map, empty if the file has none; unmodifiable
   */
  public record Contents(Map<String, NamedArray> tensors, Map<String, String> metadata) {
    /** Wraps both maps unmodifiably (iteration order kept). */
    public Contents {
      tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
      metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }

  /**
   * Writes {@code tensors} (data laid out contiguously in the map's iteration order) and
   * {@code metadata} to {@code file}, replacing it atomically: the bytes go to a temporary file
   * in the same directory, are forced to disk, and the temporary file is renamed over
   * {@code file}. On any failure the previous {@code file} is left as it was and the temporary
   * file is deleted.
   *
   * @param metadata string pairs stored under {@code __metadata__}; null or empty for none
   * @throws IllegalArgumentException for an empty name, the reserved name {@code __metadata__},
   *     or a name/metadata string with an unpaired surrogate (not encodable as UTF-8); nothing is
   *     written then
   * @throws IOException if writing or renaming fails
   */
  public static void write(Path file, Map<String, NamedArray> tensors, Map<String, String> metadata)
      throws IOException {
    write(file, tensors, metadata, UnaryOperator.identity());
  }

  /**
   * Milliseconds a finished temporary file waits before its rename (system property
   * {@code chainrule.io.renameDelayMillis}, default 0: no wait). A test hook only: it lets
   * InterruptedRunTest stop a real training process in the middle of a save on any machine,
   * however fast its disk.
   */
  private static final long RENAME_DELAY_MILLIS = Long.getLong("chainrule.io.renameDelayMillis", 0L);

  private static void holdBeforeRename() throws IOException {
    if (RENAME_DELAY_MILLIS <= 0) return;
    try {
      Thread.sleep(RENAME_DELAY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("save interrupted before its rename");
    }
  }

  /** As {@link #write(Path, Map, Map)}; {@code wrap} decorates the stream (tests inject failures). */
  static void write(Path file, Map<String, NamedArray> tensors, Map<String, String> metadata,
      UnaryOperator<OutputStream> wrap) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(tensors, "tensors");
    byte[] header = header(tensors, metadata == null ? Map.of() : metadata);

    Path target = file.toAbsolutePath();
    Path tmp = InFlightFiles.create(target);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = wrap.apply(Channels.newOutputStream(ch));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length);
        drain(buf, out);
        out.write(header);
        for (NamedArray a : tensors.values()) {
          writeData(a, buf, out);
        }
        drain(buf, out);
        out.flush();
        ch.force(true);
      }
      holdBeforeRename();
      Files.move(tmp, target, ATOMIC_MOVE, REPLACE_EXISTING);
      InFlightFiles.done(tmp);
      syncDirectory(target.getParent());
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      InFlightFiles.done(tmp);
      throw e;
    }
  }

  /**
   * Whether {@code file} is a temporary file that an interrupted {@link #write} of
   * {@code targetName} left behind (named {@code .<targetName>.<...>.tmp}). Writes stopped by
   * Ctrl-C or SIGTERM delete theirs in a shutdown hook; a SIGKILL leaves one, for the owner of
   * the directory to remove.
   */
  public static boolean isTemporaryOf(Path file, String targetName) {
    return InFlightFiles.isTemporaryOf(file, targetName);
  }

  /**
   * Forces {@code dir}'s entries to disk, so a completed rename survives a power cut. Some
   * platforms cannot open a directory (Windows); there the rename's own durability must do.
   */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException notSupported) {
      // the platform does not allow syncing a directory
    }
  }

  /** The header's bytes: u64 length not included, JSON padded with spaces to a multiple of 8. */
  static byte[] header(Map<String, NamedArray> tensors, Map<String, String> metadata) {
    StringBuilder json = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      HeaderJson.appendString(json, METADATA_KEY);
      json.append(":{");
      String sep = "";
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        String key = Objects.requireNonNull(e.getKey(), "metadata key");
        String value = Objects.requireNonNull(e.getValue(), () -> "metadata value of \"" + key + "\"");
        HeaderJson.checkEncodable("metadata key \"" + key + "\"", key);
        HeaderJson.checkEncodable("metadata value of \"" + key + "\"", value);
        json.append(sep);
        HeaderJson.appendString(json, key);
        json.append(':');
        HeaderJson.appendString(json, value);
        sep = ",";
      }
      json.append('}');
    }
    long offset = 0;
    for (Map.Entry<String, NamedArray> e : tensors.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "tensor name");
      NamedArray a = Objects.requireNonNull(e.getValue(), () -> "tensor \"" + name + "\"");
      if (name.isEmpty() || name.equals(METADATA_KEY)) {
        throw new IllegalArgumentException("SafeTensors.write: tensor name \"" + name
            + "\" is not allowed (empty or reserved for metadata)");
      }
      HeaderJson.checkEncodable("tensor name \"" + name + "\"", name);
      long bytes = (long) a.size() * a.elementBytes();
      if (json.length() > 1) {
        json.append(',');
      }
      HeaderJson.appendString(json, name);
      json.append(":{\"dtype\":\"").append(a.dtype()).append("\",\"shape\":[");
      for (int i = 0; i < a.shape().length; i++) {
        json.append(i == 0 ? "" : ",").append(a.shape()[i]);
      }
      json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
      offset += bytes;
    }
    json.append('}');
    byte[] utf8 = json.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (utf8.length + 7) & ~7;
    byte[] out = Arrays.copyOf(utf8, padded);
    Arrays.fill(out, utf8.length, padded, (byte) ' ');
    return out;
  }

  private static void writeData(NamedArray a, ByteBuffer buf, OutputStream out) throws IOException {
    a.type().write(a.data(), buf, out);
  }

  static void drain(ByteBuffer buf, OutputStream out) throws IOException {
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }

  /**
   * Reads and validates {@code file}.
   *
   * @throws SafeTensorsFormatException if the file is malformed; the message names the file, the
   *     byte offset and what was expected there
   * @throws IOException if reading fails, or {@code file} is not a regular file (a directory, or a
   *     FIFO that would block)
   */
  public static Contents read(Path file) throws IOException {
    InputFiles.requireRegular(file, "a safetensors file");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new SafeTensorsFormatException(file, 0, "file has " + size
            + " bytes, expected at least 8 for the little-endian header length");
      }
      ByteBuffer lenBuf = readFully(ch, file, 0, 8);
      long n = lenBuf.order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (Long.compareUnsigned(n, size - 8) > 0) {
        throw new SafeTensorsFormatException(file, 0, "header length " + Long.toUnsignedString(n)
            + " is larger than the file: expected at most " + (size - 8) + " (file size " + size + " - 8)");
      }
      if (n > MAX_HEADER_BYTES) {
        throw new SafeTensorsFormatException(file, 0, "header length " + n + ", expected at most "
            + MAX_HEADER_BYTES);
      }
      byte[] headerBytes = readFully(ch, file, 8, (int) n).array();
      Node root = HeaderJson.parse(file, headerBytes, 8);
      if (!(root instanceof Obj top)) {
        throw new SafeTensorsFormatException(file, root.offset(), "header is not a JSON object, expected '{'");
      }
      long dataStart = 8 + n;
      long dataSize = size - dataStart;

      Map<String, String> metadata = new LinkedHashMap<>();
      List<Entry> entries = new ArrayList<>();
      for (Map.Entry<String, Node> m : top.members().entrySet()) {
        if (m.getKey().equals(METADATA_KEY)) {
          readMetadata(file, m.getValue(), metadata);
        } else {
          entries.add(entry(file, m.getKey(), m.getValue()));
        }
      }
      entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
      checkLayout(file, entries, dataStart, dataSize, size);

      Map<String, NamedArray> tensors = new LinkedHashMap<>();
      for (Entry e : entries) {
        ByteBuffer bytes = readFully(ch, file, dataStart + e.begin, (int) (e.end - e.begin))
            .order(ByteOrder.LITTLE_ENDIAN);
        tensors.put(e.name, e.type.read(e.shape, bytes, (int) e.count));
      }
      return new Contents(tensors, metadata);
    }
  }

  /** One validated header entry. */
  private record Entry(String name, ElementType type, int[] shape, long count, long begin, long end, long offset) {}

  private static void readMetadata(Path file, Node node, Map<String, String> into)
      throws SafeTensorsFormatException {
    if (!(node instanceof Obj obj)) {
      throw new SafeTensorsFormatException(file, node.offset(),
          "\"__metadata__\" is not an object, expected a map of strings to strings");
    }
    for (Map.Entry<String, Node> e : obj.members().entrySet()) {
      if (!(e.getValue() instanceof Str s)) {
        throw new SafeTensorsFormatException(file, e.getValue().offset(),
            "metadata \"" + e.getKey() + "\" is not a string, expected a string value");
      }
      into.put(e.getKey(), s.value());
    }
  }

  private static Entry entry(Path file, String name, Node node) throws SafeTensorsFormatException {
    String what = "tensor \"" + name + "\"";
    if (!(node instanceof Obj obj)) {
      throw new SafeTensorsFormatException(file, node.offset(),
          what + " is not an object, expected {\"dtype\", \"shape\", \"data_offsets\"}");
    }
    for (String key : obj.members().keySet()) {
      if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
        throw new SafeTensorsFormatException(file, obj.members().get(key).offset(),
            what + " has unknown key \"" + key + "\", expected only dtype, shape, data_offsets");
      }
    }
    Node dtypeNode = member(file, obj, "dtype", what);
    if (!(dtypeNode instanceof Str dtypeStr)) {
      throw new SafeTensorsFormatException(file, dtypeNode.offset(), what + ": dtype is not a string, expected " + ElementType.NAMES);
    }
    String dtype = dtypeStr.value();
    ElementType type = ElementType.named(dtype);
    if (type == null) {
      throw new SafeTensorsFormatException(file, dtypeNode.offset(),
          what + ": unsupported dtype \"" + dtype + "\", expected " + ElementType.NAMES);
    }
    List<Node> dims = array(file, member(file, obj, "shape", what), what + ": shape", -1);
    int[] shape = new int[dims.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      long d = nonNegative(file, dims.get(i), what + ": shape[" + i + "]");
      if (d > Integer.MAX_VALUE) {
        throw new SafeTensorsFormatException(file, dims.get(i).offset(),
            what + ": dimension " + d + ", expected at most " + Integer.MAX_VALUE);
      }
      shape[i] = (int) d;
      count *= d;
      if (count > Integer.MAX_VALUE) {
        throw new SafeTensorsFormatException(file, dims.get(i).offset(),
            what + ": shape has more than " + Integer.MAX_VALUE + " elements, expected an array Java can hold");
      }
    }
    Node offsetsNode = member(file, obj, "data_offsets", what);
    List<Node> offs = array(file, offsetsNode, what + ": data_offsets", 2);
    long begin = nonNegative(file, offs.get(0), what + ": data_offsets[0]");
    long end = nonNegative(file, offs.get(1), what + ": data_offsets[1]");
    if (begin > end) {
      throw new SafeTensorsFormatException(file, offsetsNode.offset(),
          what + ": data_offsets [" + begin + ", " + end + "], expected begin <= end");
    }
    long need = count * type.bytes;
    if (end - begin != need) {
      throw new SafeTensorsFormatException(file, offsetsNode.offset(), what + ": shape "
          + Arrays.toString(shape) + " of " + dtype + " needs " + need + " bytes, expected data_offsets to span that, but ["
          + begin + ", " + end + "] spans " + (end - begin));
    }
    return new Entry(name, type, shape, count, begin, end, offsetsNode.offset());
  }

  /** Checks that the sorted entries tile [0, dataSize) exactly: no overlap, no hole, no overrun. */
  private static void checkLayout(Path file, List<Entry> sorted, long dataStart, long dataSize, long fileSize)
      throws SafeTensorsFormatException {
    long expected = 0;
    Entry previous = null;
    for (Entry e : sorted) {
      String what = "tensor \"" + e.name + "\" data_offsets [" + e.begin + ", " + e.end + "]";
      if (e.begin < expected) {
        throw new SafeTensorsFormatException(file, e.offset, what + " overlap tensor \"" + previous.name
            + "\" [" + previous.begin + ", " + previous.end + "], expected begin " + expected);
      }
      if (e.begin > expected) {
        throw new SafeTensorsFormatException(file, e.offset, what + " leave bytes [" + expected + ", "
            + e.begin + ") of the data section unused, expected begin " + expected);
      }
      if (e.end > dataSize) {
        throw new SafeTensorsFormatException(file, fileSize, "data truncated or offsets out of range: "
            + what + " end at file byte " + (dataStart + e.end) + ", expected the file to have at least that many bytes, it has "
            + fileSize);
      }
      expected = e.end;
      previous = e;
    }
    if (expected != dataSize) {
      throw new SafeTensorsFormatException(file, dataStart + expected, (dataSize - expected)
          + " bytes after the last tensor belong to no tensor, expected the file to end at byte " + (dataStart + expected));
    }
  }

  private static Node member(Path file, Obj obj, String key, String what) throws SafeTensorsFormatException {
    Node n = obj.members().get(key);
    if (n == null) {
      throw new SafeTensorsFormatException(file, obj.offset(), what + " has no \"" + key
          + "\", expected dtype, shape and data_offsets");
    }
    return n;
  }

  private static List<Node> array(Path file, Node node, String what, int length) throws SafeTensorsFormatException {
    if (!(node instanceof Arr arr)) {
      throw new SafeTensorsFormatException(file, node.offset(), what + " is not an array, expected a JSON array of integers");
    }
    if (length >= 0 && arr.items().size() != length) {
      throw new SafeTensorsFormatException(file, node.offset(), what + " has " + arr.items().size()
          + " entries, expected " + length);
    }
    return arr.items();
  }

  private static long nonNegative(Path file, Node node, String what) throws SafeTensorsFormatException {
    if (!(node instanceof Num num) || num.value() < 0) {
      throw new SafeTensorsFormatException(file, node.offset(), what + " is not a non-negative integer, expected one");
    }
    return num.value();
  }

  private static ByteBuffer readFully(FileChannel ch, Path file, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      int r = ch.read(buf, position + buf.position());
      if (r < 0) {
        throw new SafeTensorsFormatException(file, position + buf.position(),
            "file ended, expected " + buf.remaining() + " more bytes (was it truncated while reading?)");
      }
    }
    buf.flip();
    return buf;
  }
}
