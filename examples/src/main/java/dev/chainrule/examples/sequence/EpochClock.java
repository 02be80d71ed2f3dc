package dev.chainrule.examples.sequence;

import java.lang.management.ManagementFactory;

/**
 * Wall time and the process's CPU time since a start, for the per-epoch lines of the sequence
 * examples. CPU time counts every thread (the gemm pool, the JIT, the collector), so on a shared
 * machine it is the steadier figure; wall time is what a user waits.
 */
final class EpochClock {
  private final long wallStart = System.nanoTime(), cpuStart = processCpuNanos();

  /** Seconds of wall time since this clock was made. */
  double wallSeconds() { return (System.nanoTime() - wallStart) / 1e9; }

  /** Seconds of CPU time of the whole process since this clock was made (NaN if the JVM cannot tell). */
  double cpuSeconds() {
    long now = processCpuNanos();
    return now < 0 || cpuStart < 0 ? Double.NaN : (now - cpuStart) / 1e9;
  }

  /** "12.3 s CPU, 8.1 s wall". */
  String describe() {
    return String.format("%.1f s CPU, %.1f s wall", cpuSeconds(), wallSeconds());
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }
}
