package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Derivatives of derivatives against closed forms: Hessian-vector products, and sigmoid/tanh to third order. */
class HigherOrderTest {
  static final double[] A = {2, 1, 0, 1, 3, -1, 0, -1, 4};   // symmetric 3×3

  /** f(x) = ½xᵀAx + Σ eˣⁱ + (x₀x₁)². */
  static Tensor f(Tensor x) {
    Tensor a = Tensor.of(A, 3, 3);
    Tensor quadratic = x.matmul(a.matmul(x)).mul(0.5);
    Tensor coupling = x.slice(0, 0, 1).mul(x.slice(0, 1, 2)).square().sum();
    return quadratic.add(x.exp().sum()).add(coupling);
  }

  /** ∇²f = A + diag(eˣ) + the Hessian of (x₀x₁)²: [[2x₁², 4x₀x₁], [4x₀x₁, 2x₀²]] in the top-left block. */
  static double[][] hessian(double[] x) {
    double[][] h = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) h[i][j] = A[3 * i + j];
      h[i][i] += Math.exp(x[i]);
    }
    h[0][0] += 2 * x[1] * x[1];
    h[1][1] += 2 * x[0] * x[0];
    h[0][1] += 4 * x[0] * x[1];
    h[1][0] += 4 * x[0] * x[1];
    return h;
  }

  @Test void hessianVectorProductMatchesTheAnalyticHessian() {
    double[] xv = {0.3, -0.7, 1.1};
    double[] v = {1.0, -2.0, 0.5};
    Tensor x = Tensor.of(xv, 3).requiresGrad(true);
    Tensor g = Autograd.grad(f(x), true, x)[0];
    Tensor hv = Autograd.grad(g.mul(Tensor.of(v, 3)).sum(), x)[0];
    double[][] h = hessian(xv);
    for (int i = 0; i < 3; i++) {
      double expected = 0;
      for (int j = 0; j < 3; j++) expected += h[i][j] * v[j];
      assertEquals(expected, hv.getRaw(i), 1e-12, "(Hv)[" + i + "]");
    }
  }

  @Test void fullHessianRowByRow() {
    double[] xv = {-0.4, 0.9, 0.2};
    Tensor x = Tensor.of(xv, 3).requiresGrad(true);
    Tensor g = Autograd.grad(f(x), true, x)[0];
    double[][] h = hessian(xv);
    for (int i = 0; i < 3; i++) {
      Tensor row = Autograd.grad(g.slice(0, i, i + 1).sum(), true, x)[0];   // graph kept for the next row
      for (int j = 0; j < 3; j++) assertEquals(h[i][j], row.getRaw(j), 1e-12, "H[" + i + "][" + j + "]");
    }
  }

  @Test void sigmoidToThirdOrder() {
    double[] xv = {-3, -0.5, 0, 0.8, 4};
    Tensor x = Tensor.of(xv, 5).requiresGrad(true);
    Tensor d1 = Autograd.grad(x.sigmoid().sum(), true, x)[0];
    Tensor d2 = Autograd.grad(d1.sum(), true, x)[0];
    Tensor d3 = Autograd.grad(d2.sum(), x)[0];
    for (int i = 0; i < xv.length; i++) {
      double s = 1 / (1 + Math.exp(-xv[i]));
      assertEquals(s * (1 - s), d1.getRaw(i), 1e-15);
      assertEquals(s * (1 - s) * (1 - 2 * s), d2.getRaw(i), 1e-15);
      assertEquals(s * (1 - s) * (1 - 6 * s + 6 * s * s), d3.getRaw(i), 1e-14);
    }
  }

  @Test void tanhAndLogSecondDerivatives() {
    double[] xv = {0.2, 1.5, 3};
    Tensor x = Tensor.of(xv, 3).requiresGrad(true);
    Tensor tanh2 = Autograd.grad(Autograd.grad(x.tanh().sum(), true, x)[0].sum(), x)[0];
    Tensor log2 = Autograd.grad(Autograd.grad(x.log().sum(), true, x)[0].sum(), x)[0];
    for (int i = 0; i < 3; i++) {
      double t = Math.tanh(xv[i]);
      assertEquals(-2 * t * (1 - t * t), tanh2.getRaw(i), 1e-15);
      assertEquals(-1 / (xv[i] * xv[i]), log2.getRaw(i), 1e-13);
    }
  }

  @Test void backwardWithCreateGraphThenBackwardThroughTheGradient() {
    Tensor x = Tensor.of(new double[] {2.0}, 1).requiresGrad(true);
    x.pow(3).sum().backward(null, false, true);     // x.grad() = 3x², recorded
    Tensor g = x.grad();
    x.zeroGrad();
    g.sum().backward();                               // d(3x²)/dx = 6x
    assertEquals(12.0, x.grad().item(), 1e-12);
  }
}
