package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * Average pooling over the last two axes of [batch, channels, H, W], PyTorch's
 * {@code nn.AvgPool2d} (floor mode; windows over the padding divide by the whole kernel size, its
 * default {@code count_include_pad=True}). No parameters.
 */
public final class AvgPool2d extends Module {
  private final int[] kernel, stride, padding;

  /** A square window with stride = kernel and no padding (PyTorch's default). */
  public AvgPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  /** A square window, stride and padding (padding at most half the kernel). */
  public AvgPool2d(int kernel, int stride, int padding) {
    this.kernel = new int[] {kernel, kernel};
    this.stride = new int[] {stride, stride};
    this.padding = new int[] {padding, padding};
  }

  @Override public Tensor forward(Tensor x) {
    Pooling.check(this, x, kernel, padding);
    return x.avgPool2d(kernel, stride, padding);
  }

  @Override public String toString() {
    return Pooling.describe("AvgPool2d", kernel, stride, padding);
  }
}
