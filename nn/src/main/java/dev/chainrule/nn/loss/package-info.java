/**
 * Cost functions: {@link dev.chainrule.nn.loss.QuadraticCost} (the course's 1/(2n) Σ ||y − a||²),
 * {@link dev.chainrule.nn.loss.BinaryCrossEntropy} on sigmoid outputs and the fused, stable
 * {@link dev.chainrule.nn.loss.SoftmaxCrossEntropy} on logits.
 *
 * <p>Contract: a {@link dev.chainrule.nn.loss.Cost} takes outputs [batch, k] and targets (dense of
 * the same shape, or [batch] class indices) and returns a scalar tensor, the <em>mean over the
 * batch</em> of the per-example cost C_x. Its gradient is therefore (1/m) Σ_x ∂C_x/∂w, which makes
 * an SGD step with learning rate η exactly the course's w ← w − (η/m) Σ_x ∂C_x/∂w. Costs are
 * composites of {@code Tensor} operations with no hand-written backward.
 */
package dev.chainrule.nn.loss;
