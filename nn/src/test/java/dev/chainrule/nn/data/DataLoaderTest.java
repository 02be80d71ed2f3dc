package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
  /** A labelled image set of n 2x3 images whose pixels encode their index, labels i mod 10. */
  private static DataSplit images(int n) {
    float[] pixels = new float[n * 6];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 6; p++) pixels[i * 6 + p] = i + p / 8f;
      labels[i] = i % 10;
    }
    return new DataSplit("numbered", n, 2, 3, pixels, labels);
  }

  /** Every batch of three epochs, as raw bits, and the generator's next draw afterwards. */
  private static List<int[]> threeEpochs(DataLoader loader, SplittableRandom rng) {
    List<int[]> bits = new ArrayList<>();
    for (int epoch = 0; epoch < 3; epoch++) {
      for (Batch b : loader) {
        bits.add(bitsOf(b.inputs()));
        bits.add(bitsOf(b.targets()));
      }
    }
    bits.add(new int[] {rng.nextInt()});
    return bits;
  }

  private static int[] bitsOf(Tensor t) {
    float[] v = t.toFloatArray();
    int[] bits = new int[v.length];
    for (int i = 0; i < v.length; i++) bits[i] = Float.floatToRawIntBits(v[i]);
    return bits;
  }

  @Test void prefetchGivesTheSameBatchesBitForBitAndLeavesTheGeneratorInTheSameState() {
    for (Examples source : List.<Examples>of(images(103), DatasetTest.numbered(103))) {
      SplittableRandom inline = new SplittableRandom(7);
      List<int[]> expected = threeEpochs(DataLoader.of(source, 10).shuffle(inline), inline);
      for (int ahead : new int[] {1, 3, 50}) {
        SplittableRandom background = new SplittableRandom(7);
        List<int[]> actual = threeEpochs(DataLoader.of(source, 10).shuffle(background).prefetch(ahead), background);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
          assertArrayEquals(expected.get(i), actual.get(i), "prefetch " + ahead + ", item " + i + " of " + source);
        }
      }
    }
  }

  @Test void shufflingIsTheSameFisherYatesAsDatasetBatches() {
    Dataset d = DatasetTest.numbered(23);
    List<Integer> viaDataset = DatasetTest.epoch(d.batches(5, new SplittableRandom(3)), new ArrayList<>());
    List<Integer> viaLoader = DatasetTest.epoch(DataLoader.of(d, 5).shuffle(new SplittableRandom(3)), new ArrayList<>());
    assertEquals(viaDataset, viaLoader);
  }

  @Test void batchesCoverEveryExampleOnceWithAShortLastBatch() {
    DataSplit split = images(23);
    DataLoader loader = DataLoader.of(split, 5).shuffle(new SplittableRandom(1)).prefetch(2);
    assertEquals(5, loader.batchCount());
    List<Integer> sizes = new ArrayList<>();
    boolean[] seen = new boolean[23];
    for (Batch b : loader) {
      sizes.add(b.size());
      assertEquals(Shape.of(b.size(), 6), b.inputs().shape());
      for (int r = 0; r < b.size(); r++) {
        int id = (int) b.inputs().get(r, 0);
        assertFalse(seen[id], "example " + id + " twice");
        seen[id] = true;
        assertEquals(id % 10, b.targets().get(r));
        assertEquals(id + 5 / 8f, b.inputs().get(r, 5), 0f);
      }
    }
    assertEquals(List.of(5, 5, 5, 5, 3), sizes);
    for (boolean s : seen) assertTrue(s);
  }

  @Test void storedOrderWithoutShuffle() {
    List<Integer> order = DatasetTest.epoch(DataLoader.of(DatasetTest.numbered(7), 3), new ArrayList<>());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), order);
  }

  @Test void aFailureWhileGatheringInTheBackgroundReachesTheConsumer() {
    Examples failing = new Examples() {
      @Override public int size() { return 10; }
      @Override public Batch gather(int[] rows) {
        if (rows[0] >= 4) throw new IllegalStateException("row " + rows[0] + " is unreadable");
        return images(10).gather(rows);
      }
    };
    DataLoader.Epoch epoch = DataLoader.of(failing, 2).prefetch(4).iterator();
    epoch.next();
    epoch.next();
    IllegalStateException e = assertThrows(IllegalStateException.class, epoch::next);
    assertEquals("row 4 is unreadable", e.getMessage());
    epoch.close();
  }

  @Test void anAbandonedEpochCanBeClosedAndAFinishedOneIsExhausted() throws InterruptedException {
    DataLoader loader = DataLoader.of(images(100), 1).prefetch(2);
    DataLoader.Epoch abandoned = loader.iterator();
    abandoned.next();
    abandoned.close();                       // the thread, blocked on a full queue, ends
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("chainrule-prefetch")) {
        t.join(10_000);
        assertFalse(t.isAlive(), "the prefetch thread of a closed epoch still runs");
      }
    }
    DataLoader.Epoch finished = loader.iterator();
    int n = 0;
    while (finished.hasNext()) {
      finished.next();
      n++;
    }
    assertEquals(100, n);
    assertThrows(NoSuchElementException.class, finished::next);
  }

  @Test void anEpochDroppedWithoutCloseStopsItsThreadOnceCollected() throws InterruptedException {
    Thread thread = startAndDropAnEpoch();
    for (int i = 0; i < 100 && thread.isAlive(); i++) {
      System.gc();
      thread.join(100);
    }
    assertFalse(thread.isAlive(), "the prefetch thread of an unreachable epoch still runs");
  }

  /** Starts a prefetching epoch, takes one batch and lets go of it; returns its (blocked) thread. */
  private static Thread startAndDropAnEpoch() throws InterruptedException {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    DataLoader.Epoch epoch = DataLoader.of(images(100), 1).prefetch(2).iterator();
    epoch.next();
    for (int i = 0; i < 100; i++) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("chainrule-prefetch") && !before.contains(t)) return t;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no prefetch thread started");
  }

  @Test void badArgumentsAreNamed() {
    assertEquals("DataLoader: batch size must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(images(3), 0)).getMessage());
    assertEquals("DataLoader: prefetch must be >= 0 batches, got -1",
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(images(3), 1).prefetch(-1)).getMessage());
    assertEquals("DataSplit numbered: example 3 of 3",
        assertThrows(IndexOutOfBoundsException.class, () -> images(3).gather(new int[] {3})).getMessage());
  }
}
