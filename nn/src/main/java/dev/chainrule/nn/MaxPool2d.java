package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * Max pooling over the last two axes of [batch, channels, H, W], PyTorch's {@code nn.MaxPool2d}
 * (floor mode): each output is the largest input of its window; the gradient goes to that input
 * (the first one on ties). No parameters.
 */
public final class MaxPool2d extends Module {
  private final int[] kernel, stride, padding;

  /** A square window with stride = kernel and no padding (PyTorch's default). */
  public MaxPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  /** A square window, stride and padding (padding at most half the kernel). */
  public MaxPool2d(int kernel, int stride, int padding) {
    this.kernel = new int[] {kernel, kernel};
    this.stride = new int[] {stride, stride};
    this.padding = new int[] {padding, padding};
  }

  @Override public Tensor forward(Tensor x) {
    Pooling.check(this, x, kernel, padding);
    return x.maxPool2d(kernel, stride, padding);
  }

  @Override public String toString() {
    return Pooling.describe("MaxPool2d", kernel, stride, padding);
  }
}
