package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * Called after a module's forward pass when the module is run through {@link Module#call}, as
 * PyTorch's {@code register_forward_hook}: to record activations (return {@code null} to keep the
 * output) or to replace the output (return the new one; it is recorded in the graph like any
 * tensor operation).
 * <pre>{@code
 * Runnable remove = net.children().get("0").addForwardHook((m, x, y) -> { seen.add(y.detach()); return null; });
 * }</pre>
 */
@FunctionalInterface
public interface ForwardHook {
  /** Sees {@code module}'s input and output; returns a replacement output or {@code null} for none. */
  Tensor afterForward(Module module, Tensor input, Tensor output);
}
