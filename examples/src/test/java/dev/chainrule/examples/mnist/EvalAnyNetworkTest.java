package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.Main;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Checkpoint;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 5: {@code chainrule eval} rebuilds any Sequential of built-in layers saved by {@code Checkpoint.save}. */
class EvalAnyNetworkTest {
  @TempDir Path dir;

  private Path saved(Sequential net) throws Exception {
    Path file = dir.resolve("any.safetensors");
    Checkpoint.save(net, file);
    return file;
  }

  private static Sequential net() {
    SplittableRandom rng = new SplittableRandom(4);
    return new Sequential(new Dense(784, 32, Init.he(), rng), Activation.tanh(), new Dense(32, 10, Init.xavier(), rng),
        Activation.softmax());
  }

  @Test void aFileWithoutARecipeIsRebuiltFromItsArchitecture() throws Exception {
    Sequential net = net();
    WeightsFile.Loaded loaded = WeightsFile.load(saved(net));
    assertNull(loaded.recipe());
    assertEquals(net.toString(), loaded.net().toString());
    Tensor x = Tensor.rand(new SplittableRandom(5), DType.F32, 0, 1, 3, 784);
    assertArrayEquals(net.forward(x).toFloatArray(), loaded.net().forward(x).toFloatArray());
  }

  @Test void evalReportsItsAccuracy() throws Exception {
    String data = System.getenv("MNIST_DIR");
    assumeTrue(data != null && Files.isDirectory(Path.of(data)), "MNIST_DIR is not set: eval on the test set skipped");
    Path file = saved(net());
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      exit = Main.commandLine().execute("eval", file.toString(), "--data", data);
    } finally {
      System.setOut(saved);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, out);
    assertTrue(out.contains("Network Sequential(") && out.contains("Test accuracy"), out);
  }
}
