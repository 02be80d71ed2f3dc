package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * How a loss turns its per-element (or per-position) values into what it returns, as PyTorch's
 * {@code reduction} argument: {@link #MEAN} (the default), {@link #SUM}, or {@link #NONE}.
 */
public enum Reduction {
  /** The mean over the elements that count (for class-index targets: those not ignored). */
  MEAN,
  /** The sum over all elements: a scalar. */
  SUM,
  /**
   * No reduction: one value per element (per position for class losses). Not a scalar, so it
   * cannot be passed to {@code backward()} or a {@code Trainer} without reducing it yourself.
   */
  NONE;

  /** Reduces {@code values}; {@code count} is the divisor of {@link #MEAN}. */
  Tensor apply(Tensor values, double count) {
    return switch (this) {
      case MEAN -> values.sum().div(count);
      case SUM -> values.sum();
      case NONE -> values;
    };
  }

  /** PyTorch's spelling: "mean", "sum" or "none". */
  @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
}
