package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * The state a recurrent cell carries from one step to the next: the hidden state h [batch, hidden]
 * and, for an LSTM only, the cell state c [batch, hidden] ({@code null} for RNN and GRU cells).
 *
 * @param hidden h, also the cell's output
 * @param cell   c of an LSTM, else {@code null}
 */
public record RecurrentState(Tensor hidden, Tensor cell) {
  /** A state with only a hidden part (RNN, GRU). */
  public static RecurrentState of(Tensor hidden) { return new RecurrentState(hidden, null); }
}
