package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Sgd;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a steady step of the course recipe through the {@link Trainer} (batch copy, forward,
 * quadratic cost, backward, SGD, the accuracy metric) allocates under 10 KB, read from the JVM's
 * exact per-thread allocation counter. Allocation is not timing, but it depends on the JIT (the
 * Vector API boxes its vectors until C2 has compiled a kernel, and escape analysis differs between
 * JDKs), so the figure is the smallest of many windows of steps: steady once compiled. JDK 17 and
 * 25 both: 9.7 and 9.1 KB at the time of writing.
 */
class SteadyStepGarbageTest {
  static final int EXAMPLES = 1000, BATCH = 10, EPOCHS = 200, WINDOW = 10;
  static final long LIMIT_BYTES = 10 * 1024;

  /** A DataSplit like MNIST's training set in small: about 19% of pixels set, labels 0..9. */
  static DataSplit syntheticMnist(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] pixels = new float[EXAMPLES * 784];
    for (int i = 0; i < pixels.length; i++) pixels[i] = rnd.nextDouble() < 0.19 ? (float) rnd.nextDouble() : 0f;
    int[] labels = new int[EXAMPLES];
    for (int i = 0; i < EXAMPLES; i++) labels[i] = rnd.nextInt(10);
    return new DataSplit("synthetic", EXAMPLES, 28, 28, FloatBuffer.wrap(pixels), labels);
  }

  static Sequential courseNetwork(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return new Sequential(new Dense(784, 100, Init.gaussian(), rng), Activation.sigmoid(),
        new Dense(100, 10, Init.gaussian(), rng), Activation.sigmoid());
  }

  /** The calling thread's allocated bytes (com.sun.management, reached by reflection: no compile-time read of jdk.management). */
  static long allocatedBytes() {
    try {
      Object mx = ManagementFactory.getThreadMXBean();
      return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes").invoke(mx);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JVM has no per-thread allocation counter", e);
    }
  }

  /**
   * Measured in a JVM of its own, as a user's training runs: in the test JVM, hundreds of other
   * tests leave the engine's call sites megamorphic, C2 inlines less, escape analysis removes fewer
   * short-lived objects, and the same step allocated twice as much (20 KB).
   */
  @Test void aSteadyCourseStepAllocatesUnderTenKilobytes() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) command.add("--add-modules=jdk.incubator.vector");
    command.add("-Dchainrule.kernels=" + System.getProperty("chainrule.kernels", "auto"));
    command.addAll(List.of("-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), SteadyStepGarbageTest.class.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    System.out.print(output);   // the figure, in the surefire report
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the measuring JVM did not finish");
    assertEquals(0, child.exitValue(), output);
    Matcher m = Pattern.compile("best (\\d+) bytes").matcher(output);
    assertTrue(m.find(), output);
    long best = Long.parseLong(m.group(1));
    assertTrue(best < LIMIT_BYTES, output + "\nexpected under " + LIMIT_BYTES + " bytes per step");
  }

  /**
   * The measuring JVM: trains the course network with the Trainer for {@value #EPOCHS} epochs of
   * {@value #EXAMPLES} examples and prints the bytes per step of every window of {@value #WINDOW}
   * epochs after the first, and the smallest.
   */
  public static void main(String[] args) {
    DataSplit train = syntheticMnist(3);
    Sequential net = courseNetwork(1);
    long[] atEpochEnd = new long[EPOCHS];
    int[] epochs = {0};
    Trainer trainer = Trainer.builder()
        .model(net).cost(new QuadraticCost()).optimizer(new Sgd(net.parameters(), 3.0))
        .epochs(EPOCHS).batchSize(BATCH).shuffle(new SplittableRandom(1))
        .batchListener((epoch, seen, total) -> {
          if (seen == total) atEpochEnd[epochs[0]++] = allocatedBytes();
        })
        .build();
    trainer.fit(train);
    int steps = WINDOW * EXAMPLES / BATCH;
    List<Long> perStep = new ArrayList<>();
    for (int e = WINDOW; e + WINDOW < EPOCHS; e += WINDOW) perStep.add((atEpochEnd[e + WINDOW] - atEpochEnd[e]) / steps);
    System.out.println("bytes allocated per steady course step, per window of " + steps + " steps: " + perStep
        + "; best " + perStep.stream().min(Long::compare).orElseThrow() + " bytes");
  }

  @Test void theTrainerGivesTheBitsOfALoopOverFreshBatches() {
    DataSplit train = syntheticMnist(5);
    Sequential trained = courseNetwork(2), plain = courseNetwork(2);
    Trainer.builder().model(trained).cost(new QuadraticCost()).optimizer(new Sgd(trained.parameters(), 3.0))
        .epochs(2).batchSize(BATCH).shuffle(new SplittableRandom(4)).build().fit(train);
    Sgd sgd = new Sgd(plain.parameters(), 3.0);
    DataLoader fresh = DataLoader.of(train, BATCH).shuffle(new SplittableRandom(4));
    for (int epoch = 0; epoch < 2; epoch++) {
      for (Batch b : fresh) {
        sgd.zeroGrad();
        Tensor out = plain.forward(b.inputs());
        new QuadraticCost().apply(out, b.targets()).backward();
        sgd.step();
      }
    }
    for (String name : trained.namedParameters().keySet()) {
      assertArrayEquals(plain.namedParameters().get(name).toFloatArray(), trained.namedParameters().get(name).toFloatArray(), name);
    }
  }

  @Test void aBatchKeptFromAPlainLoaderNeverChanges() {
    DataSplit train = syntheticMnist(7);
    var epoch = DataLoader.of(train, BATCH).iterator();
    Batch first = epoch.next();
    float[] before = first.inputs().toFloatArray();
    while (epoch.hasNext()) epoch.next();
    assertArrayEquals(before, first.inputs().toFloatArray());
  }

  @Test void aReusingLoaderWritesEachBatchIntoTheSameTensors() {
    DataSplit train = syntheticMnist(7);
    var epoch = DataLoader.of(train, BATCH).reuseBatches().iterator();
    Batch first = epoch.next();
    Batch second = epoch.next();
    assertTrue(first == second, "the second batch reused the first one's tensors");
    assertArrayEquals(train.rows(10, 20).inputs().toFloatArray(), second.inputs().toFloatArray());
    assertArrayEquals(train.rows(10, 20).targets().toFloatArray(), second.targets().toFloatArray());
  }
}
