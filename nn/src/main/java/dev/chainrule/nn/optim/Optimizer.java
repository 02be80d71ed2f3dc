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

  /**
   * Clears every parameter's gradient ({@link Tensor#zeroGrad()}: {@code grad()} is null until the
   * next backward, which overwrites the kept storage; a gradient taken earlier with
   * {@code grad()} never changes).
   */
  public void zeroGrad() {
    for (Tensor p : params) p.zeroGrad();
  }

  /** The parameters this optimizer updates. */
  public List<Tensor> parameters() { return params; }

  /**
   * Copies of what this optimizer remembers between steps (empty for plain SGD), for a checkpoint:
   * restoring it with {@link #loadState} into an optimizer built the same way continues training
   * with the same bits. The learning rate is configuration, not state: it comes from the
   * constructor or a schedule.
   */
  public OptimizerState state() { return OptimizerState.EMPTY; }

  /**
   * Replaces this optimizer's state with copies of {@code state} (as {@link #state()} returned
   * it). Refuses kinds this optimizer does not keep, indices past its parameters and shapes that
   * differ from the parameter's, naming them; nothing is changed then.
   */
  public void loadState(OptimizerState state) {
    checkKinds(state, java.util.Set.of(), java.util.Set.of());
  }

  /** Throws unless {@code state} holds only the buffer kinds and scalar names given. */
  protected final void checkKinds(OptimizerState state, java.util.Set<String> bufferKinds, java.util.Set<String> scalarNames) {
    for (String kind : state.buffers().keySet()) {
      if (!bufferKinds.contains(kind) && !state.buffers().get(kind).isEmpty()) {
        throw new IllegalArgumentException(name + ": state has buffers \"" + kind + "\", expected only " + bufferKinds
            + " (was it saved by another optimizer?)");
      }
    }
    for (String scalar : state.scalars().keySet()) {
      if (!scalarNames.contains(scalar)) {
        throw new IllegalArgumentException(name + ": state has scalar \"" + scalar + "\", expected only " + scalarNames
            + " (was it saved by another optimizer?)");
      }
    }
  }

  /**
   * Checked copies of the buffers of one kind, indexed like {@link #parameters()} (null where the
   * state has none).
   */
  protected final Tensor[] copyBuffers(OptimizerState state, String kind) {
    Tensor[] out = new Tensor[params.size()];
    state.buffers().getOrDefault(kind, java.util.Map.of()).forEach((i, t) -> {
      if (i < 0 || i >= params.size()) {
        throw new IllegalArgumentException(name + ": state buffer \"" + kind + "\" for parameter " + i
            + ", expected an index below " + params.size());
      }
      Tensor p = params.get(i);
      if (!t.shape().equals(p.shape())) {
        throw new IllegalArgumentException(name + ": state buffer \"" + kind + "\" of parameter " + i + " has shape "
            + t.shape() + ", expected the parameter's " + p.shape());
      }
      out[i] = Tensor.zeros(p.dtype(), p.shape()).copyInPlace(t);
    });
    return out;
  }

  /** Copies of the non-null {@code buffers}, keyed by parameter index. */
  protected static java.util.Map<Integer, Tensor> copiesOf(Tensor[] buffers) {
    java.util.Map<Integer, Tensor> out = new java.util.TreeMap<>();
    for (int i = 0; i < buffers.length; i++) {
      if (buffers[i] != null) out.put(i, Tensor.zeros(buffers[i].dtype(), buffers[i].shape()).copyInPlace(buffers[i]));
    }
    return out;
  }

  static void checkPositive(String name, String what, double v) {
    if (!(v > 0.0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + ": " + what + " must be positive and finite, got " + v);
  }

  static void checkNonNegative(String name, String what, double v) {
    if (!(v >= 0.0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + ": " + what + " must be >= 0 and finite, got " + v);
  }
}
