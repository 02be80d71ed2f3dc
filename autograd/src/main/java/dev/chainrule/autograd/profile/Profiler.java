package dev.chainrule.autograd.profile;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.EngineHook;
import dev.chainrule.autograd.EngineHooks;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times every operation's forward and backward on this thread while open, like
 * {@code torch.profiler}:
 *
 * <pre>{@code
 * try (var p = Profiler.start()) {
 *   trainer.step(batch);
 *   System.out.print(p.table());             // per operation, sorted by total time
 *   p.writeChromeTrace(Path.of("trace.json")); // open in https://ui.perfetto.dev
 * }
 * }</pre>
 *
 * <p>Operations nest: a backward that applies operations (most do) contains their forwards, so
 * each row has a total time and a self time (the total minus what nested operations took).
 * Times are wall time ({@code System.nanoTime}) and, as self CPU time, this thread's CPU time,
 * which on a loaded machine leaves out the waits for a core. Allocation is the JVM's count of bytes this thread allocated ({@code
 * com.sun.management.ThreadMXBean}), self as well. Only the starting thread is watched; close on
 * that thread. Results stay readable after {@link #close()}.
 */
public final class Profiler implements AutoCloseable {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** One finished call, for the trace. */
  private record Event(String op, String phase, long startNanos, long durationNanos, String args) {}

  /** One call still running: its start and what nested calls took so far. */
  private static final class Frame {
    final long startNanos, startCpu, startBytes;
    long childNanos, childCpu, childBytes;

    Frame(long startNanos, long startCpu, long startBytes) {
      this.startNanos = startNanos;
      this.startCpu = startCpu;
      this.startBytes = startBytes;
    }
  }

  private final long origin = System.nanoTime();
  private final long threadId = Thread.currentThread().getId();
  private final Map<String, OpStats> stats = new LinkedHashMap<>();
  private final List<Event> events = new ArrayList<>();
  private final Deque<Frame> open = new ArrayDeque<>();
  private final EngineHooks.Installation installation;

  private Profiler() {
    installation = EngineHooks.install(new EngineHook() {
      @Override public void beforeForward(Function fn, Tensor[] inputs) { enter(); }

      @Override public void afterForward(Function fn, Context ctx, Tensor[] inputs, Tensor out) {
        exit(fn, "forward", out == null ? "failed" : out.dtype() + " " + out.shape());
      }

      @Override public void beforeBackward(Function fn, Context ctx, Tensor dy) { enter(); }

      @Override public void afterBackward(Function fn, Context ctx, Tensor[] grads) {
        exit(fn, "backward", grads == null ? "failed" : "");
      }
    });
  }

  /** Starts profiling this thread until {@link #close()}. */
  public static Profiler start() {
    return new Profiler();
  }

  private void enter() {
    open.push(new Frame(System.nanoTime(), THREADS.getCurrentThreadCpuTime(), THREADS.getCurrentThreadAllocatedBytes()));
  }

  private void exit(Function fn, String phase, String output) {
    long end = System.nanoTime(), endCpu = THREADS.getCurrentThreadCpuTime();
    long endBytes = THREADS.getCurrentThreadAllocatedBytes();
    Frame f = open.pop();
    long total = end - f.startNanos, cpu = endCpu - f.startCpu, bytes = endBytes - f.startBytes;
    String key = fn.name() + '\0' + phase;
    OpStats before = stats.getOrDefault(key, new OpStats(fn.name(), phase, 0, 0, 0, 0, 0));
    stats.put(key, before.plus(total, total - f.childNanos, cpu - f.childCpu, bytes - f.childBytes));
    events.add(new Event(fn.name(), phase, f.startNanos - origin, total, output));
    Frame parent = open.peek();
    if (parent != null) {
      parent.childNanos += total;
      parent.childCpu += cpu;
      parent.childBytes += bytes;
    }
  }

  /** Stops recording; the results stay. Closing twice does nothing. */
  @Override public void close() {
    installation.close();
  }

  /** One row per operation and phase, sorted by total time, longest first. */
  public List<OpStats> rows() {
    List<OpStats> rows = new ArrayList<>(stats.values());
    rows.sort(Comparator.comparingLong(OpStats::totalNanos).reversed()
        .thenComparing(OpStats::op).thenComparing(OpStats::phase));
    return rows;
  }

  /** The row of {@code op} in {@code phase} ({@code "forward"} or {@code "backward"}), or null if it never ran. */
  public OpStats row(String op, String phase) {
    return stats.get(op + '\0' + phase);
  }

  /** The rows as a text table (times in ms, averages in µs), with the sum of self times below. */
  public String table() {
    List<OpStats> rows = rows();
    long selfSum = rows.stream().mapToLong(OpStats::selfNanos).sum();
    StringBuilder sb = new StringBuilder();
    String head = "%-16s %-8s %8s %10s %7s %10s %10s %12s %12s%n";
    String row = "%-16s %-8s %8d %10.3f %6.1f%% %10.3f %10.2f %12.3f %12s%n";
    sb.append(String.format(Locale.ROOT, head, "op", "phase", "calls", "self ms", "self%", "total ms", "avg µs",
        "self cpu ms", "self alloc"));
    for (OpStats s : rows) {
      sb.append(String.format(Locale.ROOT, row, s.op(), s.phase(), s.calls(), s.selfNanos() / 1e6,
          selfSum == 0 ? 0.0 : 100.0 * s.selfNanos() / selfSum, s.totalNanos() / 1e6,
          s.totalNanos() / 1e3 / s.calls(), s.selfCpuNanos() / 1e6, Bytes.format(s.selfAllocatedBytes())));
    }
    sb.append(String.format(Locale.ROOT, "self time in operations: %.3f ms wall, %.3f ms CPU, over %d calls%n",
        selfSum / 1e6, rows.stream().mapToLong(OpStats::selfCpuNanos).sum() / 1e6,
        rows.stream().mapToLong(OpStats::calls).sum()));
    return sb.toString();
  }

  /**
   * Writes the calls as a Chrome trace (JSON trace event format: one complete event, {@code "ph":
   * "X"}, per call, times in µs from the start) that Perfetto and {@code chrome://tracing} open.
   */
  public void writeChromeTrace(Path file) throws IOException {
    StringBuilder json = new StringBuilder("{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n");
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      json.append(String.format(Locale.ROOT,
          "{\"name\": \"%s\", \"cat\": \"%s\", \"ph\": \"X\", \"ts\": %.3f, \"dur\": %.3f, \"pid\": 1, \"tid\": %d, "
              + "\"args\": {\"output\": \"%s\"}}%s%n",
          Bytes.jsonEscape(e.op()), e.phase(), e.startNanos() / 1e3, e.durationNanos() / 1e3, threadId,
          Bytes.jsonEscape(e.args()), i + 1 < events.size() ? "," : ""));
    }
    json.append("]}\n");
    java.nio.file.Files.writeString(file, json);
  }
}
