package dev.chainrule.benchmarks.training;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;

/**
 * Bytes allocated per steady {@link TrainingStepBench} step (the course step: 784-100-10 sigmoid,
 * quadratic cost, Sgd 3.0), read from the JVM's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}); the counter is exact for the
 * calling thread, so the figure holds on a loaded machine. Found by reflection, as
 * {@link StepCpuTime}, so it measures any build's benchmarks.jar.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dchainrule.kernels=simd -XX:+UseParallelGC \
 *   -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.AllocationProbe 10 20000
 * </pre>
 * Arguments: batch, steps (as many again warm up first).
 */
public final class AllocationProbe {
  private AllocationProbe() {}

  /** Runs the measurement and prints one line. */
  public static void main(String[] args) throws Exception {
    int batch = Integer.parseInt(args[0]), steps = Integer.parseInt(args[1]);
    Class<?> c = Class.forName("dev.chainrule.benchmarks.training.TrainingStepBench");
    Object b = c.getDeclaredConstructor().newInstance();
    c.getField("batch").setInt(b, batch);
    Method makeData = c.getDeclaredMethod("makeData");
    makeData.setAccessible(true);
    makeData.invoke(b);
    Method step = c.getMethod("simd");
    c.getMethod("makeNetwork").invoke(b);
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < steps; i++) step.invoke(b);
    long before = mx.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < steps; i++) step.invoke(b);
    long bytes = mx.getCurrentThreadAllocatedBytes() - before;
    System.out.printf("batch %d: %.0f bytes allocated per steady step (%d steps after %d warm-up)%n",
        batch, (double) bytes / steps, steps, steps);
  }
}
