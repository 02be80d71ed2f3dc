package dev.chainrule.nn.train;

import java.util.Locale;

/**
 * Training met a NaN or infinite cost under {@link NonFinitePolicy#STOP}. The message names the
 * epoch, the batch, the last finite cost and how to find the operation that produced it; the
 * epochs completed before it are in {@link #history()}.
 */
public final class NonFiniteLossException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final int epoch, batch, batches;
  private final double cost, lastFiniteCost;
  private final transient History history;

  NonFiniteLossException(int epoch, int batch, int batches, double cost, double lastFiniteCost,
                         String lastFiniteAt, History history) {
    super(String.format(Locale.ROOT,
        "the cost is %s at epoch %d, batch %d of %d; %s. Training stopped before that batch's step."
            + " To find the operation that produced it, train under AnomalyMode.on()"
            + " (chainrule mnist: --detect-anomaly), or lower the learning rate",
        cost, epoch, batch, batches,
        Double.isNaN(lastFiniteCost) ? "no batch had a finite cost before it"
            : "the last finite cost was " + String.format(Locale.ROOT, "%.6g", lastFiniteCost) + " (" + lastFiniteAt + ")"));
    this.epoch = epoch;
    this.batch = batch;
    this.batches = batches;
    this.cost = cost;
    this.lastFiniteCost = lastFiniteCost;
    this.history = history;
  }

  /** 1-based epoch of the batch. */
  public int epoch() { return epoch; }

  /** 1-based number of the batch within its epoch. */
  public int batch() { return batch; }

  /** Batches in an epoch. */
  public int batches() { return batches; }

  /** The non-finite cost (NaN or an infinity). */
  public double cost() { return cost; }

  /** The last finite batch cost of the run, NaN if there was none. */
  public double lastFiniteCost() { return lastFiniteCost; }

  /** The epochs completed before the stop (none if it happened in the first). */
  public History history() { return history; }
}
