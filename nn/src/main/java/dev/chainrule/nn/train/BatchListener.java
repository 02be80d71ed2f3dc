package dev.chainrule.nn.train;

/** Called by the {@link Trainer} after every mini-batch step, e.g. to draw a progress bar. Keep it cheap. */
@FunctionalInterface
public interface BatchListener {

  /**
   * @param epoch     1-based epoch number
   * @param seen      training examples processed so far in this epoch
   * @param total     training examples in an epoch
   */
  void onBatchEnd(int epoch, int seen, int total);
}
