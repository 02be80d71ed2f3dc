package dev.chainrule.nn.io;

import static dev.chainrule.nn.io.SafeTensorsFixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files built byte by byte, so each carries exactly the defect under test. */
class SafeTensorsCorruptionTest {
  @TempDir Path dir;

  private static final String A_F32_2 = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

  private Path file(String name, long headerLength, byte[] header, byte[] data) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    bb.putLong(headerLength).put(header).put(data);
    Path f = dir.resolve(name);
    Files.write(f, bb.array());
    return f;
  }

  private Path file(String name, long headerLength, String header, byte[] data) throws IOException {
    return file(name, headerLength, header.getBytes(StandardCharsets.UTF_8), data);
  }

  private Path file(String name, String header, byte[] data) throws IOException {
    return file(name, header.getBytes(StandardCharsets.UTF_8).length, header, data);
  }

  /** Asserts read refuses f with a message naming the file and the offset and containing each part. */
  private static void refused(Path f, long offset, String... parts) {
    var e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(f));
    String m = e.getMessage();
    assertTrue(m.startsWith(f + ": at byte " + offset + ": "), m);
    for (String p : parts) {
      assertTrue(m.contains(p), "message lacks '" + p + "': " + m);
    }
    assertEquals(offset, e.offset());
    assertEquals(f, e.file());
  }

  @Test
  void validHandMadeFileIsAccepted() throws IOException {
    // Guards the builder: with a correct header the same bytes must read back.
    Path f = file("ok.safetensors", A_F32_2, new byte[8]);
    assertEquals(List.of("a"), List.copyOf(SafeTensors.read(f).tensors().keySet()));
  }

  @Test
  void fileShorterThanTheLengthField() throws IOException {
    Path f = dir.resolve("short.safetensors");
    Files.write(f, new byte[] {1, 0, 0, 0, 0});
    refused(f, 0, "file has 5 bytes, expected at least 8");
  }

  @Test
  void headerLengthLargerThanTheFile() throws IOException {
    Path f = file("len.safetensors", 1000, A_F32_2, new byte[8]);
    long size = Files.size(f);
    refused(f, 0, "header length 1000 is larger than the file", "expected at most " + (size - 8));
  }

  @Test
  void headerLengthWithTheHighBitSet() throws IOException {
    refused(file("huge.safetensors", -1L, A_F32_2, new byte[8]), 0,
        "header length 18446744073709551615 is larger than the file");
  }

  @Test
  void badJsonTruncatedObject() throws IOException {
    String h = "{\"a\":{\"dtype\":\"F32\"";
    refused(file("trunc.safetensors", h, new byte[0]), 8 + h.length(), "bad JSON", "expected ',' or '}'");
  }

  @Test
  void badJsonMissingColon() throws IOException {
    String h = "{\"a\" {}}";
    refused(file("colon.safetensors", h, new byte[0]), 8 + 5, "bad JSON: found '{', expected ':'");
  }

  @Test
  void badJsonNotAnObject() throws IOException {
    String h = "[1,2]   ";
    refused(file("array.safetensors", h, new byte[0]), 8, "header is not a JSON object");
  }

  @Test
  void trailingGarbageAfterTheHeader() throws IOException {
    String h = "{}  x   ";
    refused(file("garbage.safetensors", h, new byte[0]), 8 + 4, "trailing 'x'");
  }

  @Test
  void duplicateTensorName() throws IOException {
    String entry = "{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}";
    String h = "{\"a\":" + entry + ",\"a\":" + entry + "}";
    refused(file("dup.safetensors", h, new byte[0]), 8 + h.lastIndexOf("\"a\""), "duplicate key \"a\"");
  }

  @Test
  void invalidUtf8InAName() throws IOException {
    byte[] h = {'{', '"', (byte) 0xC3, '"', ':', '{', '}', '}'};
    refused(file("utf8.safetensors", h.length, h, new byte[0]), 8 + 2, "invalid UTF-8 byte 0xc3");
  }

  @Test
  void unknownDtype() throws IOException {
    String h = "{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}";
    refused(file("dtype.safetensors", h, new byte[2]), 8 + h.indexOf("\"U8\""),
        "tensor \"a\": unsupported dtype \"U8\", expected \"F32\", \"F64\", \"I32\", \"I64\", \"F16\" or \"BF16\"");
  }

  @Test
  void shapeProductDoesNotMatchTheByteRange() throws IOException {
    String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}";
    refused(file("shape.safetensors", h, new byte[20]), 8 + h.indexOf("[0,20]"),
        "shape [2, 3] of F32 needs 24 bytes", "[0, 20] spans 20");
  }

  @Test
  void negativeOrFractionalDimension() throws IOException {
    String neg = "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,0]}}";
    refused(file("neg.safetensors", neg, new byte[0]), 8 + neg.indexOf("-2"),
        "shape[0] is not a non-negative integer");
    String frac = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}";
    refused(file("frac.safetensors", frac, new byte[8]), 8 + frac.indexOf(".0"), "expected an integer");
  }

  @Test
  void overlappingOffsets() throws IOException {
    String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    refused(file("overlap.safetensors", h, new byte[12]), 8 + h.indexOf("[4,12]"),
        "tensor \"b\" data_offsets [4, 12] overlap tensor \"a\" [0, 8], expected begin 8");
  }

  @Test
  void beginAfterEnd() throws IOException {
    String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}";
    refused(file("order.safetensors", h, new byte[8]), 8 + h.indexOf("[8,0]"), "expected begin <= end");
  }

  @Test
  void offsetsPastTheEndOfTheData() throws IOException {
    String h = "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
    Path f = file("range.safetensors", h, new byte[4]);
    long size = Files.size(f);
    refused(f, size, "data truncated or offsets out of range",
        "end at file byte " + (8 + h.length() + 16), "it has " + size);
  }

  @Test
  void holeBetweenTensors() throws IOException {
    String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
    refused(file("hole.safetensors", h, new byte[12]), 8 + h.indexOf("[8,12]"),
        "leave bytes [4, 8)", "expected begin 4");
  }

  @Test
  void bytesAfterTheLastTensor() throws IOException {
    refused(file("extra.safetensors", A_F32_2, new byte[11]), 8 + A_F32_2.length() + 8,
        "3 bytes after the last tensor belong to no tensor");
  }

  @Test
  void metadataValueNotAString() throws IOException {
    String h = "{\"__metadata__\":{\"epochs\":3}}";
    refused(file("meta.safetensors", h, new byte[0]), 8 + h.indexOf('3'), "metadata \"epochs\" is not a string");
  }

  @Test
  void missingAndUnknownKeys() throws IOException {
    String missing = "{\"a\":{\"dtype\":\"F32\",\"shape\":[0]}}";
    refused(file("missing.safetensors", missing, new byte[0]), 8 + missing.indexOf("{\"dtype"),
        "has no \"data_offsets\"");
    String extra = "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"x\":[]}}";
    refused(file("unknownkey.safetensors", extra, new byte[0]), 8 + extra.indexOf("[]"), "unknown key \"x\"");
  }

  @Test
  void truncatedFileFromTheWriter() throws IOException {
    Path f = dir.resolve("cut.safetensors");
    SafeTensors.write(f, map("w", NamedArray.ofF32(new int[] {4, 4}, new float[16])), Map.of("a", "b"));
    SafeTensors.read(f); // intact before the cut
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3);
    }
    refused(f, Files.size(f), "data truncated", "tensor \"w\" data_offsets [0, 64]");
  }
}
