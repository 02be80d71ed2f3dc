package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.Window;

/**
 * The direct path of stride-1 convolutions, forward and weight gradient, with no column matrices
 * ({@link dev.chainrule.autograd.kernel.Kernels#convWide}). Each image's channels are copied into
 * zero-bordered planes of the padded size, one after another ("planes"); output position q then
 * stands for row q / paddedWidth, column q % paddedWidth, and tap j = (c, kh, kw) reads the
 * element at q + taps[j] with taps[j] = c·plane + kh·dilationH·paddedWidth + kw·dilationW. A
 * kernel sweeps contiguous runs of outputs with one load per tap instead of building a matrix of
 * every tap's copy. Positions whose column is past outW (the "gaps", (kernelW − 1)·dilationW per
 * row) are computed and dropped by the forward; in the weight gradient dy is zero there.
 *
 * <p>Measured on LeNet-5 at batch 128 (µs an image, the kernels alone, in cache): the second
 * convolution's forward 7.3 (im2col 6.0 + gemm 5.9 before), its weight gradient 12.6 (gemm 8.0
 * on kept columns); the first's forward 3.6 (im2col 5.0 + gemm 4.4), weight gradient 4.3 (im2col
 * 5.0 + gemm 3.4). The input gradient stays im2col's ({@link ConvTranspose2d}): as a convolution
 * of dy with the kernel turned half a circle (tried) it took LeNet's from 1.9 to 2.4 ms a step,
 * 31% of its positions being gaps and 6 output channels filling the 4-channel blocks badly.
 */
final class DirectConv {
  /** Elements after the last plane: the kernels read whole vectors (up to 16 floats) past the last output. */
  private static final int SLACK = 16;

  private final Window win;
  private final int batch, groups, channels, outChannels, groupOut, plane, imageSize, length;
  private final int[] taps;

  /** Whether a convolution with these hyperparameters takes the direct path: stride 1. */
  static boolean applies(Conv2d.Params p) {
    return p.strideH() == 1 && p.strideW() == 1;
  }

  /** The direct path of convolution {@code p} of an input [batch, channels, H, W] with a weight of shape w. */
  DirectConv(Conv2d.Params p, Shape x, Shape w) {
    this.win = p.window(x, w.dim(2), w.dim(3));
    this.batch = x.dim(0);
    this.groups = p.groups();
    this.channels = x.dim(1);
    this.outChannels = w.dim(0);
    this.groupOut = outChannels / groups;
    this.plane = win.paddedHeight() * win.paddedWidth();
    this.imageSize = channels * plane;
    this.length = (win.wideColumns() + SLACK - 1) / SLACK * SLACK;   // whole vectors at any width
    this.taps = new int[win.taps()];
    int j = 0;
    for (int c = 0; c < win.channels(); c++) {
      for (int kh = 0; kh < win.kernelH(); kh++) {
        for (int kw = 0; kw < win.kernelW(); kw++) {
          taps[j++] = c * plane + kh * win.dilationH() * win.paddedWidth() + kw * win.dilationW();
        }
      }
    }
  }

  /** The padded planes of every image of x [batch, channels, H, W], one after another. */
  Tensor planes(Tensor x) {
    Tensor planes = Tensor.zeros(x.dtype(), Shape.of(batch * imageSize + SLACK));
    int image = channels * win.height() * win.width(), group = win.channels() * win.height() * win.width();
    for (int n = 0; n < batch; n++) {
      for (int g = 0; g < groups; g++) {
        Windows.padInto(win, x, n * image + g * group, planes, n * imageSize + g * win.channels() * plane);
      }
    }
    return planes;
  }

  /** y = the convolution of the images in {@code planes} with w, plus b when not null: [batch, outChannels, outH, outW]. */
  Tensor forward(Tensor planes, Tensor w, Tensor b) {
    DType dtype = planes.dtype();
    int positions = win.positions(), outW = win.outW();
    Tensor y = Tensor.zeros(dtype, Shape.of(batch, outChannels, win.outH(), outW));
    Tensor out = Tensor.zeros(dtype, Shape.of(groupOut, length));
    for (int n = 0; n < batch; n++) {
      for (int g = 0; g < groups; g++) {
        int xOff = n * imageSize + g * win.channels() * plane, wOff = g * groupOut * taps.length;
        if (dtype == DType.F32) {
          Compute.kernels().convWide(planes.f32(), xOff, taps, w.f32(), wOff, groupOut, out.f32(), 0, length, length);
        } else {
          Compute.kernels().convWide(planes.f64(), xOff, taps, w.f64(), wOff, groupOut, out.f64(), 0, length, length);
        }
        for (int o = 0; o < groupOut; o++) {
          int channel = g * groupOut + o, to = (n * outChannels + channel) * positions;
          Windows.copyRows(out, o * length, win.paddedWidth(), y, to, outW, win.outH(), outW);
          if (b != null) Windows.addScalar(y, to, positions, b, channel);
        }
      }
    }
    return y;
  }

  /**
   * Whether the weight gradient may take the direct path for input x: every element finite. The
   * gaps multiply dy's zeros by real pixels, and 0·∞ would put a NaN where the exact sum has none;
   * such inputs take im2col's path. (A sum that overflows only sends a finite input there too.)
   */
  static boolean weightGradientApplies(Conv2d.Params p, Tensor x) {
    if (!applies(p) || x.size() == 0) return applies(p);
    Tensor total = Compute.reduceAxis(ReduceOp.SUM, x.viewAs(Shape.of(x.size())), 0);
    double sum = total.dtype() == DType.F32 ? total.f32()[0] : total.f64()[0];
    return Double.isFinite(sum);
  }

  /** dw = Σ over the batch of dy ⋆ the images in {@code planes}: [outChannels, C/groups, kH, kW]. */
  Tensor weightGrad(Tensor planes, Tensor dy) {
    DType dtype = planes.dtype();
    int positions = win.positions(), outW = win.outW();
    Tensor rows = Tensor.zeros(dtype, Shape.of(batch * outChannels * length));   // dy on wide rows, zero in the gaps
    for (int i = 0; i < batch * outChannels; i++) {
      Windows.copyRows(dy, i * positions, outW, rows, i * length, win.paddedWidth(), win.outH(), outW);
    }
    Tensor dw = Tensor.zeros(dtype, Shape.of(outChannels, win.channels(), win.kernelH(), win.kernelW()));
    for (int g = 0; g < groups; g++) {
      int xOff = g * win.channels() * plane, dyOff = g * groupOut * length, dwOff = g * groupOut * taps.length;
      if (dtype == DType.F32) {
        Compute.kernels().convWideWeightGrad(planes.f32(), xOff, imageSize, taps, rows.f32(), dyOff, outChannels * length,
            length, groupOut, batch, length, dw.f32(), dwOff);
      } else {
        Compute.kernels().convWideWeightGrad(planes.f64(), xOff, imageSize, taps, rows.f64(), dyOff, outChannels * length,
            length, groupOut, batch, length, dw.f64(), dwOff);
      }
    }
    return dw;
  }
}
