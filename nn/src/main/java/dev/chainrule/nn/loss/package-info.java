/**
 * Cost functions. The course's: {@link dev.chainrule.nn.loss.QuadraticCost} (1/(2n) Σ ||y − a||²),
 * {@link dev.chainrule.nn.loss.BinaryCrossEntropy} on sigmoid outputs and the fused, stable
 * {@link dev.chainrule.nn.loss.SoftmaxCrossEntropy} on logits. PyTorch's:
 * {@link dev.chainrule.nn.loss.MSELoss}, {@link dev.chainrule.nn.loss.L1Loss},
 * {@link dev.chainrule.nn.loss.HuberLoss}, {@link dev.chainrule.nn.loss.BCEWithLogitsLoss},
 * {@link dev.chainrule.nn.loss.CrossEntropyLoss} and {@link dev.chainrule.nn.loss.NLLLoss}, with a
 * {@link dev.chainrule.nn.loss.Reduction} (mean, sum, none) and, for the class losses, a
 * configurable class axis, {@code ignoreIndex} and label smoothing; they agree with PyTorch 1.13 to
 * 1e-12 in float64 (values, gradients and Hessian-vector products, {@code GoldenLossTest}).
 *
 * <p>Contract: a {@link dev.chainrule.nn.loss.Cost} takes outputs and targets (dense of the same
 * shape, or class indices) and returns a tensor. The course's costs take [batch, k] and return the
 * <em>mean over the batch</em> of the per-example cost C_x. Its gradient is therefore
 * (1/m) Σ_x ∂C_x/∂w, which makes an SGD step with learning rate η exactly the course's
 * w ← w − (η/m) Σ_x ∂C_x/∂w. Costs are composites of {@code Tensor} operations with no
 * hand-written backward, so grad of grad works through them. Bad targets (shapes, dtypes, class
 * indices that are not whole numbers in [0, k)) throw naming the cost, the position and the
 * expected range.
 */
package dev.chainrule.nn.loss;
