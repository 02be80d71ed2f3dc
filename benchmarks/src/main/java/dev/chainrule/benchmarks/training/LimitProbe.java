package dev.chainrule.benchmarks.training;

import dev.chainrule.benchmarks.kernel.FmaPeakBench;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Distance to the limit, timed by this thread's CPU clock: one core's FMA peak (FmaPeakBench's
 * chains of independent 512-bit FMAs), one course training step (TrainingStepBench's, batch 10),
 * and the step's two large products alone (TrainingStepBench.largeProducts). Prints RESULT lines
 * with both CPU-clock and wall-clock figures; compare.sh turns them into the step's GFLOP/s, its
 * share of the peak and the time outside the two products.
 *
 * <p>Why CPU time: on a machine shared with other work the scheduler takes the core away for whole
 * time slices, which a wall clock (and so JMH) counts and the thread's CPU clock does not. What
 * the CPU clock still sees: a busy SMT sibling on the same physical core, and cache pressure.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dchainrule.kernels=simd \
 *     -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.LimitProbe [seconds per round]
 * </pre>
 *
 * Each figure: warm-up until five 0.2 s chunks agree within 3% (at most 30 s), then seven rounds;
 * the best and median round are printed (best = least disturbed).
 */
public final class LimitProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LimitProbe() {}

  public static void main(String[] args) {
    double round = args.length > 0 ? Double.parseDouble(args[0]) : 0.5;
    FmaPeakBench fma = new FmaPeakBench();
    fma.setup();
    for (int chains : new int[] {8, 16, 24}) {
      int c = chains;
      DoubleSupplier call = c == 8 ? () -> fma.chains8().lane(0) : c == 16 ? () -> fma.chains16().lane(0) : () -> fma.chains24().lane(0);
      double flopsPerCall = FmaPeakBench.STEPS * (double) c * FmaPeakBench.LANES * 2;
      report("fma_peak", "chains=" + c, call, flopsPerCall, round);
    }
    TrainingStepBench bench = new TrainingStepBench();
    bench.batch = 10;
    bench.makeData();
    bench.makeProductOperands();
    bench.makeNetwork();
    double stepFlops = TrainingStepFlops.of(bench.batch);
    report("training_step", "batch=10", bench::step, stepFlops, round);
    report("large_products", "batch=10", () -> bench.largeProducts()[0], TrainingStepFlops.largeProducts(bench.batch), round);
  }

  private static void report(String name, String params, DoubleSupplier call, double flopsPerCall, double round) {
    long warmStart = System.nanoTime();
    double[] chunks = new double[5];
    int n = 0;
    while (true) {
      chunks[n++ % chunks.length] = time(call, 0.2)[0];
      if (n >= chunks.length) {
        double max = Arrays.stream(chunks).max().orElseThrow(), min = Arrays.stream(chunks).min().orElseThrow();
        if (max / min - 1 <= 0.03 || System.nanoTime() - warmStart > 30e9) break;
      }
    }
    double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
    double[] cpu = new double[7], wall = new double[7];
    for (int r = 0; r < cpu.length; r++) {
      double[] t = time(call, round);
      cpu[r] = t[0];
      wall[r] = t[1];
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.println(String.format(Locale.ROOT,
        "RESULT name=%s %s us_cpu_best=%.3f us_cpu_median=%.3f us_wall_best=%.3f us_wall_median=%.3f"
            + " gflops_cpu_best=%.2f gflops_cpu_median=%.2f gflops_wall_median=%.2f flops_per_call=%.0f warmup_seconds=%.1f",
        name, params, cpu[0], cpu[3], wall[0], wall[3], flopsPerCall / cpu[0] / 1e3, flopsPerCall / cpu[3] / 1e3,
        flopsPerCall / wall[3] / 1e3, flopsPerCall, warmSeconds));
  }

  /** µs per call by this thread's CPU clock and by the wall clock, over about {@code seconds}. */
  private static double[] time(DoubleSupplier call, double seconds) {
    double sink = 0;
    long calls = 0;
    long cpu0 = THREADS.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
    long until = wall0 + (long) (seconds * 1e9);
    do {
      for (int i = 0; i < 16; i++) sink += call.getAsDouble();
      calls += 16;
    } while (System.nanoTime() < until);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0, wall = System.nanoTime() - wall0;
    if (sink == 42.4242) System.out.print("");   // keeps the results alive
    return new double[] {cpu / 1e3 / calls, wall / 1e3 / calls};
  }
}
