package dev.chainrule.nn.io;

import static dev.chainrule.nn.io.SafeTensorsFixtures.map;
import static dev.chainrule.nn.io.SafeTensorsFixtures.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I32 and I64 entries: exact round trips, PyTorch's byte layout, and a file PyTorch's int64 labels were written to. */
class SafeTensorsIntegerTest {
  @TempDir Path dir;

  private static final int[] INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 42};
  private static final long[] LONGS = {0, -100, Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1, 7};

  @Test
  void i32AndI64RoundTripExactly() throws IOException {
    var back = roundTrip(dir, map(
        "labels", NamedArray.ofI64(new int[] {2, 3}, LONGS.clone()),
        "ids", NamedArray.ofI32(new int[] {6}, INTS.clone()),
        "empty", NamedArray.ofI64(new int[] {0}, new long[0])), null);
    assertEquals("I64", back.tensors().get("labels").dtype());
    assertArrayEquals(LONGS, back.tensors().get("labels").i64());
    assertArrayEquals(new int[] {2, 3}, back.tensors().get("labels").shape());
    assertEquals("I32", back.tensors().get("ids").dtype());
    assertArrayEquals(INTS, back.tensors().get("ids").i32());
    assertNull(back.tensors().get("ids").f32());
    assertEquals(0, back.tensors().get("empty").size());
  }

  @Test
  void bytesAreLittleEndianTwosComplementAsPyTorchWritesThem() throws IOException {
    Path f = dir.resolve("i.safetensors");
    SafeTensors.write(f, map("a", NamedArray.ofI32(new int[] {1}, new int[] {-2}),
        "b", NamedArray.ofI64(new int[] {1}, new long[] {258})), null);
    byte[] all = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(all, 8, (int) n, StandardCharsets.UTF_8).strip();
    assertEquals("{\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[4,12]}}", header);
    byte[] data = java.util.Arrays.copyOfRange(all, 8 + (int) n, all.length);
    assertArrayEquals(new byte[] {-2, -1, -1, -1, 2, 1, 0, 0, 0, 0, 0, 0}, data);
  }

  @Test
  void equalityAndHashCompareIntegerValues() {
    var a = NamedArray.ofI64(new int[] {2}, new long[] {1, 2});
    assertEquals(a, NamedArray.of("I64", new int[] {2}, new long[] {1, 2}));
    assertEquals(a.hashCode(), NamedArray.ofI64(new int[] {2}, new long[] {1, 2}).hashCode());
    assertNotEquals(a, NamedArray.ofI64(new int[] {2}, new long[] {1, 3}));
    assertNotEquals(NamedArray.ofI32(new int[] {1}, new int[] {1}), NamedArray.ofI64(new int[] {1}, new long[] {1}));
    assertEquals(8, a.elementBytes());
    var e = assertThrows(IllegalArgumentException.class, () -> NamedArray.of("I32", new int[] {1}, new long[1]));
    assertEquals("NamedArray: dtype I32 needs a int[], got long[]", e.getMessage());
  }

  @Test
  void checkpointWritesAndReadsIntegerTensors() throws IOException {
    Path f = dir.resolve("labels.safetensors");
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("labels", Tensor.ofLongs(LONGS, 6));
    t.put("ids", Tensor.ofInts(INTS, 2, 3));
    Checkpoint.write(f, t, Map.of("what", "labels"));
    Map<String, Tensor> back = Checkpoint.read(f);
    assertEquals(DType.I64, back.get("labels").dtype());
    assertArrayEquals(LONGS, back.get("labels").toLongArray());
    assertEquals(DType.I32, back.get("ids").dtype());
    assertArrayEquals(INTS, back.get("ids").toIntArray());
    assertArrayEquals(new int[] {2, 3}, back.get("ids").dims());
  }

  /** const.target of this golden file is PyTorch's own int64 tensor, written by benchmarks/python/golden_losses.py. */
  @Test
  void anInt64TensorWrittenFromPyTorchLoads() throws IOException {
    Path f = dir.resolve("torch.safetensors");
    try (InputStream in = getClass().getResourceAsStream("/golden-losses/cross_entropy_int64_targets_mean.safetensors")) {
      Files.copy(in, f);
    }
    var c = SafeTensors.read(f);
    NamedArray target = c.tensors().get("const.target");
    assertEquals("I64", target.dtype());
    assertArrayEquals(new long[] {3, 0, 4, 4}, target.i64());
    assertEquals("F64", c.tensors().get("input.0").dtype());
    Tensor labels = Checkpoint.read(f).get("const.target");
    assertEquals("tensor([3, 0, 4, 4], shape=[4], I64)", labels.toString());
  }
}
