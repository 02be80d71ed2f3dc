package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * Cross-entropy for outputs that are probabilities, typically sigmoid neurons:
 * C = −(1/m) Σ_x Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] (Nielsen, ch. 3): summed over the output
 * neurons, averaged over the batch. Targets are in [0, 1].
 *
 * <p>With a sigmoid output layer, ∂C/∂z = a − y: the σ'(z) that slows the quadratic cost down
 * when a neuron saturates cancels out.
 *
 * <p>NOTE: the outputs are clamped into [ε, 1 − ε] (ε = {@link dev.chainrule.autograd.DType#probabilityMargin()}: 1e-7 for F32, 1e-15 for F64) before the
 * logarithms so a saturated neuron gives a large finite cost rather than infinity or NaN; the
 * gradient is zero where the clamp is active.
 */
public final class BinaryCrossEntropy implements Cost {
  /** The cost; it has no settings. */
  public BinaryCrossEntropy() {}

  @Override public Tensor apply(Tensor output, Tensor target) {
    Tensor y = Targets.dense("BinaryCrossEntropy", output, target);
    double eps = output.dtype().probabilityMargin();
    Tensor a = output.clamp(eps, 1.0 - eps);
    Tensor perElement = y.mul(a.log()).add(y.rsub(1.0).mul(a.rsub(1.0).log()));
    return perElement.sum().div(-output.dim(0));
  }

  @Override public String toString() { return "BinaryCrossEntropy"; }
}
