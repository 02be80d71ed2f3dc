package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Edge cases a code review found: each failed before its fix. */
class ReviewFixesTest {
  @Test void logsumexpOfAllNegativeInfinityIsNegativeInfinityInFloat32Too() {
    Tensor x = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 1, 2);
    assertEquals(Double.NEGATIVE_INFINITY, x.logsumexp(1, false).item());
    Tensor d = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 1, 2);
    assertEquals(Double.NEGATIVE_INFINITY, d.logsumexp(1, false).item());
  }

  @Test void gradResultsNeverShareStorage() {
    Tensor x = Tensor.ones(DType.F64, 3).requiresGrad(true), y = Tensor.ones(DType.F64, 3).requiresGrad(true);
    Tensor[] g = Autograd.grad(x.add(y).sum(), x, y);
    g[0].mulInPlace(2);
    assertEquals(1.0, g[1].get(0), "changing one gradient leaves the other alone");
  }

  @Test void divisionByAScalarIsExact() {
    assertEquals(1.0, Tensor.of(new double[] {49}, 1).div(49).item());
    assertEquals(10f, (float) Tensor.of(new float[] {1e-38f}, 1).div(1e-39).item(), 1e-5f);
    assertEquals(1.0, Tensor.of(new double[] {49, 49}, 2).mean().div(49).item());
  }

  @Test void emptyTensorsFlattenAndMultiply() {
    assertArrayEquals(new int[] {0, 784}, Tensor.zeros(0, 28, 28).flatten().dims());
    assertArrayEquals(new int[] {2, 3, 4}, Tensor.zeros(2, 3, 0).matmul(Tensor.zeros(0, 4)).dims());
  }
}
