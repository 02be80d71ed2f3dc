package dev.chainrule.autograd;

import java.util.Arrays;

/**
 * Opt-in detection of NaN and infinity, per thread. While on, the first operation whose forward
 * result or backward gradient contains a non-finite value throws an {@link ArithmeticException}
 * naming the operation, its input shapes and the line of user code that created it.
 *
 * <pre>{@code
 * try (var anomaly = AnomalyMode.on()) {
 *   loss = model.forward(x) ...; loss.backward();
 * }
 * }</pre>
 * It costs a scan of every result and a stack walk per operation: use it to debug, not to train.
 */
public final class AnomalyMode {
  private AnomalyMode() {}

  /** Whether detection is on for the calling thread. */
  public static boolean isEnabled() {
    for (EngineHook h : EngineHooks.active()) if (h instanceof Detector) return true;
    return false;
  }

  /** Turns detection on (an {@link EngineHook}) until the returned installation is closed. */
  public static EngineHooks.Installation on() {
    return EngineHooks.install(new Detector());
  }

  /** The hook: checks every forward result and backward gradient, remembering where each op was created. */
  private static final class Detector implements EngineHook {
    /** The op whose backward is running, to blame for what its formula computes. */
    private Function backwardFn;
    private Context backwardCtx;

    @Override public void afterForward(Function fn, Context ctx, Tensor[] inputs, Tensor out) {
      if (out == null) return;
      String createdAt = callerFrame();
      ctx.createdAt = createdAt;
      int bad = firstNonFinite(out);
      if (bad < 0) return;
      boolean inputsFinite = Arrays.stream(inputs).allMatch(t -> firstNonFinite(t) < 0);
      throw new ArithmeticException(fn.name() + ": forward " + (inputsFinite ? "produced " : "passed on ")
          + describe(out, bad) + " in its output " + out.shape() + " from inputs " + shapes(inputs)
          + (inputsFinite ? "" : " (an input already held non-finite values)") + "; op created at " + createdAt
          + (backwardFn == null ? "" : ", while computing the backward of " + backwardFn.name()
              + " created at " + backwardCtx.createdAt));
    }

    @Override public void beforeBackward(Function fn, Context ctx, Tensor dy) {
      backwardFn = fn;
      backwardCtx = ctx;
    }

    @Override public void afterBackward(Function fn, Context ctx, Tensor[] grads) {
      backwardFn = null;
      backwardCtx = null;
      if (grads == null) return;
      for (int j = 0; j < grads.length; j++) {
        if (grads[j] == null || !ctx.needsGrad(j)) continue;
        int bad = firstNonFinite(grads[j]);
        if (bad >= 0) {
          throw new ArithmeticException(fn.name() + ": backward produced " + describe(grads[j], bad)
              + " in the gradient of input " + j + " " + grads[j].shape() + "; op created at " + ctx.createdAt);
        }
      }
    }
  }

  /** The first stack frame outside Chainrule's engine and operations: where the user created the op. */
  static String callerFrame() {
    return WALKER.walk(frames -> frames
        .filter(f -> !isEngine(f.getDeclaringClass()))
        .findFirst()
        .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
        .orElse("unknown"));
  }

  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private static boolean isEngine(Class<?> c) {
    String pkg = c.getPackageName();
    return c == Tensor.class || c.getNestHost() == Autograd.class || c.getNestHost() == AnomalyMode.class
        || pkg.equals("dev.chainrule.autograd.ops") || pkg.startsWith("dev.chainrule.autograd.kernel");
  }

  private static int firstNonFinite(Tensor t) {
    for (int i = 0; i < t.size(); i++) {
      if (!Double.isFinite(t.getRaw(i))) return i;
    }
    return -1;
  }

  private static String describe(Tensor t, int flat) {
    return t.getRaw(flat) + " at flat index " + flat;
  }

  private static String shapes(Tensor[] inputs) {
    StringBuilder sb = new StringBuilder();
    for (Tensor t : inputs) sb.append(sb.length() == 0 ? "" : ", ").append(t.shape());
    return sb.toString();
  }
}
