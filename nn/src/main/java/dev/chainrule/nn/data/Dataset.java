package dev.chainrule.nn.data;

import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * An in-memory data set of n examples: {@code inputs} [n, ...] and {@code targets} [n, ...]
 * (dense targets, or [n] class indices), row i of each forming example i. Immutable; batches are
 * gathered with {@link Tensor#indexSelect(int[])}, so they are copies and never require grad.
 */
public final class Dataset implements Examples {
  private final Tensor inputs, targets;

  /** A data set over {@code inputs} [n, ...] and {@code targets} [n, ...] (held, not copied). */
  public Dataset(Tensor inputs, Tensor targets) {
    if (inputs.rank() == 0 || targets.rank() == 0 || inputs.dim(0) != targets.dim(0)) {
      throw new IllegalArgumentException("Dataset: inputs and targets need the same number of rows"
          + " (got " + inputs.shape() + " and " + targets.shape() + ")");
    }
    if (inputs.requiresGrad() || targets.requiresGrad()) {
      throw new IllegalArgumentException("Dataset: inputs and targets must not require grad; pass detach()ed tensors");
    }
    this.inputs = inputs;
    this.targets = targets;
  }

  /** Number of examples. */
  @Override public int size() { return inputs.dim(0); }

  /** Rows {@code rows} of the inputs and of the targets, gathered with {@link Tensor#indexSelect(int[])}. */
  @Override public Batch gather(int[] rows) {
    return new Batch(inputs.indexSelect(rows), targets.indexSelect(rows));
  }

  /** All inputs, [n, ...]. */
  public Tensor inputs() { return inputs; }

  /** All targets, [n, ...] or [n] class indices. */
  public Tensor targets() { return targets; }

  /**
   * One epoch of mini-batches of {@code batchSize} examples, in an order reshuffled from
   * {@code rng} each time the returned iterable is iterated (Fisher–Yates). The last batch holds
   * the remaining n mod batchSize examples when the size does not divide n. Short for
   * {@code DataLoader.of(this, batchSize).shuffle(rng)}.
   */
  public Iterable<Batch> batches(int batchSize, RandomGenerator rng) {
    checkBatchSize(batchSize);
    return DataLoader.of(this, batchSize).shuffle(rng);
  }

  /** Mini-batches in the stored order (for evaluation). */
  public Iterable<Batch> batches(int batchSize) {
    checkBatchSize(batchSize);
    return DataLoader.of(this, batchSize);
  }

  /** The examples at {@code indices}, in that order. */
  public Dataset select(int[] indices) {
    return new Dataset(inputs.indexSelect(indices), targets.indexSelect(indices));
  }

  /**
   * Splits off the last {@code validationSize} examples: the course's train/validation split
   * (e.g. MNIST's 60,000 training images as 50,000 + 10,000). Shuffle first with
   * {@link #shuffle(RandomGenerator)} if the stored order is not random.
   */
  public Split split(int validationSize) {
    if (validationSize < 0 || validationSize > size()) {
      throw new IllegalArgumentException("split: validation size " + validationSize + " is outside [0, " + size() + "]");
    }
    int trainSize = size() - validationSize;
    return new Split(select(range(0, trainSize)), select(range(trainSize, size())));
  }

  /** A copy with the examples in an order drawn from {@code rng}. */
  public Dataset shuffle(RandomGenerator rng) {
    return select(DataLoader.shuffled(size(), rng));
  }

  /** A training set and a validation set. */
  public record Split(Dataset train, Dataset validation) {}

  private void checkBatchSize(int batchSize) {
    if (batchSize <= 0) throw new IllegalArgumentException("batches: batch size must be positive, got " + batchSize);
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) r[i] = from + i;
    return r;
  }

  @Override public String toString() {
    return "Dataset(n=" + size() + ", inputs=" + inputs.shape() + ", targets=" + targets.shape() + ")";
  }
}
