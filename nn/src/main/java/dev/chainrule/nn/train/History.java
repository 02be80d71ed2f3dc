package dev.chainrule.nn.train;

import java.util.List;

/**
 * The record of a {@link Trainer#fit} run.
 *
 * @param epochs      statistics of every epoch run, in order
 * @param bestEpoch   1-based epoch whose weights the model holds at the end: the best by the
 *                    early-stopping metric, or the last epoch without early stopping
 * @param stoppedEarly whether early stopping ended the run before the configured number of epochs
 */
public record History(List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly) {
  public History {
    epochs = List.copyOf(epochs);
  }

  /** Statistics of the last epoch run. */
  public EpochStats last() {
    if (epochs.isEmpty()) throw new IllegalStateException("History: no epochs were run");
    return epochs.get(epochs.size() - 1);
  }

  /** Statistics of {@link #bestEpoch()}. */
  public EpochStats best() {
    return epochs.get(bestEpoch - 1);
  }
}
