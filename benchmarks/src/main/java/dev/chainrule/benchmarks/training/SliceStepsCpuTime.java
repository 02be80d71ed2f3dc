package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Thread CPU time per time step of {@link SliceStepsBench} (slice every step of a [32, T, 256]
 * tensor, then backward), median of rounds, for each T given: flat across T when a step's cost
 * does not depend on the sequence length. Found by reflection, like {@link StepCpuTime}, so the
 * same class times an older build's benchmarks.jar
 * ({@code -cp old/benchmarks.jar:dir-with-this-class}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC \
 *   -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.SliceStepsCpuTime 9 100 200 400
 * </pre>
 * Arguments: rounds per T (after at least 10 s of warm-up over all of them), then the values of T. Also prints the
 * CPU the garbage collector's threads spent per step, which the main thread's clock does not see.
 */
public final class SliceStepsCpuTime {
  private SliceStepsCpuTime() {}

  /** Runs the measurement and prints one line per T. */
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Class<?> c = Class.forName("dev.chainrule.benchmarks.training.SliceStepsBench");
    Method run = c.getDeclaredMethod("sliceEveryStep", Tensor.class, Tensor[].class);
    run.setAccessible(true);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Tensor[] xs = new Tensor[args.length - 1];
    Tensor[][] ws = new Tensor[args.length - 1][];
    for (int a = 0; a < xs.length; a++) {
      int steps = Integer.parseInt(args[a + 1]);
      SplittableRandom rnd = new SplittableRandom(7);
      xs[a] = random(rnd, 32, steps, 256).requiresGrad(true);
      ws[a] = new Tensor[steps];
      for (int t = 0; t < steps; t++) ws[a][t] = random(rnd, 32, 1, 256);
    }
    // Warm-up: every T in turn for at least 10 s of this thread's CPU, so that C2 has compiled the
    // whole step before any is timed (shorter warm-ups left the first T measured at 2-3x).
    long warmStart = mx.getCurrentThreadCpuTime();
    while (mx.getCurrentThreadCpuTime() - warmStart < 10_000_000_000L) {
      for (int a = 0; a < xs.length; a++) run.invoke(null, xs[a], ws[a]);
    }
    for (int a = 0; a < xs.length; a++) {
      int steps = ws[a].length;
      double[] us = new double[rounds];
      ThreadCpu before = ThreadCpu.now();
      for (int r = 0; r < rounds; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        run.invoke(null, xs[a], ws[a]);
        us[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / steps;
      }
      double gcUs = ThreadCpu.now().since(before).of(ThreadCpu.Kind.GC) * 1e6 / rounds / steps;
      Arrays.sort(us);
      System.out.printf("T %d: median %.1f us/step CPU (min %.1f, max %.1f, %d rounds); GC threads %.1f us/step%n",
          steps, us[rounds / 2], us[0], us[rounds - 1], rounds, gcUs);
    }
  }

  private static Tensor random(SplittableRandom rnd, int... dims) {
    int n = 1;
    for (int d : dims) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
    return Tensor.of(v, dims);
  }
}
