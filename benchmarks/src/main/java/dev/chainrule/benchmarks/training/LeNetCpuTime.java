package dev.chainrule.benchmarks.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Issue 10's speed figures by this thread's CPU clock: one {@link LeNetStepBench} training step
 * (LeNet-5, SGD with momentum) and each of its two convolutions alone, forward plus backward to
 * input and weight, at batch 32 and 128. {@code benchmarks/python/lenet_cpu_torch.py} times the
 * same on PyTorch, one thread, the same way; compare.sh (block 4c) puts them side by side.
 *
 * <p>Why CPU time: on a shared machine the scheduler takes the core away for whole time slices,
 * which a wall clock counts and the thread's CPU clock does not. Each figure: warm-up in rounds
 * of about 0.3 s of CPU until five rounds in a row agree within 5% (at most 60 s), then seven
 * measured rounds of about 0.5 s; the median and the least disturbed (best) round are printed.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dchainrule.kernels=simd -Dchainrule.threads=1 \
 *     -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.LeNetCpuTime [batch ...]
 * </pre>
 */
public final class LeNetCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LeNetCpuTime() {}

  /** Times every figure for the given batches (default 32 and 128) and prints one RESULT line each. */
  public static void main(String[] args) {
    int[] batches = args.length == 0 ? new int[] {32, 128} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int batch : batches) {
      LeNetStepBench bench = new LeNetStepBench();
      bench.batch = batch;
      bench.makeData();
      bench.makeNetwork();
      report("lenet_step", batch, bench::step);
      report("lenet_conv1", batch, bench::convForwardBackward);
      report("lenet_conv2", batch, bench::conv2ForwardBackward);
    }
  }

  private static void report(String name, int batch, Supplier<?> call) {
    long warmStart = THREADS.getCurrentThreadCpuTime();
    double[] recent = new double[5];
    int rounds = 0;
    boolean steady = false;
    while (!steady && THREADS.getCurrentThreadCpuTime() - warmStart < 60e9) {
      recent[rounds++ % recent.length] = usPerCall(call, 0.3);
      if (rounds >= recent.length) {
        double max = Arrays.stream(recent).max().orElseThrow(), min = Arrays.stream(recent).min().orElseThrow();
        steady = max / min - 1 <= 0.05;
      }
    }
    double warmSeconds = (THREADS.getCurrentThreadCpuTime() - warmStart) / 1e9;
    double[] us = new double[7];
    for (int r = 0; r < us.length; r++) us[r] = usPerCall(call, 0.5);
    Arrays.sort(us);
    System.out.println(String.format(Locale.ROOT,
        "RESULT name=%s batch=%d us_cpu_median=%.1f us_cpu_best=%.1f us_cpu_worst=%.1f rounds=%d warmup_cpu_seconds=%.1f steady=%s",
        name, batch, us[us.length / 2], us[0], us[us.length - 1], us.length, warmSeconds, steady ? "yes" : "no"));
  }

  /** µs of this thread's CPU per call, over about {@code seconds} of it. */
  private static double usPerCall(Supplier<?> call, double seconds) {
    long calls = 0, cpu0 = THREADS.getCurrentThreadCpuTime(), until = cpu0 + (long) (seconds * 1e9), now;
    Object sink = null;
    do {
      sink = call.get();
      calls++;
      now = THREADS.getCurrentThreadCpuTime();
    } while (now < until);
    if (sink == LeNetCpuTime.class) System.out.print("");   // keeps the results alive
    return (now - cpu0) / 1e3 / calls;
  }
}
