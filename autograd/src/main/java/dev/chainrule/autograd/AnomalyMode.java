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
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {false});

  private AnomalyMode() {}

  /** Whether detection is on for the calling thread. */
  public static boolean isEnabled() { return ENABLED.get()[0]; }

  /** Turns detection on until the returned scope is closed. */
  public static GradMode.Scope on() {
    boolean[] flag = ENABLED.get();
    boolean previous = flag[0];
    flag[0] = true;
    return new GradMode.Scope(flag, previous);
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
  /** The node whose backward is running on this thread, to blame for what its formula computes. */
  private static final ThreadLocal<Node> IN_BACKWARD = new ThreadLocal<>();

  private static boolean isEngine(Class<?> c) {
    String pkg = c.getPackageName();
    return c == Tensor.class || c == Autograd.class || c == AnomalyMode.class
        || pkg.equals("dev.chainrule.autograd.ops") || pkg.startsWith("dev.chainrule.autograd.kernel");
  }

  /** Marks the backward of {@code node} as running (or none, with null). */
  static void inBackward(Node node) {
    if (node == null) IN_BACKWARD.remove();
    else IN_BACKWARD.set(node);
  }

  static void checkForward(Function fn, Tensor[] inputs, Tensor out, String createdAt) {
    int bad = firstNonFinite(out);
    if (bad < 0) return;
    boolean inputsFinite = Arrays.stream(inputs).allMatch(t -> firstNonFinite(t) < 0);
    throw new ArithmeticException(fn.name() + ": forward " + (inputsFinite ? "produced " : "passed on ")
        + describe(out, bad) + " in its output " + out.shape() + " from inputs " + shapes(inputs)
        + (inputsFinite ? "" : " (an input already held non-finite values)") + "; op created at " + createdAt
        + duringBackward());
  }

  static void checkBackward(Node node, int input, Tensor grad) {
    int bad = firstNonFinite(grad);
    if (bad < 0) return;
    throw new ArithmeticException(node.fn.name() + ": backward produced " + describe(grad, bad)
        + " in the gradient of input " + input + " " + grad.shape() + "; op created at " + node.createdAt);
  }

  private static String duringBackward() {
    Node node = IN_BACKWARD.get();
    return node == null ? "" : ", while computing the backward of " + node.fn.name() + " created at " + node.createdAt;
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
