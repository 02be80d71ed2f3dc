package dev.chainrule.autograd;

import java.util.Arrays;

/** The {@link EngineHook}s installed on each thread. */
public final class EngineHooks {
  private static final EngineHook[] NONE = new EngineHook[0];
  private static final ThreadLocal<EngineHook[]> ACTIVE = ThreadLocal.withInitial(() -> NONE);

  private EngineHooks() {}

  /** The hooks installed on this thread, in installation order (empty, never null). Do not modify. */
  static EngineHook[] active() {
    return ACTIVE.get();
  }

  /** Installs {@code hook} on this thread until the returned installation is closed. */
  public static Installation install(EngineHook hook) {
    if (hook == null) throw new IllegalArgumentException("install: hook is null");
    EngineHook[] hooks = ACTIVE.get();
    EngineHook[] more = Arrays.copyOf(hooks, hooks.length + 1);
    more[hooks.length] = hook;
    ACTIVE.set(more);
    return new Installation(hook);
  }

  /** Removes its hook when closed (on the thread that installed it); closing twice does nothing. */
  public static final class Installation implements AutoCloseable {
    private EngineHook hook;

    private Installation(EngineHook hook) { this.hook = hook; }

    @Override public void close() {
      if (hook == null) return;
      EngineHook[] hooks = ACTIVE.get();
      for (int i = hooks.length - 1; i >= 0; i--) {
        if (hooks[i] == hook) {
          EngineHook[] fewer = new EngineHook[hooks.length - 1];
          System.arraycopy(hooks, 0, fewer, 0, i);
          System.arraycopy(hooks, i + 1, fewer, i, fewer.length - i);
          ACTIVE.set(fewer.length == 0 ? NONE : fewer);
          break;
        }
      }
      hook = null;
    }
  }
}
