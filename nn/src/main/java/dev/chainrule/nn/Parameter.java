package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * A parameter is a {@link Tensor} that requires grad: a leaf of the graph that an optimizer updates
 * in place. {@code Tensor} is final, so a parameter is not a subtype but a tensor marked by
 * {@link #of(Tensor)}; modules register theirs with {@link Module#param(String, Tensor)}.
 */
public final class Parameter {
  private Parameter() {}

  /**
   * Marks {@code value} as trainable and returns it (the same tensor, not a copy: the caller hands
   * it over). It must be a leaf, i.e. not the result of a recorded operation.
   */
  public static Tensor of(Tensor value) {
    if (!value.isLeaf()) {
      throw new IllegalArgumentException("Parameter: tensor of shape " + value.shape() + " is the result of "
          + value.gradFnName() + ", not a leaf; pass value.detach() or a freshly created tensor");
    }
    return value.requiresGrad(true);
  }
}
