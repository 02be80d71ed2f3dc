package dev.chainrule.benchmarks.training;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU seconds this JVM spent so far, by kind of thread, read from Linux's per-thread counters
 * ({@code /proc/self/task/<tid>/stat}: user + system time, 10 ms ticks). On a shared machine
 * wall time measures the neighbours too; CPU time by thread says what each part of a phase cost
 * this process: the Java threads (training), the JIT compilers, the garbage collector.
 *
 * <p>Not seen: threads that ended before a reading (HotSpot may stop extra compiler threads it
 * started; with 2 cores it starts one C1 and one C2 thread and keeps them). On a machine without
 * {@code /proc} every figure is 0.
 */
record ThreadCpu(Map<Kind, Double> seconds, long gcCount, long gcMillis) {

  /** What a thread does, from the name HotSpot gives it. */
  enum Kind {
    /** Java threads, the main thread included (the launcher leaves it named "java") */
    JAVA, C2, C1, GC, OTHER_VM;

    static Kind of(String comm) {
      if (comm.startsWith("C2 Compiler")) return C2;
      if (comm.startsWith("C1 Compiler")) return C1;
      if (comm.startsWith("GC Thread") || comm.startsWith("VM Thread") || comm.startsWith("G1 ")
          || comm.startsWith("GC ") || comm.startsWith("ZGC") || comm.startsWith("Shenandoah")) return GC;
      if (comm.equals("VM Periodic Tas") || comm.startsWith("Sweeper") || comm.startsWith("Service Thread")
          || comm.startsWith("Signal Dispatch") || comm.startsWith("Finalizer") || comm.startsWith("Reference Handl")
          || comm.startsWith("Common-Cleaner") || comm.startsWith("Monitor Deflati") || comm.startsWith("Notification")
          ) return OTHER_VM;
      return JAVA;
    }
  }

  static ThreadCpu now() {
    Map<Kind, Double> s = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) s.put(k, 0.0);
    Path tasks = Path.of("/proc/self/task");
    if (Files.isDirectory(tasks)) {
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
        for (Path task : dir) {
          String stat;
          try {
            stat = Files.readString(task.resolve("stat"));
          } catch (IOException gone) {
            continue;   // the thread ended while we listed
          }
          // pid (comm) state ppid ... : comm may hold spaces and parentheses, so cut at the last ')'
          int open = stat.indexOf('('), close = stat.lastIndexOf(')');
          String comm = stat.substring(open + 1, close);
          String[] f = stat.substring(close + 2).split(" ");
          double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime (fields 14, 15)
          s.merge(Kind.of(comm), ticks / 100.0, Double::sum);
        }
      } catch (IOException e) {
        // no per-thread figures on this system: leave them at 0
      }
    }
    long count = 0, millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new ThreadCpu(s, count, millis);
  }

  /** This reading minus an earlier one. */
  ThreadCpu since(ThreadCpu earlier) {
    Map<Kind, Double> d = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) d.put(k, seconds.get(k) - earlier.seconds.get(k));
    return new ThreadCpu(d, gcCount - earlier.gcCount, gcMillis - earlier.gcMillis);
  }

  double of(Kind k) {
    return seconds.get(k);
  }

  /** e.g. {@code cpu java 0.31 c2 1.20 c1 0.05 gc 0.90 vm 0.01; 5 GCs, 610 ms paused} */
  String describe() {
    return String.format(Locale.ROOT, "cpu java %.2f c2 %.2f c1 %.2f gc %.2f vm %.2f; %d GCs, %d ms in GC",
        of(Kind.JAVA), of(Kind.C2), of(Kind.C1), of(Kind.GC), of(Kind.OTHER_VM), gcCount, gcMillis);
  }

  /** The same as RESULT fields, keys prefixed. */
  String fields(String prefix) {
    return String.format(Locale.ROOT, "%1$s_cpu_java=%2$.2f %1$s_cpu_c2=%3$.2f %1$s_cpu_c1=%4$.2f %1$s_cpu_gc=%5$.2f"
        + " %1$s_gc_count=%6$d %1$s_gc_ms=%7$d", prefix, of(Kind.JAVA), of(Kind.C2), of(Kind.C1), of(Kind.GC),
        gcCount, gcMillis);
  }
}
