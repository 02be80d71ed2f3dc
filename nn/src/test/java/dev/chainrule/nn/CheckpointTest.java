package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.SafeTensorsFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  static Sequential net(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return new Sequential(new Dense(3, 4, Init.gaussian(), rng), Activation.sigmoid(), new Dense(4, 2, Init.gaussian(), rng));
  }

  @Test void roundTripRestoresEveryParameterAndTheOutputs() throws IOException {
    Sequential a = net(1), b = net(2);
    Tensor x = Tensor.rand(new SplittableRandom(3), DType.F32, -1, 1, 5, 3);
    Path file = dir.resolve("net.safetensors");
    Checkpoint.save(a, file);
    Checkpoint.load(b, file);
    a.namedParameters().forEach((name, p) ->
        assertArrayEquals(p.toFloatArray(), b.namedParameters().get(name).toFloatArray(), name));
    assertArrayEquals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray());
    assertTrue(b.namedParameters().get("0.weight").requiresGrad(), "still parameters after loading");
  }

  @Test void fileIsSafetensorsWithPyTorchNamesAndShapes() throws IOException {
    Path file = dir.resolve("net.safetensors");
    Checkpoint.save(net(1), file);
    byte[] bytes = Files.readAllBytes(file);
    long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
    assertTrue(header.contains("\"0.weight\"") && header.contains("\"2.bias\""), header);
    assertTrue(header.replace(" ", "").contains("\"dtype\":\"F32\",\"shape\":[4,3]"), header);
    assertEquals(8 + headerLength + 4L * (12 + 4 + 8 + 2), bytes.length);
    // data is raw little-endian float32: the first weight is at the start of the data section
    float first = ByteBuffer.wrap(bytes, 8 + (int) headerLength, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    assertEquals(((Dense) net(1).get(0)).weight().get(0, 0), first);
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(Checkpoint.read(file).keySet()));
  }

  @Test void overwritesAtomicallyLeavingNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("net.safetensors");
    Checkpoint.save(net(1), file);
    Checkpoint.save(net(2), file);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
    Sequential c = net(3);
    Checkpoint.load(c, file);
    assertArrayEquals(net(2).namedParameters().get("2.bias").toFloatArray(), c.namedParameters().get("2.bias").toFloatArray());
  }

  @Test void truncatedFileIsRefusedWithAClearMessage() throws IOException {
    Path file = dir.resolve("net.safetensors");
    Checkpoint.save(net(1), file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
    Sequential target = net(2);
    float[] before = target.namedParameters().get("0.weight").toFloatArray();
    SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> Checkpoint.load(target, file));
    assertTrue(e.getMessage().startsWith(file + ": at byte "), e.getMessage());
    assertArrayEquals(before, target.namedParameters().get("0.weight").toFloatArray(), "model untouched");
  }

  @Test void corruptedHeaderIsRefusedWithAClearMessage() throws IOException {
    Path file = dir.resolve("net.safetensors");
    Checkpoint.save(net(1), file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[8] = 'X';   // the header's opening brace
    Files.write(file, bytes);
    SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> Checkpoint.load(net(2), file));
    assertTrue(e.getMessage().contains("at byte 8"), e.getMessage());
  }

  @Test void aCheckpointOfAnotherArchitectureIsRefused() throws IOException {
    Path file = dir.resolve("net.safetensors");
    Checkpoint.save(net(1), file);
    Sequential other = new Sequential(new Dense(3, 4, Init.gaussian(), new SplittableRandom(1)), Activation.tanh(),
        new Dense(4, 3, Init.gaussian(), new SplittableRandom(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(other, file));
    assertTrue(e.getMessage().contains("'2.weight' has shape [3, 4], values have shape [2, 4]"), e.getMessage());
    Sequential deeper = new Sequential(new Dense(3, 4, Init.gaussian(), new SplittableRandom(1)));
    IllegalArgumentException names = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(deeper, file));
    assertTrue(names.getMessage().contains("unexpected [2.weight, 2.bias]"), names.getMessage());
  }

  @Test void float64ModelsRoundTripBitExactly() throws IOException {
    Dense d = new Dense(2, 2, Init.gaussian(), new SplittableRandom(1), DType.F64);
    Path file = dir.resolve("d.safetensors");
    Checkpoint.save(d, file);
    Dense e = new Dense(2, 2, Init.gaussian(), new SplittableRandom(2), DType.F64);
    Checkpoint.load(e, file);
    assertArrayEquals(d.weight().toDoubleArray(), e.weight().toDoubleArray());
    assertEquals(DType.F64, Checkpoint.read(file).get("weight").dtype());
  }
}
