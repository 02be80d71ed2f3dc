package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** What the pooling layers share: the input check that names the layer, and their {@code toString}. */
final class Pooling {
  private Pooling() {}

  static void check(Module layer, Tensor x, int[] kernel, int[] padding) {
    if (kernel[0] < 1 || padding[0] < 0 || 2 * padding[0] > kernel[0]) {
      throw new IllegalArgumentException(layer + ": needs kernel >= 1 and 0 <= padding <= kernel/2");
    }
    if (x.rank() != 4) {
      throw new IllegalArgumentException(layer + ": input must be [batch, channels, height, width] (got " + x.shape() + ")");
    }
    if (x.dim(2) + 2 * padding[0] < kernel[0] || x.dim(3) + 2 * padding[1] < kernel[1]) {
      throw new IllegalArgumentException(layer + ": input of " + x.dim(2) + "x" + x.dim(3) + " is smaller than the "
          + kernel[0] + "x" + kernel[1] + " window after padding (got " + x.shape() + ")");
    }
  }

  static String describe(String name, int[] kernel, int[] stride, int[] padding) {
    return name + "(" + Conv2d.pair(kernel) + (stride[0] != kernel[0] || stride[1] != kernel[1] ? ", stride " + Conv2d.pair(stride) : "")
        + (padding[0] != 0 || padding[1] != 0 ? ", padding " + Conv2d.pair(padding) : "") + ")";
  }
}
