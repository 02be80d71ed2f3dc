package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * PyTorch's {@code nn.GRUCell}, gates in PyTorch's order r, z, n (rows of the weights):
 * r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
 * n = tanh(W_in x + b_in + r·(W_hn h + b_hn)), h' = (1 - z)·n + z·h.
 */
public final class GRUCell extends RecurrentCell {
  /** A float32 cell. */
  public GRUCell(int inputSize, int hiddenSize, RandomGenerator rng) {
    this(inputSize, hiddenSize, rng, DType.F32);
  }

  /** A cell in the given dtype. */
  public GRUCell(int inputSize, int hiddenSize, RandomGenerator rng, DType dtype) {
    super(inputSize, hiddenSize, 3, rng, dtype);
  }

  @Override public RecurrentState step(Tensor x, RecurrentState state) {
    check(x, state);
    Tensor h = state.hidden();
    Tensor gi = x.linear(weightIh, biasIh), gh = h.linear(weightHh, biasHh);
    Tensor r = gate(gi, 0).add(gate(gh, 0)).sigmoid();
    Tensor z = gate(gi, 1).add(gate(gh, 1)).sigmoid();
    Tensor n = gate(gi, 2).add(r.mul(gate(gh, 2))).tanh();
    return RecurrentState.of(n.sub(z.mul(n)).add(z.mul(h)));   // (1 - z)·n + z·h
  }
}
