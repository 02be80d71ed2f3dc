package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.autograd.check.Samples;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DerivativesTest {
  private final SplittableRandom r = new SplittableRandom(11);

  @Test
  void jacobianOfAMatrixProductIsTheKroneckerPattern() {
    Tensor a = Samples.uniform(r, -1, 1, 2, 3), b = Samples.uniform(r, -1, 1, 3, 4);
    Tensor[] jac = Derivatives.jacobian(in -> in[0].matmul(in[1]), a, b);
    assertArrayEquals(new int[] {2, 4, 2, 3}, jac[0].dims());
    assertArrayEquals(new int[] {2, 4, 3, 4}, jac[1].dims());
    for (int i = 0; i < 2; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 3; k++) {
      // ∂(ab)ᵢⱼ/∂aᵢₖ = bₖⱼ, ∂(ab)ᵢⱼ/∂bₖⱼ = aᵢₖ; everything else 0.
      for (int i2 = 0; i2 < 2; i2++) assertEquals(i == i2 ? b.get(k, j) : 0.0, jac[0].get(i, j, i2, k), 1e-15);
      for (int j2 = 0; j2 < 4; j2++) assertEquals(j == j2 ? a.get(i, k) : 0.0, jac[1].get(i, j, k, j2), 1e-15);
    }
  }

  @Test
  void forwardAndReverseJacobiansAgree() {
    Tensor a = Samples.uniform(r, -1, 1, 3, 2), b = Samples.uniform(r, 0.5, 2, 2);
    java.util.function.Function<Tensor[], Tensor> f = in -> in[0].mul(in[1]).tanh().logSoftmax(1).add(in[1].log());
    Tensor[] reverse = Derivatives.jacobian(f, a, b), forward = Derivatives.jacobianForward(f, a, b);
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(reverse[i].dims(), forward[i].dims());
      assertArrayEquals(reverse[i].toDoubleArray(), forward[i].toDoubleArray(), 1e-14);
    }
  }

  @Test
  void hessianOfACubicAndOfAQuadraticForm() {
    Tensor x = Tensor.of(new double[] {1, -2, 0.5}, 3);
    Tensor h = Derivatives.hessian(t -> t.pow(3.0).sum(), x);      // diag(6x)
    assertArrayEquals(new double[] {6, 0, 0, 0, -12, 0, 0, 0, 3}, h.toDoubleArray(), 1e-12);
    Tensor m = Tensor.of(new double[] {1, 2, 0, 3, -1, 4, 0.5, 0, 2}, 3, 3);
    Tensor q = Derivatives.hessian(t -> t.matmul(m.matmul(t)), x);  // xᵀMx: H = M + Mᵀ
    double[] expected = new double[9];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) expected[i * 3 + j] = m.get(i, j) + m.get(j, i);
    assertArrayEquals(expected, q.toDoubleArray(), 1e-12);
  }

  @Test
  void hvpIsTheHessianTimesTheVectorByBothRoutes() {
    Tensor x = Samples.uniform(r, -1, 1, 4), v = Samples.uniform(r, -1, 1, 4);
    java.util.function.UnaryOperator<Tensor> f = t -> t.sigmoid().mul(t.exp()).sum().add(t.max().square());
    double[] h = Derivatives.hessian(f, x).toDoubleArray(), vv = v.toDoubleArray();
    double[] hv = new double[4];
    for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) hv[i] += h[i * 4 + j] * vv[j];
    assertArrayEquals(hv, Derivatives.hvp(f, x, v).toDoubleArray(), 1e-12);
    Tensor forwardOverReverse = Derivatives.hvpForward(in -> f.apply(in[0]), new Tensor[] {x}, new Tensor[] {v})[0];
    assertArrayEquals(hv, forwardOverReverse.toDoubleArray(), 1e-12);
  }

  @Test
  void jointHvpOfSeveralInputsAgreesAcrossRoutes() {
    Tensor x = Samples.uniform(r, -1, 1, 4, 5), w = Samples.uniform(r, -1, 1, 3, 5), b = Samples.uniform(r, -1, 1, 3);
    Tensor[] v = {Samples.uniform(r, -1, 1, 4, 5), Samples.uniform(r, -1, 1, 3, 5), Samples.uniform(r, -1, 1, 3)};
    java.util.function.Function<Tensor[], Tensor> loss = in -> in[0].linear(in[1], in[2]).tanh().square().mean();
    Tensor[] rr = Derivatives.hvp(loss, new Tensor[] {x, w, b}, v);
    Tensor[] fr = Derivatives.hvpForward(loss, new Tensor[] {x, w, b}, v);
    for (int i = 0; i < 3; i++) assertArrayEquals(rr[i].toDoubleArray(), fr[i].toDoubleArray(), 1e-13);
  }

  @Test
  void vjpLeavesTheCallersTensorsAlone() {
    Tensor x = Tensor.of(new double[] {1, 2, 3}, 3);
    Derivatives.Vjp r = Derivatives.vjp(in -> in[0].square(), new Tensor[] {x}, Tensor.of(new double[] {1, 0, -1}, 3));
    assertArrayEquals(new double[] {1, 4, 9}, r.output().toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {2, 0, -6}, r.grads()[0].toDoubleArray(), 0.0);
    assertFalse(x.requiresGrad());
    assertNull(x.grad());
  }
}
