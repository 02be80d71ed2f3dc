package dev.chainrule.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.Window;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The convolutions walk a batch in chunks of images whose column matrices sit side by side
 * ({@link ConvChunks}). On awkward sizes (empty batch, a last chunk with fewer images, groups,
 * stride, padding, dilation, both dtypes): im2col and col2im at an offset with a wider row stride
 * write and read what the one-image kernels do; the chunked forward, input gradient and weight
 * gradient give each image its values alone (up to rounding: a chunk's product is larger, so a
 * tiny one may take another gemm path, and the weight gradient sums a chunk at once); the weight
 * gradient from the kept column matrices has the bits of the one built again.
 */
class ConvChunksTest {

  @Property(tries = 60)
  void chunkedConvolutionsMatchOneImageAtATime(@ForAll @IntRange(min = 0, max = 70) int batch,
                                               @ForAll @IntRange(min = 1, max = 2) int groups,
                                               @ForAll @IntRange(min = 3, max = 9) int height,
                                               @ForAll @IntRange(min = 1, max = 3) int kernel,
                                               @ForAll @IntRange(min = 1, max = 2) int stride,
                                               @ForAll @IntRange(min = 0, max = 2) int pad,
                                               @ForAll @IntRange(min = 1, max = 2) int dilation,
                                               @ForAll boolean f64, @ForAll long seed) {
    DType dtype = f64 ? DType.F64 : DType.F32;
    SplittableRandom rng = new SplittableRandom(seed);
    int channels = 2 * groups, outChannels = 3 * groups, width = height + 2;
    Tensor x = Tensor.randn(rng, dtype, 0, 1, batch, channels, height, width).requiresGrad(true);
    Tensor w = Tensor.randn(rng, dtype, 0, 1, outChannels, channels / groups, kernel, kernel).requiresGrad(true);
    Tensor b = Tensor.randn(rng, dtype, 0, 1, outChannels).requiresGrad(true);
    int[] s = {stride, stride}, p = {pad, pad}, d = {dilation, dilation};
    Window win = Window.of(channels / groups, height, width, kernel, kernel, stride, stride, pad, pad, dilation, dilation);
    if (win.outH() < 1 || win.outW() < 1) return;   // the kernel does not fit
    Tensor y = Conv2d.conv2d(x, w, b, s, p, d, groups);
    Tensor upstream = Tensor.randn(rng, dtype, 0, 1, y.shape().dims());
    y.mul(upstream).sum().backward();

    Conv2d.Params params = new Conv2d.Params(stride, stride, pad, pad, dilation, dilation, groups);
    Tensor rebuilt = Tensor.apply(new Conv2dWeightGrad(params, kernel, kernel), x.detach(), upstream);
    assertArrayEquals(values(rebuilt), values(w.grad()), 0.0, "weight gradient from kept vs rebuilt columns");

    double[] dwSum = new double[w.size()];
    for (int n = 0; n < batch; n++) {
      Tensor xn = x.detach().slice(0, n, n + 1).contiguous().requiresGrad(true);
      Tensor wn = w.detach().requiresGrad(true);
      Tensor yn = Conv2d.conv2d(xn, wn, b.detach(), s, p, d, groups);
      close(values(yn), values(y.detach().slice(0, n, n + 1).contiguous()), f64, "forward of image " + n);
      yn.mul(upstream.slice(0, n, n + 1).contiguous()).sum().backward();
      close(values(xn.grad()), values(x.grad().slice(0, n, n + 1).contiguous()), f64, "input gradient of image " + n);
      double[] dwn = values(wn.grad());
      for (int i = 0; i < dwSum.length; i++) dwSum[i] += dwn[i];
    }
    close(dwSum, values(w.grad()), f64, "weight gradient");
  }

  /** Equal up to rounding: a chunk's product may take another gemm path (tiny products run a plain loop) or sum in another order. */
  private static void close(double[] expected, double[] actual, boolean f64, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], (f64 ? 1e-12 : 1e-4) * (1 + Math.abs(expected[i])), what + ", element " + i);
    }
  }

  @Property(tries = 40)
  void im2colAndCol2imAtAnOffsetWithAWiderRowStrideMatchTheCompactMatrix(
      @ForAll @IntRange(min = 1, max = 3) int channels, @ForAll @IntRange(min = 1, max = 11) int height,
      @ForAll @IntRange(min = 1, max = 4) int kernel, @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 0, max = 2) int pad, @ForAll @IntRange(min = 0, max = 37) int extra,
      @ForAll @IntRange(min = 0, max = 5) int offset, @ForAll boolean f64, @ForAll long seed) {
    Window win = Window.of(channels, height, height + 1, kernel, kernel, stride, stride, pad, pad, 1, 1);
    if (win.outH() < 1 || win.outW() < 1) return;
    DType dtype = f64 ? DType.F64 : DType.F32;
    SplittableRandom rng = new SplittableRandom(seed);
    Tensor x = Tensor.randn(rng, dtype, 0, 1, win.imageSize());
    int taps = win.taps(), positions = win.positions(), ld = positions + extra;
    Tensor compact = Tensor.zeros(dtype, Shape.of(taps, positions));
    Tensor wide = Tensor.full(dtype, Shape.of(offset + taps * ld), 7.0);
    Windows.im2col(win, x, 0, compact, 0, positions);
    Windows.im2col(win, x, 0, wide, offset, ld);
    double[] c = values(compact), wv = values(wide);
    for (int r = 0; r < taps; r++) {
      for (int q = 0; q < ld; q++) {
        double expected = q < positions ? c[r * positions + q] : 7.0;   // columns past the matrix untouched
        assertEquals(expected, wv[offset + r * ld + q], 0.0, "row " + r + ", column " + q);
      }
    }
    Tensor back = Tensor.zeros(dtype, Shape.of(win.imageSize())), backWide = Tensor.zeros(dtype, Shape.of(win.imageSize()));
    Windows.col2imAdd(win, compact, 0, positions, back, 0);
    Windows.col2imAdd(win, wide, offset, ld, backWide, 0);
    assertArrayEquals(values(back), values(backWide), 0.0);
  }

  private static double[] values(Tensor t) {
    return t.to(DType.F64).f64();
  }
}
