package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * PyTorch's {@code nn.LSTMCell}, gates in PyTorch's order i, f, g, o (rows of the weights):
 * i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh;
 * c' = f·c + i·g;  h' = o·tanh(c').
 */
public final class LSTMCell extends RecurrentCell {
  /** A float32 cell. */
  public LSTMCell(int inputSize, int hiddenSize, RandomGenerator rng) {
    this(inputSize, hiddenSize, rng, DType.F32);
  }

  /** A cell in the given dtype. */
  public LSTMCell(int inputSize, int hiddenSize, RandomGenerator rng, DType dtype) {
    super(inputSize, hiddenSize, 4, rng, dtype);
  }

  @Override public RecurrentState zeroState(int batch, DType dtype) {
    return new RecurrentState(Tensor.zeros(dtype, batch, hiddenSize), Tensor.zeros(dtype, batch, hiddenSize));
  }

  @Override public RecurrentState step(Tensor x, RecurrentState state) {
    if (state.cell() == null) throw new IllegalArgumentException(this + ": an LSTM state needs a cell state c");
    check(x, state);
    Tensor z = x.linear(weightIh, biasIh).add(state.hidden().linear(weightHh, biasHh));
    // The gates and both states in one fused operation (Tensor.lstmCell): [h' | c'].
    Tensor next = z.lstmCell(state.cell());
    return new RecurrentState(next.slice(1, 0, hiddenSize), next.slice(1, hiddenSize, 2 * hiddenSize));
  }
}
