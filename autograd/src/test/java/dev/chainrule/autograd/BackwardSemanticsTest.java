package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What backward() does to .grad(): accumulation, zeroGrad, retained graphs, explicit upstream gradients. */
class BackwardSemanticsTest {
  static Tensor leaf(double... v) { return Tensor.of(v, v.length).requiresGrad(true); }

  @Test void aTensorUsedTwiceGetsBothContributions() {
    Tensor x = leaf(1, 2, 3);
    Tensor y = x.mul(x).add(x.mul(3.0)).sum();   // d/dx (x² + 3x) = 2x + 3
    y.backward();
    assertArrayEquals(new double[] {5, 7, 9}, x.grad().toDoubleArray(), 0);
  }

  @Test void aSharedIntermediateSumsItsConsumersGradients() {
    Tensor x = leaf(0.5, -1);
    Tensor s = x.sigmoid();
    s.mul(s).add(s).sum().backward();              // d/dx (s² + s) = (2s + 1)·s(1-s)
    for (int i = 0; i < 2; i++) {
      double v = 1 / (1 + Math.exp(-x.getRaw(i)));
      assertEquals((2 * v + 1) * v * (1 - v), x.grad().getRaw(i), 1e-15);
    }
  }

  @Test void twoBackwardCallsAccumulate() {
    Tensor x = leaf(1, 2);
    x.mul(2.0).sum().backward();
    x.mul(x).sum().backward();
    assertArrayEquals(new double[] {2 + 2, 2 + 4}, x.grad().toDoubleArray(), 0);
  }

  @Test void zeroGradStartsAfresh() {
    Tensor x = leaf(1, 2);
    x.mul(5.0).sum().backward();
    x.zeroGrad();
    assertNull(x.grad());
    x.mul(x).sum().backward();
    assertArrayEquals(new double[] {2, 4}, x.grad().toDoubleArray(), 0);
  }

  @Test void autogradGradLeavesDotGradAlone() {
    Tensor x = leaf(1, 2), w = leaf(3, 4);
    x.mul(w).sum().backward();
    double[] before = x.grad().toDoubleArray();
    Tensor[] g = Autograd.grad(x.mul(w).mul(w).sum(), x, w);
    assertArrayEquals(new double[] {9, 16}, g[0].toDoubleArray(), 0);
    assertArrayEquals(new double[] {6, 16}, g[1].toDoubleArray(), 0);
    assertArrayEquals(before, x.grad().toDoubleArray(), 0);
    assertArrayEquals(new double[] {1, 2}, w.grad().toDoubleArray(), 0);
  }

  @Test void autogradGradOfAnUnusedInputIsZero() {
    Tensor x = leaf(1, 2), unused = leaf(7, 7, 7);
    Tensor[] g = Autograd.grad(x.exp().sum(), x, unused);
    assertArrayEquals(new double[] {0, 0, 0}, g[1].toDoubleArray(), 0);
  }

  @Test void aNonScalarRootTakesAnExplicitGradOut() {
    Tensor x = leaf(1, 2, 3);
    Tensor y = x.mul(x);
    y.backward(Tensor.of(new double[] {1, 0, -2}, 3));
    assertArrayEquals(new double[] {2, 0, -12}, x.grad().toDoubleArray(), 0);
  }

  @Test void retainGraphAllowsASecondBackward() {
    Tensor x = leaf(1, 2);
    Tensor loss = x.exp().sum();
    loss.backward(null, true, false);
    loss.backward();
    assertArrayEquals(new double[] {2 * Math.exp(1), 2 * Math.exp(2)}, x.grad().toDoubleArray(), 1e-12);
  }

  @Test void eachLeafOwnsItsGradient() {
    Tensor a = leaf(1, 2), b = leaf(3, 4);
    a.add(b).sum().backward();           // Add hands the same dy to both inputs
    assertNotSame(a.grad(), b.grad());
    a.grad().mulInPlace(10);              // what gradient clipping does
    assertArrayEquals(new double[] {1, 1}, b.grad().toDoubleArray(), 0);
  }

  @Test void theGradientIsNotTheCallersGradOut() {
    Tensor x = leaf(1, 2);
    Tensor gradOut = Tensor.of(new double[] {1, 1}, 2);
    x.add(1.0).backward(gradOut);        // ScalarAdd passes dy through unchanged
    gradOut.fillInPlace(5);               // the caller reuses its buffer
    assertArrayEquals(new double[] {1, 1}, x.grad().toDoubleArray(), 0);
  }

  @Test void maximumSharesTiesAndMaxSplitsEqually() {
    Tensor a = leaf(1, 2, 3), b = leaf(1, 5, 0);
    a.maximum(b).sum().backward();
    assertArrayEquals(new double[] {0.5, 0, 1}, a.grad().toDoubleArray(), 0);
    assertArrayEquals(new double[] {0.5, 1, 0}, b.grad().toDoubleArray(), 0);
    Tensor x = leaf(4, 1, 4);
    x.max().backward();
    assertArrayEquals(new double[] {0.5, 0, 0.5}, x.grad().toDoubleArray(), 0);
  }

  @Test void gradientsHaveTheLeafsShapeAndDType() {
    Tensor w = Tensor.ones(DType.F32, 3, 1).requiresGrad(true);
    Tensor x = Tensor.ones(DType.F32, 2, 3);
    x.matmul(w).add(w.sum()).sum().backward();
    assertEquals(w.shape(), w.grad().shape());
    assertEquals(DType.F32, w.grad().dtype());
    assertArrayEquals(new double[] {2 + 2, 2 + 2, 2 + 2}, w.grad().toDoubleArray(), 0);
  }
}
