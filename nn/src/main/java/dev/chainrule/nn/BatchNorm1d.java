package dev.chainrule.nn;

import dev.chainrule.autograd.DType;

/** Batch normalisation of [batch, features] or [batch, features, length], PyTorch's {@code nn.BatchNorm1d}; see {@link BatchNorm}. */
public final class BatchNorm1d extends BatchNorm {
  /** float32, eps 1e-5, momentum 0.1 (PyTorch's defaults). */
  public BatchNorm1d(int features) {
    this(features, 1e-5, 0.1, DType.F32);
  }

  /** The general layer. */
  public BatchNorm1d(int features, double eps, double momentum, DType dtype) {
    super(features, eps, momentum, dtype);
  }

  @Override boolean acceptsRank(int rank) { return rank == 2 || rank == 3; }

  @Override String layout() { return "[batch, features] or [batch, features, length]"; }
}
