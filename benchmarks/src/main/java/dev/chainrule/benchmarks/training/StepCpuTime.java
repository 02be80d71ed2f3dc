package dev.chainrule.benchmarks.training;

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
 * Arguments: batch, rounds (half as many again warm up), steps per round.
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
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] us = new double[rounds];
    for (int w = 0; w < rounds / 2; w++) { net.invoke(b); for (int i = 0; i < steps; i++) step.invoke(b); }
    for (int r = 0; r < rounds; r++) {
      net.invoke(b);
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < steps; i++) step.invoke(b);
      us[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / steps;
    }
    Arrays.sort(us);
    System.out.printf("batch %d: median %.2f us/step CPU (min %.2f, max %.2f, %d rounds of %d)%n",
        batch, us[rounds / 2], us[0], us[rounds - 1], rounds, steps);
  }
}

