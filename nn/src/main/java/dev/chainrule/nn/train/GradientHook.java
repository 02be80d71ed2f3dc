package dev.chainrule.nn.train;

import dev.chainrule.autograd.Tensor;
import java.util.Map;

/**
 * Called by the {@link Trainer} once the gradients of an optimizer step are complete (after the
 * backward passes of all its micro-batches), before clipping and the step: to log gradient norms,
 * or to change gradients in place ({@code p.grad().mulInPlace(...)}).
 */
@FunctionalInterface
public interface GradientHook {
  /** {@code step} is the 0-based optimizer step; {@code parameters} are the model's, by dotted name. */
  void onGradients(long step, Map<String, Tensor> parameters);
}
