package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The fused batch norm against the composite it replaced (the formula in broadcasting Tensor ops):
 * outputs and the gradients of input, weight and bias, on awkward shapes, in float64 and float32;
 * and its validation messages.
 */
class BatchNormTest {

  /** y = (x − μ)·(σ² + ε)^(-1/2)·γ + β from broadcasting Tensor ops, the statistics over every axis but 1. */
  static Tensor composite(Tensor x, Tensor w, Tensor b, double eps) {
    int[] axes = new int[x.rank() - 1];
    for (int a = 0, i = 0; a < x.rank(); a++) if (a != 1) axes[i++] = a;
    int[] perChannel = new int[x.rank()];
    java.util.Arrays.fill(perChannel, 1);
    perChannel[1] = x.dim(1);
    Tensor centred = x.sub(x.mean(axes, true));
    return centred.mul(centred.square().mean(axes, true).add(eps).pow(-0.5)).mul(w.reshape(perChannel))
        .add(b.reshape(perChannel));
  }

  @ParameterizedTest(name = "{0} x [{1}]")
  @CsvSource({"F64, 2 3", "F64, 5 1 7", "F64, 3 2 5 1", "F64, 1 4 3 3", "F64, 7 3 17 33",
      "F32, 2 3", "F32, 3 2 5 1", "F32, 7 3 17 33"})
  void fusedMatchesTheComposite(DType dtype, String dimsText) {
    int[] dims = java.util.Arrays.stream(dimsText.split(" ")).mapToInt(Integer::parseInt).toArray();
    SplittableRandom rng = new SplittableRandom(dims.length * 31L + dims[0]);
    Tensor[] fused = leaves(rng, dtype, dims), comp = copies(fused);
    Tensor dy = Tensor.randn(rng, dtype, 0, 1, dims);
    Tensor y1 = fused[0].batchNorm(fused[1], fused[2], 1e-5), y2 = composite(comp[0], comp[1], comp[2], 1e-5);
    y1.backward(dy);
    y2.backward(dy);
    double tol = dtype == DType.F64 ? 1e-12 : 2e-5;
    close("y", y2, y1, tol);
    for (int i = 0; i < 3; i++) close("grad " + i, comp[i].grad(), fused[i].grad(), tol);
  }

  @Test
  void nullWeightAndBiasAreOnesAndZeros() {
    SplittableRandom rng = new SplittableRandom(3);
    Tensor x = Tensor.randn(rng, DType.F64, 0, 1, 4, 3, 2);
    close("y", composite(x, Tensor.ones(DType.F64, 3), Tensor.zeros(DType.F64, 3), 1e-5), x.batchNorm(null, null, 1e-5), 1e-12);
  }

  @Test
  void badShapesNameBoth() {
    Tensor x = Tensor.zeros(DType.F32, 4, 3, 2, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> x.batchNorm(Tensor.ones(DType.F32, 2), null, 1e-5));
    assertEquals("batchNorm: weight and bias must be [3] (got [4, 3, 2, 2] and [2])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(DType.F32, 4).batchNorm(null, null, 1e-5));
    assertEquals("batchNorm: input must be [batch, channels, ...] (got [4])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.batchNorm(Tensor.ones(DType.F64, 3), null, 1e-5));
    assertTrue(e.getMessage().startsWith("batchNorm: dtypes differ, F32 input and F64"), e.getMessage());
  }

  private static Tensor[] leaves(SplittableRandom rng, DType dtype, int[] dims) {
    return new Tensor[] {
        Tensor.randn(rng, dtype, 0.5, 2, dims).requiresGrad(true),
        Tensor.randn(rng, dtype, 1, 0.5, dims[1]).requiresGrad(true),
        Tensor.randn(rng, dtype, 0, 0.5, dims[1]).requiresGrad(true)};
  }

  private static Tensor[] copies(Tensor[] t) {
    Tensor[] c = new Tensor[t.length];
    for (int i = 0; i < t.length; i++) c[i] = t[i].detach().mul(1.0).requiresGrad(true);
    return c;
  }

  private static void close(String what, Tensor expected, Tensor actual, double tol) {
    assertEquals(expected.shape(), actual.shape(), what);
    double[] e = expected.to(DType.F64).f64(), a = actual.to(DType.F64).f64();
    double scale = 1;
    for (double v : e) scale = Math.max(scale, Math.abs(v));
    for (int i = 0; i < e.length; i++) {
      assertTrue(Math.abs(e[i] - a[i]) <= tol * scale, what + " at " + i + ": composite " + e[i] + ", fused " + a[i]);
    }
  }
}
