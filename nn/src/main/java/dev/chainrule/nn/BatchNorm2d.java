package dev.chainrule.nn;

import dev.chainrule.autograd.DType;

/** Batch normalisation of [batch, channels, H, W] per channel, PyTorch's {@code nn.BatchNorm2d}; see {@link BatchNorm}. */
public final class BatchNorm2d extends BatchNorm {
  /** float32, eps 1e-5, momentum 0.1 (PyTorch's defaults). */
  public BatchNorm2d(int channels) {
    this(channels, 1e-5, 0.1, DType.F32);
  }

  /** The general layer. */
  public BatchNorm2d(int channels, double eps, double momentum, DType dtype) {
    super(channels, eps, momentum, dtype);
  }

  @Override boolean acceptsRank(int rank) { return rank == 4; }

  @Override String layout() { return "[batch, channels, height, width]"; }
}
