package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * A lookup table, PyTorch's {@code nn.Embedding}: indices of any shape (an I64 or I32 tensor) to
 * their rows of {@code weight} [vocabulary, features], so the
 * output has shape indices.shape + [features]. The gradient reaches only the rows looked up (it
 * is added row by row, never through a one-hot matrix).
 */
public final class Embedding extends Module {
  private final Tensor weight;

  /** A float32 table of {@code vocabulary} rows of {@code features}, drawn from N(0, 1) as PyTorch does. */
  public Embedding(int vocabulary, int features, RandomGenerator rng) {
    this(vocabulary, features, rng, DType.F32);
  }

  /** As {@link #Embedding(int, int, RandomGenerator)} in the given dtype. */
  public Embedding(int vocabulary, int features, RandomGenerator rng, DType dtype) {
    this(Tensor.randn(rng, dtype, 0, 1, checkSizes(vocabulary, features)[0], features));
  }

  /** A table with the given weight [vocabulary, features], taken over (not copied). */
  public Embedding(Tensor weight) {
    if (weight.rank() != 2) throw new IllegalArgumentException("Embedding: weight must be [vocabulary, features], got " + weight.shape());
    this.weight = param("weight", weight);
  }

  private static int[] checkSizes(int vocabulary, int features) {
    if (vocabulary <= 0 || features <= 0) {
      throw new IllegalArgumentException("Embedding: sizes must be positive, got " + vocabulary + " x " + features);
    }
    return new int[] {vocabulary};
  }

  /** The rows of the table for {@code indices}: shape indices.shape + [features]. */
  @Override public Tensor forward(Tensor indices) {
    return weight.embedding(indices);
  }

  /** The table [vocabulary, features]. */
  public Tensor weight() { return weight; }

  @Override public String toString() {
    return "Embedding(" + weight.dim(0) + ", " + weight.dim(1) + (weight.dtype() == DType.F32 ? "" : ", " + weight.dtype()) + ")";
  }
}
