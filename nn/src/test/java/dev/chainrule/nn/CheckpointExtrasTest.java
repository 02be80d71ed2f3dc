package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.SafeTensors;
import dev.chainrule.nn.optim.Sgd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 5: half precision, non-strict loading, the architecture in the file, 0644. */
class CheckpointExtrasTest {
  @TempDir Path dir;

  /** A file with one [2, 2] entry of the given 16-bit dtype holding {@code bits}. */
  private Path sixteenBitFile(String dtype, int... bits) throws IOException {
    String json = "{\"w\":{\"dtype\":\"" + dtype + "\",\"shape\":[2,2],\"data_offsets\":[0,8]}}";
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    for (int v : bits) b.putShort((short) v);
    Path f = dir.resolve(dtype + ".safetensors");
    Files.write(f, b.array());
    return f;
  }

  @Test void halfPrecisionIsReadAsFloat32Exactly() throws IOException {
    // 1.0, -2.0, the smallest subnormal 2^-24, +infinity
    Tensor t = Checkpoint.read(sixteenBitFile("F16", 0x3C00, 0xC000, 0x0001, 0x7C00)).get("w");
    assertEquals(DType.F32, t.dtype());
    assertArrayEquals(new float[] {1f, -2f, 0x1p-24f, Float.POSITIVE_INFINITY}, t.toFloatArray());
    // 65504 (the largest half), -0.0, NaN, 0.333251953125
    float[] more = Checkpoint.read(sixteenBitFile("F16", 0x7BFF, 0x8000, 0x7E00, 0x3555)).get("w").toFloatArray();
    assertEquals(65504f, more[0]);
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(more[1]));
    assertTrue(Float.isNaN(more[2]));
    assertEquals(0.333251953125f, more[3]);
  }

  @Test void bfloat16IsReadAsTheUpperHalfOfAFloat() throws IOException {
    float[] v = Checkpoint.read(sixteenBitFile("BF16", 0x3F80, 0xC040, 0x7F80, 0x0001)).get("w").toFloatArray();
    assertArrayEquals(new float[] {1f, -3f, Float.POSITIVE_INFINITY, Float.intBitsToFloat(0x10000)}, v);
  }

  @Test void halfPrecisionLoadsIntoFloat32AndFloat64Models() throws IOException {
    String json = "{\"weight\":{\"dtype\":\"F16\",\"shape\":[1,2],\"data_offsets\":[0,4]},"
        + "\"bias\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]}}";
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + 6).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header).putShort((short) 0x3800).putShort((short) 0xC000).putShort((short) 0x3F80);
    Path f = Files.write(dir.resolve("half.safetensors"), b.array());   // weight [0.5, -2], bias [1]
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      Dense layer = new Dense(2, 1, Init.xavier(), new SplittableRandom(1), dtype);
      Checkpoint.load(layer, f);
      assertEquals(dtype, layer.weight().dtype());
      assertArrayEquals(new double[] {0.5, -2}, layer.weight().toDoubleArray());
      assertArrayEquals(new double[] {1}, layer.bias().toDoubleArray());
    }
  }

  @Test void nonStrictLoadListsWhatItLoadedMissedAndSkipped() throws IOException {
    SplittableRandom rng = new SplittableRandom(1);
    Sequential trained = new Sequential(new Dense(3, 4, Init.xavier(), rng), Activation.tanh(), new Dense(4, 2, Init.xavier(), rng));
    Sgd sgd = new Sgd(trained.parameters(), 0.1, 0.9, 0.0);
    trained.forward(Tensor.ones(1, 3)).sum().backward();
    sgd.step();
    Path f = dir.resolve("ckpt.safetensors");
    Checkpoint.save(trained, sgd, f, Map.of());
    // A new head with 5 outputs: layer 2 differs, so leave it out of the comparison by building it as layer 3.
    Sequential other = new Sequential(new Dense(3, 4, Init.xavier(), rng), Activation.tanh(), Activation.relu(), new Dense(4, 5, Init.xavier(), rng));
    Checkpoint.LoadReport r = Checkpoint.loadNonStrict(other, f);
    assertEquals(List.of("0.weight", "0.bias"), r.loaded());
    assertEquals(List.of("3.weight", "3.bias"), r.missing());
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), trained.namedParameters().keySet().stream().toList());
    assertTrue(r.skipped().containsAll(List.of("2.weight", "2.bias", "optimizer.velocity.0.weight")), r.skipped().toString());
    assertArrayEquals(trained.namedParameters().get("0.weight").toFloatArray(), other.namedParameters().get("0.weight").toFloatArray());

    Sequential clash = new Sequential(new Dense(3, 4, Init.xavier(), rng), Activation.tanh(), new Dense(4, 5, Init.xavier(), rng));
    float[] before = clash.namedParameters().get("0.weight").toFloatArray();
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadNonStrict(clash, f));
    assertTrue(e.getMessage().contains("'2.weight' has shape [5, 4], the file's entry has shape [2, 4]; nothing was loaded"), e.getMessage());
    assertArrayEquals(before, clash.namedParameters().get("0.weight").toFloatArray());
  }

  @Test void aSequentialOfBuiltInLayersIsRebuiltFromTheFileAlone() throws IOException {
    SplittableRandom rng = new SplittableRandom(3);
    Sequential net = new Sequential(new Dense(5, 7, Init.he(), rng), Activation.relu(), new Dropout(0.3, rng),
        new Dense(7, 6, Init.xavier(), rng), Activation.tanh(), new Dense(6, 4, Init.xavier(), rng, DType.F32), Activation.sigmoid(),
        Activation.step(), Activation.softmax());
    Path f = dir.resolve("any.safetensors");
    Checkpoint.save(net, f);
    assertEquals("Dense(5->7) ReLU Dropout(0.3) Dense(7->6) Tanh Dense(6->4) Sigmoid Step Softmax",
        SafeTensors.read(f).metadata().get(Architecture.METADATA_KEY));
    Sequential rebuilt = Checkpoint.loadModel(f);
    net.eval();
    Tensor x = Tensor.rand(new SplittableRandom(4), DType.F32, -1, 1, 3, 5);
    assertArrayEquals(net.forward(x).toFloatArray(), rebuilt.forward(x).toFloatArray());
    assertEquals(net.toString(), rebuilt.toString());
  }

  @Test void anArchitectureThatDisagreesWithTheTensorsIsRefusedBeforeBuilding() throws IOException {
    Path f = dir.resolve("lie.safetensors");
    Checkpoint.write(f, Map.of("0.weight", Tensor.zeros(3, 2), "0.bias", Tensor.zeros(3)),
        Map.of(Architecture.METADATA_KEY, "Dense(2->2000000000) Sigmoid"));
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadModel(f));
    assertTrue(e.getMessage().contains("layer 0 Dense(2->2000000000) needs tensors 0.weight [2000000000, 2] and 0.bias [2000000000],"
        + " the file has [3, 2] and [3]"), e.getMessage());
    Checkpoint.write(f, Map.of(), Map.of(Architecture.METADATA_KEY, "Sigmoid ".repeat(Architecture.MAX_LAYERS + 1).trim()));
    e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadModel(f));
    assertTrue(e.getMessage().contains("more than 10000 layers"), e.getMessage());
    Checkpoint.write(f, Map.of(), Map.of(Architecture.METADATA_KEY, "Conv2d(3,8)"));
    e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadModel(f));
    assertTrue(e.getMessage().contains("layer 0 'Conv2d(3,8)' is not a built-in layer"), e.getMessage());
  }

  @Test void filesAreWrittenWithTheUsualPermissionsAndNoTemporaryFileStays() throws IOException {
    Path f = dir.resolve("perm.safetensors");
    Checkpoint.save(new Dense(2, 2, Init.xavier(), new SplittableRandom(1)), f);
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");   // what this umask gives any new file
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("perm.safetensors", "plain.txt"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
