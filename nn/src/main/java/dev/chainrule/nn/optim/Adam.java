package dev.chainrule.nn.optim;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;

/**
 * Adam: per-parameter step sizes from running moments of the gradient. D. P. Kingma and J. Ba,
 * "Adam: A Method for Stochastic Optimization", ICLR 2015 (Algorithm 1):
 * <pre>
 * m ← β₁m + (1 − β₁)g          v ← β₂v + (1 − β₂)g²
 * m̂ = m/(1 − β₁ᵗ)              v̂ = v/(1 − β₂ᵗ)
 * w ← w − lr·m̂/(√v̂ + ε)
 * </pre>
 * Defaults as in the paper: lr = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */
public final class Adam extends Optimizer {
  private final double beta1, beta2, eps;
  private final Tensor[] m, v, update;
  private int t;

  /** Adam with the paper's defaults and learning rate {@code lr}. */
  public Adam(Iterable<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8);
  }

  /** Adam with learning rate {@code lr}, moment decay rates β₁, β₂ ∈ [0, 1) and ε &gt; 0. */
  public Adam(Iterable<Tensor> params, double lr, double beta1, double beta2, double eps) {
    super("Adam", params, lr);
    checkPositive("Adam", "eps", eps);
    if (!(beta1 >= 0.0 && beta1 < 1.0) || !(beta2 >= 0.0 && beta2 < 1.0)) {
      throw new IllegalArgumentException("Adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    int n = this.params.size();
    this.m = new Tensor[n];
    this.v = new Tensor[n];
    this.update = new Tensor[n];
  }

  @Override public void step() {
    double lr = learningRate();
    t++;
    double c1 = 1.0 - Math.pow(beta1, t), c2 = 1.0 - Math.pow(beta2, t);
    try (var noGrad = GradMode.off()) {
      for (int i = 0; i < params.size(); i++) {
        Tensor w = params.get(i), g = w.grad();
        if (g == null) continue;
        if (m[i] == null) {
          m[i] = Tensor.zeros(w.dtype(), w.shape());
          v[i] = Tensor.zeros(w.dtype(), w.shape());
          update[i] = Tensor.zeros(w.dtype(), w.shape());
        }
        // The moment and update buffers belong to this optimizer alone, so one fused loop over
        // their arrays is safe; the parameter itself changes only through addInPlace (versioned).
        if (w.dtype() == DType.F32) moments(g.f32(), m[i].f32(), v[i].f32(), update[i].f32(), c1, c2);
        else moments(g.f64(), m[i].f64(), v[i].f64(), update[i].f64(), c1, c2);
        w.addInPlace(-lr, update[i]);
      }
    }
  }

  private void moments(float[] g, float[] m, float[] v, float[] u, double c1, double c2) {
    for (int j = 0; j < g.length; j++) {
      m[j] = (float) (beta1 * m[j] + (1.0 - beta1) * g[j]);
      v[j] = (float) (beta2 * v[j] + (1.0 - beta2) * g[j] * g[j]);
      u[j] = (float) ((m[j] / c1) / (Math.sqrt(v[j] / c2) + eps));
    }
  }

  private void moments(double[] g, double[] m, double[] v, double[] u, double c1, double c2) {
    for (int j = 0; j < g.length; j++) {
      m[j] = beta1 * m[j] + (1.0 - beta1) * g[j];
      v[j] = beta2 * v[j] + (1.0 - beta2) * g[j] * g[j];
      u[j] = (m[j] / c1) / (Math.sqrt(v[j] / c2) + eps);
    }
  }

  /** Number of steps taken. */
  public int steps() { return t; }

  @Override public String toString() {
    return "Adam(lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")";
  }
}
