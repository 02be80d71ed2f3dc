package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link WindowKernels#maxPoolArgmax} (branch-free inside the image, bounds-checked at its edges)
 * against the rule written as plainly as possible: the first largest tap of each window, a NaN
 * beating any number, padding never winning. Values come from a small set so that ties are
 * common, with NaN and infinities among them; windows of every geometry a pool allows.
 */
class MaxPoolArgmaxProperties {
  private static final double[] VALUES = {-2, -1, 0, -0.0, 0.5, 1, 3, Double.NaN,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  @Property(tries = 300)
  void everyWindowPicksItsFirstLargestTap(@ForAll @IntRange(min = 1, max = 3) int channels,
                                          @ForAll @IntRange(min = 1, max = 9) int height,
                                          @ForAll @IntRange(min = 1, max = 9) int width,
                                          @ForAll @IntRange(min = 1, max = 4) int kernelH,
                                          @ForAll @IntRange(min = 1, max = 4) int kernelW,
                                          @ForAll @IntRange(min = 1, max = 3) int stride,
                                          @ForAll @IntRange(min = 1, max = 2) int dilation,
                                          @ForAll boolean padded, @ForAll long seed) {
    int padH = padded ? kernelH / 2 : 0, padW = padded ? kernelW / 2 : 0;
    Window w = Window.of(channels, height, width, kernelH, kernelW, stride, stride, padH, padW, dilation, dilation);
    if (w.outH() < 1 || w.outW() < 1) return;   // the window does not fit: the op refuses such a pool
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[w.imageSize()];
    for (int i = 0; i < x.length; i++) x[i] = VALUES[rng.nextInt(VALUES.length)];
    float[] xf = new float[x.length];
    for (int i = 0; i < x.length; i++) xf[i] = (float) x[i];

    int[] expected = plainArgmax(w, x), ofDoubles = new int[expected.length], ofFloats = new int[expected.length];
    WindowKernels.maxPoolArgmax(w, channels, x, ofDoubles);
    WindowKernels.maxPoolArgmax(w, channels, xf, ofFloats);
    assertArrayEquals(expected, ofDoubles, () -> w + " double");
    assertArrayEquals(expected, ofFloats, () -> w + " float");
  }

  /** Each window's taps in order; a tap replaces the best so far when larger, or NaN over a number. */
  private static int[] plainArgmax(Window w, double[] x) {
    int[] argmax = new int[w.channels() * w.positions()];
    int i = 0;
    for (int c = 0; c < w.channels(); c++) {
      for (int oh = 0; oh < w.outH(); oh++) {
        for (int ow = 0; ow < w.outW(); ow++) {
          int best = -1;
          for (int kh = 0; kh < w.kernelH(); kh++) {
            for (int kw = 0; kw < w.kernelW(); kw++) {
              int ih = oh * w.strideH() - w.padH() + kh * w.dilationH();
              int iw = ow * w.strideW() - w.padW() + kw * w.dilationW();
              if (ih < 0 || ih >= w.height() || iw < 0 || iw >= w.width()) continue;
              int at = (c * w.height() + ih) * w.width() + iw;
              boolean wins = best < 0 || x[at] > x[best] || (Double.isNaN(x[at]) && !Double.isNaN(x[best]));
              if (wins) best = at;
            }
          }
          argmax[i++] = best;
        }
      }
    }
    return argmax;
  }
}
