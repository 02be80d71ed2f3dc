package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatasetTest {
  /** Row i of the inputs is [i, 10 i]; its target is i: batches can be checked for consistency. */
  static Dataset numbered(int n) {
    double[] x = new double[2 * n], y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = 10 * i;
      y[i] = i;
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n));
  }

  static List<Integer> epoch(Iterable<Batch> batches, List<Integer> sizes) {
    List<Integer> seen = new ArrayList<>();
    for (Batch b : batches) {
      sizes.add(b.size());
      for (int r = 0; r < b.size(); r++) {
        int id = (int) b.targets().get(r);
        assertEquals(id, b.inputs().get(r, 0));
        assertEquals(10 * id, b.inputs().get(r, 1));
        seen.add(id);
      }
    }
    return seen;
  }

  @Test void everyExampleOncePerEpochInShuffledBatches() {
    Dataset d = numbered(23);
    Iterable<Batch> batches = d.batches(5, new SplittableRandom(1));
    List<Integer> sizes = new ArrayList<>();
    List<Integer> first = epoch(batches, sizes);
    assertEquals(List.of(5, 5, 5, 5, 3), sizes);
    List<Integer> sorted = new ArrayList<>(first);
    sorted.sort(null);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 23; i++) all.add(i);
    assertEquals(all, sorted);
    assertNotEquals(all, first, "shuffled");
    List<Integer> second = epoch(batches, new ArrayList<>());
    assertNotEquals(first, second, "reshuffled every epoch");
  }

  @Test void sameSeedSameOrder() {
    Dataset d = numbered(30);
    assertEquals(epoch(d.batches(4, new SplittableRandom(7)), new ArrayList<>()),
        epoch(d.batches(4, new SplittableRandom(7)), new ArrayList<>()));
  }

  @Test void unshuffledBatchesKeepTheOrder() {
    List<Integer> seen = epoch(numbered(7).batches(3), new ArrayList<>());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), seen);
  }

  @Test void splitTakesTheTail() {
    Dataset.Split s = numbered(10).split(3);
    assertEquals(7, s.train().size());
    assertEquals(3, s.validation().size());
    assertArrayEquals(new double[] {7, 8, 9}, s.validation().targets().toDoubleArray());
    Dataset shuffled = numbered(10).shuffle(new SplittableRandom(2));
    double[] t = shuffled.targets().toDoubleArray();
    assertFalse(Arrays.equals(numbered(10).targets().toDoubleArray(), t));
    Arrays.sort(t);
    assertArrayEquals(numbered(10).targets().toDoubleArray(), t);
  }

  @Test void mismatchedRowsAndBadArgumentsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(Tensor.zeros(DType.F64, 4, 2), Tensor.zeros(DType.F64, 5)));
    assertTrue(e.getMessage().contains("(got [4, 2] and [5])"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> numbered(4).batches(0));
    assertThrows(IllegalArgumentException.class, () -> numbered(4).split(5));
  }
}
