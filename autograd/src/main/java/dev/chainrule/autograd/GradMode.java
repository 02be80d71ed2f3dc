package dev.chainrule.autograd;

/**
 * Per-thread switch for graph recording. Operations record their backward only while it is on
 * (the default).
 *
 * <pre>{@code
 * try (var noGrad = GradMode.off()) {
 *   evaluate(model);          // builds no graph, keeps nothing alive
 * }
 * }</pre>
 */
public final class GradMode {
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

  private GradMode() {}

  /** Whether operations on this thread currently record the graph. */
  public static boolean isEnabled() { return ENABLED.get()[0]; }

  /** Turns recording off until the returned scope is closed. */
  public static Scope off() { return set(false); }

  /** Turns recording on until the returned scope is closed (e.g. inside a no-grad region). */
  public static Scope on() { return set(true); }

  private static Scope set(boolean enabled) {
    boolean[] flag = ENABLED.get();
    boolean previous = flag[0];
    flag[0] = enabled;
    return new Scope(flag, previous);
  }

  /** Restores the previous setting when closed. Not thread-safe: close it on the thread that opened it. */
  public static final class Scope implements AutoCloseable {
    private final boolean[] flag;
    private final boolean previous;

    Scope(boolean[] flag, boolean previous) {
      this.flag = flag;
      this.previous = previous;
    }

    @Override public void close() { flag[0] = previous; }
  }
}
