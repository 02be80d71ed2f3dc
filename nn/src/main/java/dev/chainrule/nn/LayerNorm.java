package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;

/**
 * Layer normalisation, PyTorch's {@code nn.LayerNorm}: each example's last axes (the normalised
 * shape) scaled to mean 0 and variance 1, y = (x - mean) / sqrt(var + eps) · weight + bias, with
 * weight starting at ones and bias at zeros. Unlike batch norm it mixes no examples, so it behaves
 * the same in training and evaluation.
 */
public final class LayerNorm extends Module {
  private final Shape normalized;
  private final double eps;
  private final Tensor weight, bias;

  /** A float32 layer over the given trailing shape, eps 1e-5 (PyTorch's default). */
  public LayerNorm(int... normalizedShape) {
    this(Shape.of(normalizedShape), 1e-5, DType.F32);
  }

  /** A layer over {@code normalizedShape} with the given eps, in {@code dtype}. */
  public LayerNorm(Shape normalizedShape, double eps, DType dtype) {
    if (normalizedShape.rank() == 0 || !(eps >= 0)) {
      throw new IllegalArgumentException("LayerNorm: needs a non-empty normalised shape and eps >= 0, got "
          + normalizedShape + " and " + eps);
    }
    this.normalized = normalizedShape;
    this.eps = eps;
    this.weight = param("weight", Tensor.ones(dtype, normalizedShape));
    this.bias = param("bias", Tensor.zeros(dtype, normalizedShape));
  }

  @Override public Tensor forward(Tensor x) {
    int k = normalized.rank();
    boolean fits = x.rank() >= k;
    for (int i = 0; fits && i < k; i++) fits = x.dim(x.rank() - k + i) == normalized.dim(i);
    if (!fits) throw new IllegalArgumentException(this + ": input " + x.shape() + " must end in " + normalized);
    return x.layerNorm(k, weight, bias, eps);
  }

  /** The scale, of the normalised shape. */
  public Tensor weight() { return weight; }

  /** The shift, of the normalised shape. */
  public Tensor bias() { return bias; }

  @Override public String toString() {
    return "LayerNorm(" + normalized + ", eps=" + eps + ")";
  }
}
