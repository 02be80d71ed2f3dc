package dev.chainrule.nn.optim;

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
 *
 * <p><b>Weight decay</b> λ, two kinds, as PyTorch's {@code Adam(weight_decay=λ)} and
 * {@code AdamW}: {@link #l2} adds λw to the gradient before the moments (L2 regularisation, whose
 * effect the per-parameter step sizes then rescale); {@link #adamW} shrinks the weights by
 * lr·λ·w apart from the gradient step (I. Loshchilov and F. Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019), so the decay is the same for every weight. As in {@link Sgd}, only
 * weights decay (parameters of rank ≥ 2), not biases.
 */
public final class Adam extends Optimizer {
  private final double beta1, beta2, eps, weightDecay;
  private final boolean decoupled;
  private final Tensor[] m, v, update, denom;
  private int t;

  /** Adam with the paper's defaults and learning rate {@code lr}. */
  public Adam(Iterable<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8);
  }

  /** Adam with learning rate {@code lr}, moment decay rates β₁, β₂ ∈ [0, 1) and ε &gt; 0. */
  public Adam(Iterable<Tensor> params, double lr, double beta1, double beta2, double eps) {
    this(params, lr, beta1, beta2, eps, 0.0, false);
  }

  /**
   * Adam with weight decay λ ≥ 0 (0 for none): added to the gradient, or, {@code decoupled},
   * applied to the weights directly (AdamW).
   */
  public Adam(Iterable<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
              boolean decoupled) {
    super(nameOf(decoupled), params, lr);
    String name = nameOf(decoupled);
    checkPositive(name, "eps", eps);
    checkNonNegative(name, "weightDecay", weightDecay);
    if (!(beta1 >= 0.0 && beta1 < 1.0) || !(beta2 >= 0.0 && beta2 < 1.0)) {
      throw new IllegalArgumentException(name + ": betas must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
    int n = this.params.size();
    this.m = new Tensor[n];
    this.v = new Tensor[n];
    this.update = new Tensor[n];
    this.denom = new Tensor[n];
  }

  private static String nameOf(boolean decoupled) {
    return decoupled ? "AdamW" : "Adam";
  }

  /** Adam (paper defaults) with L2 weight decay λ on the weights: g + λw goes into the moments. */
  public static Adam l2(Iterable<Tensor> params, double lr, double lambda) {
    return new Adam(params, lr, 0.9, 0.999, 1e-8, lambda, false);
  }

  /** AdamW (paper defaults): the weights shrink by lr·λ·w each step, apart from the Adam step. */
  public static Adam adamW(Iterable<Tensor> params, double lr, double lambda) {
    return new Adam(params, lr, 0.9, 0.999, 1e-8, lambda, true);
  }

  @Override public void step() {
    double lr = learningRate();
    t++;
    double c1 = 1.0 - Math.pow(beta1, t), c2 = 1.0 - Math.pow(beta2, t);
    // m̂/(√v̂ + ε) = (√c2/c1)·m/(√v + ε√c2): the bias corrections move into the step size and ε,
    // the paper's "more efficient" ordering (end of section 2) with ε̂ = ε√c2, so it is the same
    // update and saves two passes.
    double sqrtC2 = Math.sqrt(c2), stepSize = lr * sqrtC2 / c1, epsHat = eps * sqrtC2;
    try (var noGrad = GradMode.off()) {
      for (int i = 0; i < params.size(); i++) {
        Tensor w = params.get(i), g = w.gradForStep();
        if (g == null) continue;
        if (m[i] == null) {
          m[i] = Tensor.zeros(w.dtype(), w.shape());
          v[i] = Tensor.zeros(w.dtype(), w.shape());
          update[i] = Tensor.zeros(w.dtype(), w.shape());
          denom[i] = Tensor.zeros(w.dtype(), w.shape());
        }
        double decay = w.rank() >= 2 ? weightDecay : 0.0;
        if (decay != 0.0 && decoupled) {
          w.mulInPlace(1.0 - lr * decay);                     // AdamW: w ← (1 − lr·λ)w
        } else if (decay != 0.0) {
          g = update[i].fillInPlace(0.0).addInPlace(1.0, g).addInPlace(decay, w);   // g + λw; .grad untouched
        }
        // Whole-tensor in-place passes (SIMD when available) rather than one fused scalar loop:
        // vectorised passes beat one loop with a scalar double sqrt and divide per element.
        // The buffers belong to this optimizer alone; denom may be written while g is update[i].
        m[i].mulInPlace(beta1).addInPlace(1.0 - beta1, g);               // m ← β₁m + (1 − β₁)g
        denom[i].copyInPlace(g).mulInPlace(g);                            // g²
        v[i].mulInPlace(beta2).addInPlace(1.0 - beta2, denom[i]);         // v ← β₂v + (1 − β₂)g²
        denom[i].copyInPlace(v[i]).sqrtInPlace().addInPlace(epsHat);      // √v + ε̂
        update[i].copyInPlace(m[i]).divInPlace(denom[i]);                 // u ← m/(√v + ε̂)
        w.addInPlace(-stepSize, update[i]);                   // w ← w − lr·(√c2/c1)·u
      }
    }
  }

  /** The moments ({@code "m"}, {@code "v"}) of every parameter stepped so far and the step count t ({@code "step"}). */
  @Override public OptimizerState state() {
    return new OptimizerState(java.util.Map.of("m", copiesOf(m), "v", copiesOf(v)), java.util.Map.of("step", (double) t));
  }

  @Override public void loadState(OptimizerState state) {
    checkKinds(state, java.util.Set.of("m", "v"), java.util.Set.of("step"));
    Tensor[] newM = copyBuffers(state, "m"), newV = copyBuffers(state, "v");
    for (int i = 0; i < newM.length; i++) {
      if ((newM[i] == null) != (newV[i] == null)) {
        throw new IllegalArgumentException(nameOf(decoupled) + ": state has " + (newM[i] == null ? "v" : "m")
            + " but not " + (newM[i] == null ? "m" : "v") + " for parameter " + i + ", expected both or neither");
      }
    }
    double step = state.scalars().getOrDefault("step", 0.0);
    if (!(step >= 0 && step <= Integer.MAX_VALUE && step == Math.rint(step))) {
      throw new IllegalArgumentException(nameOf(decoupled) + ": state step " + step + ", expected a whole number >= 0");
    }
    for (int i = 0; i < newM.length; i++) {
      m[i] = newM[i];
      v[i] = newV[i];
      update[i] = newM[i] == null ? null : Tensor.zeros(newM[i].dtype(), newM[i].shape());   // scratch
      denom[i] = newM[i] == null ? null : Tensor.zeros(newM[i].dtype(), newM[i].shape());
    }
    t = (int) step;
  }

  /** The weight-decay coefficient λ (0 for none). */
  public double weightDecay() { return weightDecay; }

  /** Whether the weight decay is decoupled from the gradient (AdamW). */
  public boolean decoupled() { return decoupled; }

  /** Number of steps taken. */
  public int steps() { return t; }

  @Override public String toString() {
    return nameOf(decoupled) + "(lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2
        + ", eps=" + eps + (weightDecay != 0.0 ? ", weightDecay=" + weightDecay : "") + ")";
  }
}
