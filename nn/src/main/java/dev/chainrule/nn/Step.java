package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * The perceptron's output rule, y = 1 where x &gt; 0 and 0 otherwise, so that after a
 * {@link Dense} layer a neuron outputs 0 exactly when w·x + b ≤ 0, as in the course. No parameters.
 *
 * <p>Its gradient is zero everywhere: a network of perceptrons cannot learn by gradient descent,
 * which is why the course moves on to sigmoid neurons.
 */
public final class Step extends Module {
  /** The Step layer (it has no parameters). */
  public Step() {}

  @Override public Tensor forward(Tensor x) { return x.step(); }
}
