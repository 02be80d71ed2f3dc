package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.Window;
import java.util.Arrays;

/**
 * 2-D max and average pooling over the last two axes of [N, C, H, W] (or [C, H, W]), as PyTorch's
 * F.max_pool2d and F.avg_pool2d (floor mode; average counts the zero padding, PyTorch's default).
 * Composites, so their derivatives come from primitives:
 *
 * <ul>
 *   <li>max: y = x.flat[argmax] ({@link Take});  dx = dy scatter-added to the argmax
 *       ({@link FlatScatterAdd});  ẏ = ẋ.flat[argmax]. The argmax of each window is computed once in
 *       the forward pass and kept by the Take op, so backward never searches again; ties go to
 *       the first element in row-major order;</li>
 *   <li>average: a convolution of each plane with a constant kernel of 1/(kH·kW)
 *       ({@link Conv2d}), so its backward is the transposed convolution.</li>
 * </ul>
 */
public final class Pool2d {
  private Pool2d() {}

  /** Max pooling with a kernel, stride and padding, each (rows, columns). */
  public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
    Window w = window("maxPool2d", x, kernel, stride, padding);
    return Tensor.apply(new Take(Windows.maxPoolArgmax(w, x), outShape(x, w)), x);
  }

  /** Average pooling with a kernel, stride and padding, each (rows, columns). */
  public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
    Window w = window("avgPool2d", x, kernel, stride, padding);
    int h = x.dim(-2), wd = x.dim(-1);
    Tensor planes = x.reshape(x.size() / (h * wd), 1, h, wd);
    Tensor kernelOfMeans = Tensor.full(x.dtype(), Shape.of(1, 1, kernel[0], kernel[1]), 1.0 / (kernel[0] * kernel[1]));
    Conv2d.Params p = new Conv2d.Params(stride[0], stride[1], padding[0], padding[1], 1, 1, 1);
    return Tensor.apply(new Conv2d(p), planes, kernelOfMeans).reshape(outShape(x, w).dims());
  }

  private static Shape outShape(Tensor x, Window w) {
    return x.shape().with(x.rank() - 2, w.outH()).with(x.rank() - 1, w.outW());
  }

  private static Window window(String op, Tensor x, int[] kernel, int[] stride, int[] padding) {
    String got = " (got " + x.shape() + ", kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride)
        + ", padding " + Arrays.toString(padding) + ")";
    if (x.rank() != 3 && x.rank() != 4) {
      throw new IllegalArgumentException(op + ": input must be [batch, channels, height, width] or [channels, height, width]" + got);
    }
    if (kernel.length != 2 || stride.length != 2 || padding.length != 2) {
      throw new IllegalArgumentException(op + ": kernel, stride and padding are (rows, columns) pairs" + got);
    }
    for (int i = 0; i < 2; i++) {
      if (kernel[i] < 1 || stride[i] < 1 || padding[i] < 0) {
        throw new IllegalArgumentException(op + ": kernel and stride must be >= 1, padding >= 0" + got);
      }
      if (2 * padding[i] > kernel[i]) {
        throw new IllegalArgumentException(op + ": padding " + padding[i] + " is more than half the kernel " + kernel[i]
            + " (a window could hold only padding)" + got);
      }
    }
    Window w = Window.of(1, x.dim(-2), x.dim(-1), kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], 1, 1);
    if (w.outH() < 1 || w.outW() < 1) {
      throw new IllegalArgumentException(op + ": the " + kernel[0] + "x" + kernel[1] + " kernel does not fit the "
          + (x.dim(-2) + 2 * padding[0]) + "x" + (x.dim(-1) + 2 * padding[1]) + " padded input" + got);
    }
    return w;
  }
}
