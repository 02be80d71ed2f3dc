package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.ops.ConvolutionReference;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * conv2d, the pools and pad against direct loops written from their definitions, on awkward
 * sizes (odd, prime, 1, larger than a vector), in float64 and float32; their validation messages.
 */
class ConvolutionTest {

  @ParameterizedTest(name = "x [{0}, {1}, {2}, {3}], {4} out, kernel {5}x{6}, stride {7}, pad {8}, dilation {9}, groups {10}")
  @CsvSource({
      "1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1",
      "2, 3, 7, 5, 4, 3, 3, 1, 1, 1, 1",
      "3, 4, 13, 11, 6, 5, 3, 2, 2, 1, 2",
      "2, 6, 9, 17, 6, 3, 3, 1, 1, 2, 6",      // depthwise, dilated
      "1, 2, 31, 33, 3, 5, 5, 3, 0, 1, 1",
      "4, 1, 28, 28, 6, 5, 5, 1, 2, 1, 1"})    // LeNet's first layer
  void conv2dMatchesTheDefinitionInBothDTypes(int n, int c, int h, int wd, int o, int kh, int kw, int s, int pad, int d, int groups) {
    var rng = new SplittableRandom(h * 31 + wd);
    Tensor x = Tensor.rand(rng, DType.F64, -1, 1, n, c, h, wd);
    Tensor w = Tensor.rand(rng, DType.F64, -0.5, 0.5, o, c / groups, kh, kw);
    Tensor b = Tensor.rand(rng, DType.F64, 0, 1, o);
    int[] st = {s, s}, pd = {pad, pad}, dl = {d, d};
    Tensor y = x.conv2d(w, b, st, pd, dl, groups);
    double[] expected = ConvolutionReference.forward(x, w, b, st, pd, dl, groups, y.dim(2), y.dim(3));
    assertArrayEquals(expected, y.f64(), 1e-12);
    Tensor y32 = x.to(DType.F32).conv2d(w.to(DType.F32), b.to(DType.F32), st, pd, dl, groups);
    assertArrayEquals(expected, y32.to(DType.F64).f64(), 1e-4);
  }

  @Test
  void conv2dGradientsMatchFiniteDifferencesIncludingSecondOrder() {
    var rng = new SplittableRandom(4);
    Tensor x = Tensor.rand(rng, DType.F64, 0, 1, 2, 4, 6, 5);
    Tensor w = Tensor.rand(rng, DType.F64, 0, 1, 4, 1, 3, 3);
    Tensor b = Tensor.rand(rng, DType.F64, 0, 1, 4);
    var check = GradCheck.of(in -> in[0].conv2d(in[1], in[2], new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 2}, 4).tanh());
    check.check(x, w, b).assertPassed();
    check.checkGradGrad(x, w, b).assertPassed();
  }

  @Test
  void poolsAndPadGradientsMatchFiniteDifferencesIncludingSecondOrder() {
    var rng = new SplittableRandom(5);
    Tensor x = Tensor.rand(rng, DType.F64, 0, 1, 2, 3, 7, 6);
    var pools = GradCheck.of(in -> in[0].maxPool2d(new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 1}).square()
        .add(in[0].avgPool2d(new int[] {3, 3}, new int[] {2, 1}, new int[] {1, 0}).square().sum())
        .add(in[0].pad(new int[] {1, 2, 0, 3}, 0.25).square().sum()));
    pools.check(x).assertPassed();
    pools.checkGradGrad(x).assertPassed();
  }

  @Test
  void maxPoolTakesTheFirstMaximumAndRoutesTheGradientThere() {
    Tensor x = Tensor.of(new double[] {1, 5, 5, 2, 0, -1, 3, 4, 9}, 1, 1, 3, 3).requiresGrad(true);
    Tensor y = x.maxPool2d(new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0});
    assertArrayEquals(new double[] {5, 5, 4, 9}, y.f64());
    y.sum().backward();
    assertArrayEquals(new double[] {0, 2, 0, 0, 0, 0, 0, 1, 1}, x.grad().f64());
  }

  @Test
  void avgPoolCountsThePaddingAndPadPlacesTheInput() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 2, 2);
    assertArrayEquals(new double[] {0.25, 0.75, 0.5, 1.0}, x.avgPool2d(new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}).reshape(-1).slice(0, 0, 4).f64());
    Tensor p = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).pad(new int[] {1, 0, 0, 1}, 9);
    assertEquals(Shape.of(3, 3), p.shape());
    assertArrayEquals(new double[] {9, 1, 2, 9, 3, 4, 9, 9, 9}, p.f64());
  }

  @Test
  void badShapesAreNamed() {
    Tensor x = Tensor.zeros(DType.F32, 32, 3, 28, 28);
    var e = assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(DType.F32, 6, 1, 5, 5), null, 1, 0));
    assertEquals("conv2d: input has 3 channels, expected 1 (got [32, 3, 28, 28] and weight [6, 1, 5, 5])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(DType.F32, 6, 3, 29, 5), null, 1, 0));
    assertEquals("conv2d: the 29x5 (dilated) kernel does not fit the 28x28 padded input (got [32, 3, 28, 28] and weight [6, 3, 29, 5])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(DType.F32, 4, 1, 3, 3), null, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 3));
    assertEquals("conv2d: groups 3 must be positive and divide the 4 output channels (got [32, 3, 28, 28] and weight [4, 1, 3, 3])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.maxPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 0}));
    assertEquals("maxPool2d: padding 2 is more than half the kernel 2 (a window could hold only padding) (got [32, 3, 28, 28], kernel [2, 2], stride [2, 2], padding [2, 0])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.reshape(96, 784).avgPool2d(2));
    assertEquals("avgPool2d: input must be [batch, channels, height, width] or [channels, height, width] (got [96, 784], kernel [2, 2], stride [2, 2], padding [0, 0])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.pad(new int[] {1, 1, 1}, 0));
    assertEquals("pad: needs (before, after) pairs for at most 4 axes, got [1, 1, 1] (for [32, 3, 28, 28])", e.getMessage());
  }
}
