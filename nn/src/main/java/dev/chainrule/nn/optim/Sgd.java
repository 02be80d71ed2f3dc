package dev.chainrule.nn.optim;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;

/**
 * Stochastic gradient descent, w ← w − lr·g, where g is the parameter's gradient.
 *
 * <p><b>The learning rate is the course's η.</b> The course updates
 * w ← w − (η/m) Σ_x ∂C_x/∂w over a mini-batch of m examples. Every cost in
 * {@link dev.chainrule.nn.loss} is the batch <em>mean</em> of C_x, so g is already
 * (1/m) Σ_x ∂C_x/∂w and {@code lr} = η (e.g. 3.0 for the MNIST recipe). With a summed cost you
 * would have to pass η/m yourself.
 *
 * <p><b>Weight decay</b> (L2 regularisation) is the course's
 * W ← W − α[(1/m)ΔW + λW]: the gradient of the mean cost plus λW, the derivative of the penalty
 * (λ/2)||W||². As in the course it applies to weights only, not biases; here that means parameters
 * of rank ≥ 2 (bias vectors are rank 1). Nielsen writes the same rule as
 * w ← (1 − ηλ'/n)w − ..., with n the training-set size: pass λ = λ'/n.
 *
 * <p><b>Momentum</b> μ keeps a velocity per parameter: v ← μv + g, w ← w − lr·v (PyTorch's form;
 * for a constant learning rate it equals the v ← μv − η g, w ← w + v of Nielsen's ch. 3 and of
 * I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance of initialization and
 * momentum in deep learning", ICML 2013).
 */
public final class Sgd extends Optimizer {
  private final double momentum, weightDecay;
  private final Tensor[] velocity;

  /** Plain SGD with learning rate {@code lr} (the course's η). */
  public Sgd(Iterable<Tensor> params, double lr) {
    this(params, lr, 0.0, 0.0);
  }

  /** SGD with momentum μ ∈ [0, 1) and weight decay λ ≥ 0 (0 turns either off). */
  public Sgd(Iterable<Tensor> params, double lr, double momentum, double weightDecay) {
    super("Sgd", params, lr);
    if (!(momentum >= 0.0 && momentum < 1.0)) throw new IllegalArgumentException("Sgd: momentum must be in [0, 1), got " + momentum);
    checkNonNegative("Sgd", "weightDecay", weightDecay);
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.velocity = new Tensor[this.params.size()];
  }

  /** SGD with momentum μ. */
  public static Sgd momentum(Iterable<Tensor> params, double lr, double momentum) {
    return new Sgd(params, lr, momentum, 0.0);
  }

  /** SGD with the course's L2 weight decay λ on the weights. */
  public static Sgd weightDecay(Iterable<Tensor> params, double lr, double lambda) {
    return new Sgd(params, lr, 0.0, lambda);
  }

  @Override public void step() {
    double lr = learningRate();
    try (var noGrad = GradMode.off()) {
      for (int i = 0; i < params.size(); i++) {
        Tensor w = params.get(i), g = w.gradForStep();
        if (g == null) continue;
        double decay = w.rank() >= 2 ? weightDecay : 0.0;
        if (momentum == 0.0) {
          // w − lr(g + λw) = (1 − lr·λ)w − lr·g
          if (decay != 0.0) w.mulInPlace(1.0 - lr * decay);
          w.addInPlace(-lr, g);
        } else {
          if (velocity[i] == null) velocity[i] = Tensor.zeros(w.dtype(), w.shape());
          Tensor v = velocity[i].mulInPlace(momentum).addInPlace(1.0, g);
          if (decay != 0.0) v.addInPlace(decay, w);
          w.addInPlace(-lr, v);
        }
      }
    }
  }

  /** The momentum buffers ({@code "velocity"}), once a step has made them; empty without momentum. */
  @Override public OptimizerState state() {
    return new OptimizerState(java.util.Map.of("velocity", copiesOf(velocity)), java.util.Map.of());
  }

  @Override public void loadState(OptimizerState state) {
    checkKinds(state, java.util.Set.of("velocity"), java.util.Set.of());
    Tensor[] restored = copyBuffers(state, "velocity");
    System.arraycopy(restored, 0, velocity, 0, velocity.length);
  }

  /** The learning rate η, as {@link #learningRate()}. */
  public double lr() { return learningRate(); }

  /** The momentum μ (0 for none). */
  public double momentum() { return momentum; }

  /** The weight-decay coefficient λ (0 for none). */
  public double weightDecay() { return weightDecay; }

  @Override public String toString() {
    return "Sgd(lr=" + learningRate() + (momentum != 0.0 ? ", momentum=" + momentum : "")
        + (weightDecay != 0.0 ? ", weightDecay=" + weightDecay : "") + ")";
  }
}
