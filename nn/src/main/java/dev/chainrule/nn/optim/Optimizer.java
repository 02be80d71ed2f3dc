package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.List;

/**
 * Updates parameters in place from their accumulated gradients. The training step is
 * <pre>{@code
 * optimizer.zeroGrad();                 // gradients accumulate: clear last step's
 * cost.apply(model.forward(x), y).backward();
 * optimizer.step();                     // in place, under GradMode.off()
 * }</pre>
 * {@code step()} does not clear the gradients, so several backward passes may be accumulated into
 * one step; parameters with no gradient (not used by the cost) are left unchanged.
 *
 * <p>The learning rate is a settable property read on every {@code step()}, so a schedule (see
 * {@link LearningRateSchedule}) may change it between steps, as PyTorch's schedulers set
 * {@code param_group["lr"]}.
 */
public abstract class Optimizer {
  /** The parameters, in the order given. */
  protected final List<Tensor> params;
  private final String name;
  private double learningRate;

  /**
   * An optimizer called {@code name} (for messages) over {@code params}, with initial learning
   * rate {@code learningRate} (positive and finite).
   */
  protected Optimizer(String name, Iterable<Tensor> params, double learningRate) {
    this.name = name;
    List<Tensor> list = new java.util.ArrayList<>();
    for (Tensor p : params) {
      if (!p.requiresGrad() || !p.isLeaf()) {
        throw new IllegalArgumentException(name + ": every parameter must be a leaf that requires grad"
            + " (got one of shape " + p.shape() + (p.isLeaf() ? ", not requiring grad" : ", result of " + p.gradFnName()) + ")");
      }
      list.add(p);
    }
    if (list.isEmpty()) throw new IllegalArgumentException(name + ": no parameters to optimize");
    this.params = List.copyOf(list);
    setLearningRate(learningRate);
  }

  /** The learning rate the next {@code step()} uses. */
  public double learningRate() { return learningRate; }

  /**
   * Sets the learning rate for the following steps (positive and finite); optimizer state such as
   * momentum or Adam's moments is kept.
   */
  public void setLearningRate(double learningRate) {
    checkPositive(name, "learning rate", learningRate);
    this.learningRate = learningRate;
  }

  /** Applies one update to every parameter that has a gradient. */
  public abstract void step();

  /** Clears every parameter's gradient. */
  public void zeroGrad() {
    for (Tensor p : params) p.zeroGrad();
  }

  /** The parameters this optimizer updates. */
  public List<Tensor> parameters() { return params; }

  static void checkPositive(String name, String what, double v) {
    if (!(v > 0.0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + ": " + what + " must be positive and finite, got " + v);
  }

  static void checkNonNegative(String name, String what, double v) {
    if (!(v >= 0.0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + ": " + what + " must be >= 0 and finite, got " + v);
  }
}
