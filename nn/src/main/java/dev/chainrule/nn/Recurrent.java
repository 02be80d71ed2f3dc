package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link RecurrentCell} over a batch-first sequence x [batch, time, input], as PyTorch's
 * {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU} with {@code batch_first=True} and one layer:
 * {@link #run} returns every step's hidden state [batch, time, hidden] and the last state;
 * {@link #forward} returns the outputs only, from the zero state.
 *
 * <p>The cell's parameters are named {@code cell.weight_ih} and so on; {@link #torchStateDict}
 * renames them to the {@code weight_ih_l0} names of the torch.nn sequence modules.
 */
public final class Recurrent extends Module {
  private final RecurrentCell cell;

  /** The outputs of every step and the state after the last. */
  public record Result(Tensor outputs, RecurrentState last) {}

  /** A layer running {@code cell} over sequences. */
  public Recurrent(RecurrentCell cell) {
    this.cell = child("cell", cell);
  }

  /** Outputs [batch, time, hidden] from the zero state. */
  @Override public Tensor forward(Tensor x) {
    return run(x, null).outputs();
  }

  /** Runs over x [batch, time, input] from {@code initial} ({@code null}: zeros). */
  public Result run(Tensor x, RecurrentState initial) {
    if (x.rank() != 3 || x.dim(1) == 0) {
      throw new IllegalArgumentException(this + ": input must be [batch, time >= 1, " + cell.inputSize() + "], got " + x.shape());
    }
    int batch = x.dim(0), time = x.dim(1);
    RecurrentState state = initial != null ? initial : cell.zeroState(batch, x.dtype());
    Tensor[] outputs = new Tensor[time];
    for (int t = 0; t < time; t++) {
      state = cell.step(x.slice(1, t, t + 1).reshape(batch, x.dim(2)), state);
      outputs[t] = state.hidden().reshape(batch, 1, cell.hiddenSize());
    }
    return new Result(time == 1 ? outputs[0] : Tensor.concat(1, outputs), state);
  }

  /** The cell this layer runs. */
  public RecurrentCell cell() { return cell; }

  /** The parameters under PyTorch's names for a one-layer sequence module: {@code weight_ih_l0}, ... */
  public Map<String, Tensor> torchStateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    namedParameters().forEach((name, p) -> out.put(name.substring("cell.".length()) + "_l0", p));
    return out;
  }

  @Override public String toString() {
    return "Recurrent(" + cell + ")";
  }
}
