package dev.chainrule.autograd;

/**
 * Watches the engine on one thread: every operation applied and every backward step. Modes that
 * are not plain recording plug in as hooks rather than as branches in the engine: forward mode
 * ({@link dev.chainrule.autograd.forward.ForwardMode}) computes tangents after each forward,
 * {@link AnomalyMode} scans results for NaN; a profiler can time each op's forward and backward.
 * Install one with {@link EngineHooks#install}; with none installed the engine pays one
 * thread-local read per operation.
 *
 * <pre>{@code
 * try (var timing = EngineHooks.install(new EngineHook() {
 *   public void beforeForward(Function fn, Tensor[] in) { start = System.nanoTime(); }
 *   public void afterForward(Function fn, Context ctx, Tensor[] in, Tensor out) { record(fn.name(), System.nanoTime() - start); }
 * })) { model.forward(x).sum().backward(); }
 * }</pre>
 *
 * <p>Contract: calls nest (a forward or backward that applies operations calls the hooks for
 * them in between); every {@code before} call is matched by one {@code after} call, with a
 * {@code null} result when the operation threw. Hooks run in installation order before and in
 * reverse order after. A hook must not modify the tensors it is shown.
 */
public interface EngineHook {

  /** {@code fn} is about to compute its forward from {@code inputs}. */
  default void beforeForward(Function fn, Tensor[] inputs) {}

  /**
   * {@code fn}'s forward returned {@code out} ({@code null} if it threw or returned an invalid
   * result). {@code ctx} holds what the forward saved: the op's recorded context when the graph
   * records it or a hook is installed.
   */
  default void afterForward(Function fn, Context ctx, Tensor[] inputs, Tensor out) {}

  /** {@code fn}'s backward is about to run with upstream gradient {@code dy}. */
  default void beforeBackward(Function fn, Context ctx, Tensor dy) {}

  /** {@code fn}'s backward returned {@code grads} (one per input, entries may be null; {@code null} if it threw). */
  default void afterBackward(Function fn, Context ctx, Tensor[] grads) {}
}
