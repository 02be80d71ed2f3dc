package dev.chainrule.nn.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chainrule.nn.io.NamedArray;
import dev.chainrule.nn.io.SafeTensors;
import dev.chainrule.nn.io.SafeTensorsFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The safetensors reader on any bytes, and on headers built from fuzzed parts (names, dtypes,
 * shapes, offsets, metadata) so the fuzzer reaches the checks behind the JSON syntax. Allowed:
 * {@link SafeTensorsFormatException} naming the file; and what is read never holds more values
 * than the file has bytes for (F16/BF16 widen 2 bytes to one float).
 */
class SafeTensorsFuzzTest {
  private static final String[] DTYPES = {"F32", "F64", "F16", "BF16", "I64", "U8", "", "f32", "F32 "};

  @FuzzTest(maxDuration = "7s")
  void anyBytes(byte[] data) throws IOException {
    read(FuzzFiles.write(data));
  }

  @FuzzTest(maxDuration = "7s")
  void structuredHeader(FuzzedDataProvider d) throws IOException {
    StringBuilder json = new StringBuilder("{");
    if (d.consumeBoolean()) {
      json.append("\"__metadata__\":{\"").append(escape(d.consumeString(8))).append("\":\"")
          .append(escape(d.consumeString(16))).append("\"},");
    }
    int entries = d.consumeInt(0, 4);
    long offset = 0;
    for (int i = 0; i < entries; i++) {
      String dtype = d.pickValue(DTYPES);
      json.append(i == 0 ? "" : ",").append('"').append(d.consumeBoolean() ? "t" + i : escape(d.consumeString(6))).append("\":{")
          .append("\"dtype\":\"").append(dtype).append("\",\"shape\":[");
      int rank = d.consumeInt(0, 4);
      for (int r = 0; r < rank; r++) json.append(r == 0 ? "" : ",").append((long) (d.consumeBoolean() ? d.consumeInt(0, 8) : d.consumeLong()));
      long begin = d.consumeBoolean() ? offset : d.consumeLong(-1, 1L << 40);
      long end = d.consumeBoolean() ? begin + d.consumeInt(0, 64) : d.consumeLong();
      json.append("],\"data_offsets\":[").append(begin).append(',').append(end).append("]}");
      offset = Math.max(offset, end);
    }
    json.append('}');
    byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
    byte[] data = d.consumeBytes(d.consumeInt(0, 512));
    long declared = d.consumeBoolean() ? header.length : d.consumeLong();
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(declared).put(header).put(data);
    read(FuzzFiles.write(b.array()));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  static void read(Path file) throws IOException {
    long size = Files.size(file);
    SafeTensors.Contents c;
    try {
      c = SafeTensors.read(file);
    } catch (SafeTensorsFormatException e) {
      FuzzFiles.namesTheFile(e, file);
      return;
    }
    long values = 0;
    for (NamedArray a : c.tensors().values()) values += a.size();
    if (values > Math.max(1, size) * 2L) {
      throw new AssertionError(values + " values read from a file of " + size + " bytes");
    }
  }
}
