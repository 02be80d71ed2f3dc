package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads the real MNIST files from {@code $MNIST_DIR} (CI sets it to shared/data/mnist) and checks
 * them against the counts published in that directory's README. Skipped when the variable is
 * unset.
 */
class MnistTest {
  private static Mnist mnist;
  private static long loadMillis;

  /** Per test, so that a missing MNIST_DIR shows as each test skipped with this message. */
  @BeforeEach
  void load() throws IOException {
    String dir = System.getenv("MNIST_DIR");
    assumeTrue(dir != null && !dir.isBlank(),
        "MNIST_DIR is not set: skipping the real-MNIST test (set MNIST_DIR to the directory "
            + "holding the four MNIST .gz files, e.g. ../shared/data/mnist)");
    assumeTrue(Files.isDirectory(Path.of(dir)),
        "MNIST_DIR=" + dir + " is not a directory: skipping the real-MNIST test");
    if (mnist != null) {
      return;
    }
    long start = System.nanoTime();
    mnist = Mnist.load(Path.of(dir));
    loadMillis = (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void splitsAreFiftyTenTenThousand() {
    assertEquals(50_000, mnist.training().count());
    assertEquals(10_000, mnist.validation().count());
    assertEquals(10_000, mnist.test().count());
    assertEquals(784, mnist.training().features());
    assertEquals(50_000 * 784, mnist.training().images().limit());
    assertEquals(10_000 * 784, mnist.validation().images().limit());
  }

  /** Issue 21 item 11 / issue 12: the pixels are held once, off the heap, never copied by a collection. */
  @Test
  void pixelsAreHeldOnceOffTheHeap() {
    assertTrue(mnist.training().images().isDirect());
    assertTrue(mnist.validation().images().isDirect());
    assertTrue(mnist.test().images().isDirect());
    DataSplit firstHundred = mnist.training().slice("first", 0, 100);
    assertTrue(firstHundred.images().isDirect(), "a slice is a view, not a copy");
    assertArrayEquals(mnist.training().image(99), firstHundred.image(99));
  }

  @Test
  void firstTenLabels() {
    assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4},
        Arrays.copyOf(mnist.training().labels(), 10));
    assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9},
        Arrays.copyOf(mnist.test().labels(), 10));
  }

  @Test
  void labelHistogramsMatchTheReadme() {
    int[] training = mnist.training().labelHistogram(10);
    int[] validation = mnist.validation().labelHistogram(10);
    int[] all = new int[10];
    for (int c = 0; c < 10; c++) {
      all[c] = training[c] + validation[c];
    }
    assertArrayEquals(
        new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, all);
    assertArrayEquals(
        new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
        mnist.test().labelHistogram(10));
  }

  @Test
  void pixelsAreScaledBytesWithInkAndBackground() {
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    java.nio.FloatBuffer pixels = mnist.test().images();
    while (pixels.hasRemaining()) {
      float p = pixels.get();
      min = Math.min(min, p);
      max = Math.max(max, p);
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    // The first training image (a 5) has ink in its centre row and none in the corners.
    float[] five = mnist.training().image(0);
    assertEquals(0f, five[0]);
    float centreRow = 0;
    for (int c = 0; c < 28; c++) {
      centreRow += five[14 * 28 + c];
    }
    assertTrue(centreRow > 1f, "centre row ink " + centreRow);
  }

  @Test
  void loadingIsFast() {
    // Reading 70,000 images should take well under the generous bound below on any machine.
    assertTrue(loadMillis < 20_000, "loading MNIST took " + loadMillis + " ms");
  }
}
