package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/** PyTorch's {@code nn.RNNCell} with tanh: h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh). */
public final class RNNCell extends RecurrentCell {
  /** A float32 cell. */
  public RNNCell(int inputSize, int hiddenSize, RandomGenerator rng) {
    this(inputSize, hiddenSize, rng, DType.F32);
  }

  /** A cell in the given dtype. */
  public RNNCell(int inputSize, int hiddenSize, RandomGenerator rng, DType dtype) {
    super(inputSize, hiddenSize, 1, rng, dtype);
  }

  @Override public RecurrentState step(Tensor x, RecurrentState state) {
    check(x, state);
    return RecurrentState.of(x.linear(weightIh, biasIh).add(state.hidden().linear(weightHh, biasHh)).tanh());
  }
}
