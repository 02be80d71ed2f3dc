package dev.chainrule.nn.train;

/**
 * What the {@link Trainer} does when a mini-batch's cost is NaN or infinite. The check reads the
 * cost the trainer computes anyway (one scalar per batch), so it costs nothing measurable.
 */
public enum NonFinitePolicy {
  /**
   * Stop before that batch's backward pass and step, throwing {@link NonFiniteLossException}
   * (the default): the model keeps the weights of the last finite batch.
   */
  STOP,
  /** Leave that batch out (no backward, no step, not counted in the epoch's cost) and go on. */
  SKIP_BATCH,
  /** Step anyway, as if nothing happened (NaN then usually spreads to every weight). */
  CONTINUE
}
