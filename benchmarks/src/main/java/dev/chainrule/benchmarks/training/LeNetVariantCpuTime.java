package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.profile.Profiler;
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
 *   -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.LeNetVariantCpuTime public-ops 32 10 20
 * </pre>
 * Arguments: which step, batch, rounds (half as many again warm up), steps per round, and
 * optionally {@code profiled}: the measured rounds then run under a {@link Profiler}, whose table
 * (per operation: calls, self CPU time, allocation) is printed after the line.
 */
public final class LeNetVariantCpuTime {
  private LeNetVariantCpuTime() {}

  /** Runs the measurement and prints one line. */
  public static void main(String[] args) throws Exception {
    String which = args[0];
    int batch = Integer.parseInt(args[1]), rounds = Integer.parseInt(args[2]), steps = Integer.parseInt(args[3]);
    String name = switch (which) {
      case "layers" -> "LeNetStepBench";
      case "public-ops" -> "LeNetPublicOpsBench";
      default -> throw new IllegalArgumentException("LeNetVariantCpuTime: expected layers or public-ops, got " + which);
    };
    Class<?> c = Class.forName("dev.chainrule.benchmarks.training." + name);
    Object b = c.getDeclaredConstructor().newInstance();
    c.getField("batch").setInt(b, batch);
    c.getMethod("makeData").invoke(b);
    Method step = c.getMethod("step"), net = c.getMethod("makeNetwork");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean profiled = args.length > 4 && args[4].equals("profiled");
    double[] ms = new double[rounds];
    for (int w = 0; w < rounds / 2; w++) { net.invoke(b); for (int i = 0; i < steps; i++) step.invoke(b); }
    Profiler profiler = profiled ? Profiler.start() : null;
    for (int r = 0; r < rounds; r++) {
      net.invoke(b);
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < steps; i++) step.invoke(b);
      ms[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e6 / steps;
    }
    if (profiler != null) profiler.close();
    Arrays.sort(ms);
    System.out.printf("%s batch %d%s: median %.2f ms/step CPU (min %.2f, max %.2f, %d rounds of %d)%n",
        which, batch, profiled ? " profiled" : "", ms[rounds / 2], ms[0], ms[rounds - 1], rounds, steps);
    if (profiler != null) System.out.print(profiler.table());
  }
}
