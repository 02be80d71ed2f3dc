package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** {@link RandomShift} moves each image by its own seeded offset, and {@link DataLoader#augment} stays reproducible. */
class RandomShiftTest {
  private static final int ROWS = 4, COLS = 5;

  /** Image i has pixel (r, c) = 100·i + 10·r + c + 1, so every value says where it came from. */
  private static Tensor images(int n) {
    float[] x = new float[n * ROWS * COLS];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLS; c++) x[(i * ROWS + r) * COLS + c] = 100 * i + 10 * r + c + 1;
    }
    return Tensor.wrap(Shape.of(n, ROWS * COLS), x);
  }

  /** A generator that returns the given ints in turn, to pick the offsets. */
  private static RandomGenerator draws(int... values) {
    int[] next = {0};
    return new RandomGenerator() {
      @Override public long nextLong() { throw new UnsupportedOperationException(); }
      @Override public int nextInt(int origin, int bound) {
        int v = values[next[0]++];
        assertTrue(v >= origin && v < bound, v + " outside [" + origin + ", " + bound + ")");
        return v;
      }
    };
  }

  @Test void movesEachImageByItsOwnOffsetAndFillsWithZeros() {
    Tensor x = images(2), labels = Tensor.of(new float[] {3, 7}, 2);
    float[] before = x.toFloatArray();
    Batch out = RandomShift.of(ROWS, COLS, 2).apply(new Batch(x, labels), draws(1, -2, 0, 2));   // (dy, dx) per image
    float[] y = out.inputs().toFloatArray();
    for (int i = 0; i < 2; i++) {
      int dy = i == 0 ? 1 : 0, dx = i == 0 ? -2 : 2;
      for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) {
          int fr = r - dy, fc = c - dx;
          float expected = fr < 0 || fr >= ROWS || fc < 0 || fc >= COLS ? 0 : 100 * i + 10 * fr + fc + 1;
          assertEquals(expected, y[(i * ROWS + r) * COLS + c], "image " + i + " at (" + r + ", " + c + ")");
        }
      }
    }
    assertArrayEquals(before, x.toFloatArray(), "the input batch is not modified");
    assertSame(labels, out.targets());
    assertEquals(x.shape(), out.inputs().shape());
  }

  @Test void shiftsEveryChannelOfAnImageAlike() {
    float[] x = new float[2 * ROWS * COLS];
    for (int p = 0; p < x.length; p++) x[p] = p + 1;
    Tensor image = Tensor.wrap(Shape.of(1, 2, ROWS, COLS), x);
    float[] y = RandomShift.of(ROWS, COLS, 1).apply(new Batch(image, Tensor.of(new float[] {0}, 1)), draws(-1, 1))
        .inputs().toFloatArray();
    for (int ch = 0; ch < 2; ch++) {
      int o = ch * ROWS * COLS;
      assertEquals(0f, y[o], "column 0 came from outside");
      assertEquals(x[o + COLS], y[o + 1], "channel " + ch + ": (0, 1) comes from (1, 0)");
      assertEquals(0f, y[o + (ROWS - 1) * COLS + 2], "the last row came from outside");
    }
  }

  @Test void zeroShiftIsTheIdentity() {
    Tensor x = images(3);
    assertArrayEquals(x.toFloatArray(), RandomShift.of(ROWS, COLS, 0)
        .apply(new Batch(x, Tensor.of(new float[3], 3)), new SplittableRandom(1)).inputs().toFloatArray());
  }

  @Test void refusesBadSizesAndInputsNamingThem() {
    assertThrows(IllegalArgumentException.class, () -> RandomShift.of(ROWS, COLS, ROWS));
    assertThrows(IllegalArgumentException.class, () -> RandomShift.of(0, COLS, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RandomShift.of(ROWS, COLS, 1)
        .apply(new Batch(Tensor.zeros(dev.chainrule.autograd.DType.F32, Shape.of(2, 7)), Tensor.of(new float[2], 2)),
            new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("RandomShift(4x5, up to 1 pixels)") && e.getMessage().contains("[2, 7]"), e.getMessage());
  }

  /** Three epochs of augmented batches, as floats. */
  private static List<float[]> threeEpochs(DataLoader loader) {
    List<float[]> all = new ArrayList<>();
    for (int epoch = 0; epoch < 3; epoch++) for (Batch b : loader) all.add(b.inputs().toFloatArray());
    return all;
  }

  @Test void aSeedReproducesTheAugmentedBatchesWithOrWithoutPrefetchAndEpochsDiffer() {
    Examples data = new Dataset(images(23), Tensor.of(new float[23], 23));
    RandomShift shift = RandomShift.of(ROWS, COLS, 2);
    List<float[]> inline = threeEpochs(DataLoader.of(data, 5).shuffle(new SplittableRandom(4)).augment(shift));
    List<float[]> prefetched = threeEpochs(DataLoader.of(data, 5).shuffle(new SplittableRandom(4)).augment(shift).prefetch(3));
    assertEquals(inline.size(), prefetched.size());
    for (int i = 0; i < inline.size(); i++) assertArrayEquals(inline.get(i), prefetched.get(i), "batch " + i);
    List<float[]> plain = threeEpochs(DataLoader.of(data, 5).shuffle(new SplittableRandom(4)));
    assertNotEquals(java.util.Arrays.toString(plain.get(0)), java.util.Arrays.toString(inline.get(0)), "batches are shifted");
    List<float[]> otherSeed = threeEpochs(DataLoader.of(data, 5).shuffle(new SplittableRandom(5)).augment(shift));
    assertNotEquals(java.util.Arrays.toString(inline.get(0)), java.util.Arrays.toString(otherSeed.get(0)));
  }

  @Test void augmentingWithoutAShuffleSourceIsRefused() {
    Examples data = new Dataset(images(3), Tensor.of(new float[3], 3));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DataLoader.of(data, 2).augment(RandomShift.of(ROWS, COLS, 1)).iterator());
    assertTrue(e.getMessage().contains("shuffle(rng)"), e.getMessage());
  }
}
