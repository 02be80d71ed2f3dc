package dev.chainrule.nn.io;

import static dev.chainrule.nn.io.SafeTensorsFixtures.SPECIAL_F32;
import static dev.chainrule.nn.io.SafeTensorsFixtures.SPECIAL_F64;
import static dev.chainrule.nn.io.SafeTensorsFixtures.map;
import static dev.chainrule.nn.io.SafeTensorsFixtures.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsRoundTripTest {
  @TempDir Path dir;

  @Test
  void f32SpecialValuesBitExact() throws IOException {
    var back = roundTrip(dir, map("x", NamedArray.ofF32(new int[] {3, 4}, SPECIAL_F32.clone())), null);
    float[] got = back.tensors().get("x").f32();
    assertEquals(SPECIAL_F32.length, got.length);
    for (int i = 0; i < got.length; i++) {
      assertEquals(Float.floatToRawIntBits(SPECIAL_F32[i]), Float.floatToRawIntBits(got[i]), "element " + i);
    }
    assertArrayEquals(new int[] {3, 4}, back.tensors().get("x").shape());
    assertEquals("F32", back.tensors().get("x").dtype());
  }

  @Test
  void f64SpecialValuesBitExact() throws IOException {
    var back = roundTrip(dir, map("y", NamedArray.ofF64(new int[] {2, 2, 3}, SPECIAL_F64.clone())), null);
    double[] got = back.tensors().get("y").f64();
    for (int i = 0; i < got.length; i++) {
      assertEquals(Double.doubleToRawLongBits(SPECIAL_F64[i]), Double.doubleToRawLongBits(got[i]), "element " + i);
    }
    assertArrayEquals(new int[] {2, 2, 3}, back.tensors().get("y").shape());
  }

  @Test
  void emptyAndScalarTensorsKeepShapesAndOrder() throws IOException {
    var t = map(
        "empty0", NamedArray.ofF32(new int[] {0}, new float[0]),
        "w", NamedArray.ofF64(new int[] {2}, new double[] {1.5, -0.0}),
        "empty3x0", NamedArray.ofF64(new int[] {3, 0}, new double[0]),
        "scalar", NamedArray.ofF32(new int[] {}, new float[] {7f}),
        "empty_last", NamedArray.ofF32(new int[] {0, 5}, new float[0]));
    var back = roundTrip(dir, t, Map.of());
    assertEquals(List.copyOf(t.keySet()), List.copyOf(back.tensors().keySet()));
    assertEquals(t, back.tensors());
    assertArrayEquals(new int[] {3, 0}, back.tensors().get("empty3x0").shape());
    assertArrayEquals(new int[] {}, back.tensors().get("scalar").shape());
    assertTrue(back.metadata().isEmpty());
  }

  @Test
  void insertionOrderIsFileOrder() throws IOException {
    var t = map("z", NamedArray.ofF32(new int[] {1}, new float[] {1}),
        "a", NamedArray.ofF64(new int[] {1}, new double[] {2}),
        "m", NamedArray.ofF32(new int[] {2}, new float[] {3, 4}));
    assertEquals(List.of("z", "a", "m"), List.copyOf(roundTrip(dir, t, null).tensors().keySet()));
  }

  @Test
  void metadataWithEscapesAndUnicodeRoundTrips() throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("expression", "sum((a*b).sigmoid() * upstream)");
    meta.put("quotes \"and\" \\backslash/", "line1\nline2\ttab\r\u0001\u001f");
    meta.put("unicode", "η = 3.0, ∂C/∂w, 😀");
    meta.put("empty", "");
    var back = roundTrip(dir, map("x", NamedArray.ofF32(new int[] {1}, new float[] {1})), meta);
    assertEquals(meta, back.metadata());
    assertEquals(List.copyOf(meta.keySet()), List.copyOf(back.metadata().keySet()));
  }

  @Test
  void writesTheDocumentedByteLayout() throws IOException {
    Path f = dir.resolve("layout.safetensors");
    SafeTensors.write(f, map("b", NamedArray.ofF32(new int[] {2}, new float[] {1.0f, -2.0f}),
        "a", NamedArray.ofF64(new int[] {}, new double[] {0.5})), Map.of("k", "v"));
    byte[] raw = Files.readAllBytes(f);
    ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    long n = bb.getLong();
    assertEquals(0, n % 8, "header padded to a multiple of 8");
    String header = new String(raw, 8, (int) n, StandardCharsets.UTF_8);
    assertEquals("{\"__metadata__\":{\"k\":\"v\"},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}", header.stripTrailing());
    assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '));
    assertEquals(8 + n + 16, raw.length);
    bb.position((int) (8 + n));
    assertEquals(0x3f800000, bb.getInt(), "1.0f little-endian");
    assertEquals(0xc0000000, bb.getInt(), "-2.0f little-endian");
    assertEquals(0x3fe0000000000000L, bb.getLong(), "0.5 little-endian");
  }

  @Test
  void readResultIsUnmodifiable() throws IOException {
    var back = roundTrip(dir, map("x", NamedArray.ofF32(new int[] {1}, new float[] {1})), Map.of("k", "v"));
    assertThrows(UnsupportedOperationException.class, () -> back.tensors().remove("x"));
    assertThrows(UnsupportedOperationException.class, () -> back.metadata().put("a", "b"));
  }
}
