package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * One step of a recurrent network, with PyTorch's parameters and layouts: {@code weight_ih}
 * [gates·hidden, input], {@code weight_hh} [gates·hidden, hidden], {@code bias_ih} and
 * {@code bias_hh} [gates·hidden], all drawn from U(-1/√hidden, 1/√hidden) as PyTorch does, so a
 * checkpoint loads into the matching {@code torch.nn} cell. {@link #forward(Tensor)} takes one
 * step from the zero state; {@link Recurrent} runs a cell over a sequence.
 */
public abstract sealed class RecurrentCell extends Module permits RNNCell, LSTMCell, GRUCell {
  final int inputSize, hiddenSize;
  final Tensor weightIh, weightHh, biasIh, biasHh;

  RecurrentCell(int inputSize, int hiddenSize, int gates, RandomGenerator rng, DType dtype) {
    if (inputSize <= 0 || hiddenSize <= 0) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": sizes must be positive, got input "
          + inputSize + ", hidden " + hiddenSize);
    }
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    double a = 1 / Math.sqrt(hiddenSize);
    this.weightIh = param("weight_ih", Tensor.rand(rng, dtype, -a, a, gates * hiddenSize, inputSize));
    this.weightHh = param("weight_hh", Tensor.rand(rng, dtype, -a, a, gates * hiddenSize, hiddenSize));
    this.biasIh = param("bias_ih", Tensor.rand(rng, dtype, -a, a, gates * hiddenSize));
    this.biasHh = param("bias_hh", Tensor.rand(rng, dtype, -a, a, gates * hiddenSize));
  }

  /** The next state from input x [batch, input] and the current state. */
  public abstract RecurrentState step(Tensor x, RecurrentState state);

  /** The zero state for a batch of {@code batch}. */
  public RecurrentState zeroState(int batch, DType dtype) {
    return RecurrentState.of(Tensor.zeros(dtype, batch, hiddenSize));
  }

  /** One step from the zero state: h' [batch, hidden] for x [batch, input]. */
  @Override public Tensor forward(Tensor x) {
    return step(x, zeroState(x.rank() == 2 ? x.dim(0) : 1, x.dtype())).hidden();
  }

  /** Features of each input. */
  public int inputSize() { return inputSize; }

  /** Features of the hidden state. */
  public int hiddenSize() { return hiddenSize; }

  /** Checks x and the state's shapes and dtypes against the cell. */
  void check(Tensor x, RecurrentState state) {
    if (x.rank() != 2 || x.dim(1) != inputSize) {
      throw new IllegalArgumentException(this + ": input must be [batch, " + inputSize + "], got " + x.shape());
    }
    if (x.dtype() != weightIh.dtype()) {
      throw new IllegalArgumentException(this + ": input is " + x.dtype() + " but the cell is " + weightIh.dtype());
    }
    for (Tensor s : new Tensor[] {state.hidden(), state.cell()}) {
      if (s != null && (s.rank() != 2 || s.dim(0) != x.dim(0) || s.dim(1) != hiddenSize)) {
        throw new IllegalArgumentException(this + ": state must be [" + x.dim(0) + ", " + hiddenSize + "], got " + s.shape());
      }
    }
  }

  /** Gate {@code k} (a block of hiddenSize columns) of pre-activations [batch, gates·hidden]. */
  Tensor gate(Tensor preActivations, int k) {
    return preActivations.slice(1, k * hiddenSize, (k + 1) * hiddenSize);
  }

  @Override public String toString() {
    return getClass().getSimpleName() + "(" + inputSize + ", " + hiddenSize
        + (weightIh.dtype() == DType.F32 ? "" : ", " + weightIh.dtype()) + ")";
  }
}
