package dev.chainrule.nn.data;

/**
 * A numbered collection of n examples that mini-batches can be gathered from: what a
 * {@link DataLoader} batches. {@link Dataset} (tensors on the heap) and {@link DataSplit} (images
 * held off the heap) are the two implementations.
 *
 * <p>Contract: {@link #gather(int[])} returns fresh tensors that do not require grad, holding the
 * given rows in the given order, and has no side effects, so gathering may run on another thread
 * and in any order without changing what a caller sees.
 */
public interface Examples {
  /** Number of examples n. */
  int size();

  /** The examples at {@code rows} (each in {@code [0, size())}, repeats allowed), in that order. */
  Batch gather(int[] rows);

  /**
   * The examples at {@code order[from, to)}, written into {@code reuse} when this collection can
   * (its tensors are then overwritten and returned), else a new batch as {@link #gather}: what
   * {@link DataLoader#reuseBatches()} calls, so a training step copies its batch without
   * garbage. {@code reuse} is a batch an earlier call returned, or {@code null}.
   */
  default Batch gatherInto(int[] order, int from, int to, Batch reuse) {
    return gather(java.util.Arrays.copyOfRange(order, from, to));
  }

  /** The examples {@code [from, to)}, in order. */
  default Batch rows(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException("rows: range [" + from + ", " + to + ") is outside [0, " + size() + ")");
    }
    int[] rows = new int[to - from];
    for (int i = 0; i < rows.length; i++) rows[i] = from + i;
    return gather(rows);
  }
}
