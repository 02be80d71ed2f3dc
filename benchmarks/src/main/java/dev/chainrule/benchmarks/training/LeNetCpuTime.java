package dev.chainrule.benchmarks.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Thread CPU time per LeNet-5 training step, median of rounds, as {@link StepCpuTime} does for the
 * course step: {@code layers} times {@link LeNetStepBench} (nn's Conv2d, MaxPool2d, Dense),
 * {@code public-ops} times {@link LeNetPublicOpsBench} (the same network from tensor operations).
 * Found by reflection, so the class also times an older build's benchmarks.jar.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dchainrule.kernels=simd -Dchainrule.threads=1 -XX:+UseParallelGC \
 *   -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.LeNetCpuTime public-ops 32 10 20
 * </pre>
 * Arguments: which step, batch, rounds (half as many again warm up), steps per round.
 */
public final class LeNetCpuTime {
  private LeNetCpuTime() {}

  /** Runs the measurement and prints one line. */
  public static void main(String[] args) throws Exception {
    String which = args[0];
    int batch = Integer.parseInt(args[1]), rounds = Integer.parseInt(args[2]), steps = Integer.parseInt(args[3]);
    String name = switch (which) {
      case "layers" -> "LeNetStepBench";
      case "public-ops" -> "LeNetPublicOpsBench";
      default -> throw new IllegalArgumentException("LeNetCpuTime: expected layers or public-ops, got " + which);
    };
    Class<?> c = Class.forName("dev.chainrule.benchmarks.training." + name);
    Object b = c.getDeclaredConstructor().newInstance();
    c.getField("batch").setInt(b, batch);
    c.getMethod("makeData").invoke(b);
    Method step = c.getMethod("step"), net = c.getMethod("makeNetwork");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] ms = new double[rounds];
    for (int w = 0; w < rounds / 2; w++) { net.invoke(b); for (int i = 0; i < steps; i++) step.invoke(b); }
    for (int r = 0; r < rounds; r++) {
      net.invoke(b);
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < steps; i++) step.invoke(b);
      ms[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e6 / steps;
    }
    Arrays.sort(ms);
    System.out.printf("%s batch %d: median %.2f ms/step CPU (min %.2f, max %.2f, %d rounds of %d)%n",
        which, batch, ms[rounds / 2], ms[0], ms[rounds - 1], rounds, steps);
  }
}
