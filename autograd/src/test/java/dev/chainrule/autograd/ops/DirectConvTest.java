package dev.chainrule.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.kernel.Window;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The direct path of stride-1 convolutions ({@link DirectConv}): forward and weight gradient
 * against sums written from the definition, over batch, groups, sizes, padding and dilation in
 * both dtypes; its gradients against finite differences, to second order; and an infinite pixel,
 * whose NaNs must land where the exact sums put them (the gaps never multiply it by zero).
 */
class DirectConvTest {

  @Property(tries = 80)
  void forwardAndWeightGradientMatchTheDefinition(@ForAll @IntRange(max = 3) int batch,
                                                  @ForAll @IntRange(min = 1, max = 2) int groups,
                                                  @ForAll @IntRange(min = 1, max = 9) int height,
                                                  @ForAll @IntRange(min = 1, max = 9) int width,
                                                  @ForAll @IntRange(min = 1, max = 4) int kernel,
                                                  @ForAll @IntRange(max = 2) int pad,
                                                  @ForAll @IntRange(min = 1, max = 2) int dilation,
                                                  @ForAll boolean bias, @ForAll boolean f64, @ForAll long seed) {
    DType dtype = f64 ? DType.F64 : DType.F32;
    SplittableRandom rng = new SplittableRandom(seed);
    int channels = 2 * groups, outChannels = 5 * groups;
    Window win = Window.of(channels / groups, height, width, kernel, kernel, 1, 1, pad, pad, dilation, dilation);
    if (win.outH() < 1 || win.outW() < 1) return;   // the kernel does not fit
    Tensor x = Tensor.randn(rng, dtype, 0, 1, batch, channels, height, width);
    Tensor w = Tensor.randn(rng, dtype, 0, 1, outChannels, channels / groups, kernel, kernel);
    Tensor b = bias ? Tensor.randn(rng, dtype, 0, 1, outChannels) : null;
    int[] one = {1, 1}, p = {pad, pad}, d = {dilation, dilation};
    Tensor y = Conv2d.conv2d(x, w, b, one, p, d, groups);
    double[] want = ConvolutionReference.forward(x, w, b, one, p, d, groups, win.outH(), win.outW());
    close(want, y.to(DType.F64).f64(), f64, "forward");

    Tensor dy = Tensor.randn(rng, dtype, 0, 1, y.shape().dims());
    Conv2d.Params params = new Conv2d.Params(1, 1, pad, pad, dilation, dilation, groups);
    Tensor dw = Tensor.apply(new Conv2dWeightGrad(params, kernel, kernel), x, dy);
    close(ConvolutionReference.weightGrad(x, dy, w.shape().dims(), pad, dilation, groups), dw.to(DType.F64).f64(), f64,
        "weight gradient");
  }

  @Test
  void gradientsMatchFiniteDifferencesIncludingSecondOrder() {
    var rng = new SplittableRandom(12);
    Tensor x = Tensor.rand(rng, DType.F64, -1, 1, 2, 4, 7, 6);
    Tensor w = Tensor.rand(rng, DType.F64, -1, 1, 6, 2, 3, 2);
    Tensor b = Tensor.rand(rng, DType.F64, -1, 1, 6);
    var check = GradCheck.of(in -> in[0].conv2d(in[1], in[2], new int[] {1, 1}, new int[] {1, 2}, new int[] {2, 1}, 2).tanh());
    check.check(x, w, b).assertPassed();
    check.checkGradGrad(x, w, b).assertPassed();
  }

  @Test
  void anInfinitePixelSpoilsOnlyTheWeightsThatReadIt() {
    var rng = new SplittableRandom(3);
    Tensor x = Tensor.rand(rng, DType.F32, -1, 1, 2, 1, 6, 6);
    x.f32()[6 * 6 + 2 * 6] = Float.POSITIVE_INFINITY;   // image 1, row 2, column 0: kernel columns 1 and 2 never read it
    Tensor dy = Tensor.rand(rng, DType.F32, -1, 1, 2, 2, 4, 4);
    Tensor dw = Tensor.apply(new Conv2dWeightGrad(new Conv2d.Params(1, 1, 0, 0, 1, 1, 1), 3, 3), x, dy);
    double[] want = ConvolutionReference.weightGrad(x, dy, new int[] {2, 1, 3, 3}, 0, 1, 1);
    float[] got = dw.f32();
    for (int i = 0; i < want.length; i++) {
      assertEquals(Double.isFinite(want[i]), Float.isFinite(got[i]), "element " + i + ": want " + want[i] + ", got " + got[i]);
      if (Double.isFinite(want[i])) assertEquals(want[i], got[i], 1e-4 * (1 + Math.abs(want[i])), "element " + i);
    }
    assertTrue(Float.isFinite(got[1]) && !Float.isFinite(got[0]), "column 0 reads the pixel, column 1 does not");
  }

  private static void close(double[] want, double[] got, boolean f64, String what) {
    assertEquals(want.length, got.length, what + ": length");
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], (f64 ? 1e-12 : 1e-4) * (1 + Math.abs(want[i])), what + ", element " + i);
    }
  }
}
