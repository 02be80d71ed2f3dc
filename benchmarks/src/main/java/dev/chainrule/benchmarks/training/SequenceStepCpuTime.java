package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.profile.Profiler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time per {@link SequenceStepBench} step (the LSTM step and the attention block), measured
 * as {@code python/sequence_step_torch.py} measures PyTorch: this thread's CPU clock per step,
 * rounds of {@code steps} steps, warm-up until the last three rounds lie within 5% of their
 * median (at most 60 s of CPU), then the median of {@code rounds} rounds. Unlike PyTorch, a JVM
 * also spends CPU in its garbage collector's threads: their time over the measured rounds
 * ({@link ThreadCpu}, 10 ms ticks) is added per step, so {@code us_per_step} is what the step
 * cost this process. Wall time on a shared machine measures the neighbours; this does not.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dchainrule.kernels=simd -Dchainrule.threads=1 -XX:+UseParallelGC -Xmn256m \
 *   -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.training.SequenceStepCpuTime lstm,attention 15 10
 * </pre>
 * Arguments: the models (comma-separated), measured rounds, steps per round, and optionally
 * {@code profile}: then one more round runs under a {@link Profiler} and its table follows the
 * model's line. Prints one {@code RESULT name=chainrule_<model>_step ...} line per model
 * (compare.sh reads them).
 */
public final class SequenceStepCpuTime {
  private SequenceStepCpuTime() {}

  /** Runs the measurement and prints one RESULT line per model. */
  public static void main(String[] args) {
    String[] models = (args.length > 0 ? args[0] : "lstm,attention").split(",");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    boolean profile = args.length > 3 && args[3].equals("profile");
    for (String model : models) {
      SequenceStepBench b = new SequenceStepBench();
      b.model = model;
      b.makeData();
      b.makeModel();
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      double[] history = new double[1000];
      int warm = 0;
      double spent = 0;
      while (warm < history.length) {
        history[warm] = round(b, mx, steps);
        spent += history[warm] * steps / 1e6;
        warm++;
        if (warm >= 3 && steady(Arrays.copyOfRange(history, warm - 3, warm)) || spent > 60) break;
      }
      double[] us = new double[rounds];
      ThreadCpu before = ThreadCpu.now();
      for (int r = 0; r < rounds; r++) us[r] = round(b, mx, steps);
      ThreadCpu spentMeasuring = ThreadCpu.now().since(before);
      Arrays.sort(us);
      double median = us[rounds / 2];
      double gcPerStep = spentMeasuring.of(ThreadCpu.Kind.GC) * 1e6 / (rounds * steps);
      System.out.println(String.format(Locale.ROOT,
          "RESULT name=chainrule_%s_step us_per_step=%.1f thread_us=%.1f gc_us=%.1f min_us=%.1f max_us=%.1f"
              + " rounds=%d steps=%d warmup_rounds=%d jdk=%s",
          model, median + gcPerStep, median, gcPerStep, us[0], us[rounds - 1], rounds, steps, warm,
          System.getProperty("java.version")));
      if (profile) {
        try (Profiler p = Profiler.start()) {
          for (int i = 0; i < steps; i++) b.step();
          System.out.print(p.table());
        }
      }
      System.out.flush();
    }
  }

  /** CPU µs per step of one round of {@code steps} steps on this thread. */
  private static double round(SequenceStepBench b, ThreadMXBean mx, int steps) {
    long t0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < steps; i++) b.step();
    return (mx.getCurrentThreadCpuTime() - t0) / 1e3 / steps;
  }

  /** Whether three rounds lie within 5% of their median. */
  private static boolean steady(double[] last) {
    double[] s = last.clone();
    Arrays.sort(s);
    double m = s[1];
    return s[0] >= 0.95 * m && s[2] <= 1.05 * m;
  }
}
