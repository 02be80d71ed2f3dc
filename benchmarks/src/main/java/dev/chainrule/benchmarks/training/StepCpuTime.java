package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.profile.Profiler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Thread CPU time per {@link TrainingStepBench} step, median of rounds: a comparison that holds on
 * a loaded, shared machine where JMH's wall-clock scores swing by 10x. Found by reflection, so the
 * same class times any build's benchmarks.jar ({@code -cp old/benchmarks.jar:dir-with-this-class}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dchainrule.kernels=simd -XX:+UseParallelGC \
 *   -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.StepCpuTime 10 80 500
 * </pre>
 * Arguments: batch, rounds (half as many again warm up), steps per round, and optionally
 * {@code profiled}: the measured rounds then run under a {@link Profiler} (what profiling costs).
 */
public final class StepCpuTime {
  private StepCpuTime() {}

  /** Runs the measurement and prints one line. */
  public static void main(String[] args) throws Exception {
    int batch = Integer.parseInt(args[0]), rounds = Integer.parseInt(args[1]), steps = Integer.parseInt(args[2]);
    Class<?> c = Class.forName("dev.chainrule.benchmarks.training.TrainingStepBench");
    Object b = c.getDeclaredConstructor().newInstance();
    c.getField("batch").setInt(b, batch);
    Method makeData = c.getDeclaredMethod("makeData");   // package-private since the warm-up setup
    makeData.setAccessible(true);
    makeData.invoke(b);
    Method step = c.getMethod("simd"), net = c.getMethod("makeNetwork");
    boolean profiled = args.length > 3 && args[3].equals("profiled");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] us = new double[rounds];
    for (int w = 0; w < rounds / 2; w++) { net.invoke(b); for (int i = 0; i < steps; i++) step.invoke(b); }
    for (int r = 0; r < rounds; r++) {
      net.invoke(b);
      try (AutoCloseable p = profiled ? Profiling.start() : null) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) step.invoke(b);
        us[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / steps;
      }
    }
    Arrays.sort(us);
    System.out.printf("batch %d%s: median %.2f us/step CPU (min %.2f, max %.2f, %d rounds of %d)%n",
        batch, profiled ? " profiled" : "", us[rounds / 2], us[0], us[rounds - 1], rounds, steps);
  }

  /** Kept apart so that timing an older benchmarks.jar, which has no profiler, still loads this class. */
  private static final class Profiling {
    static AutoCloseable start() {
      return Profiler.start();
    }
  }
}
