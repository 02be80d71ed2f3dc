package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reads Fashion-MNIST when it is installed: {@code $FASHION_MNIST_DIR}, else where Debian's
 * {@code dataset-fashion-mnist} package puts it. Checks the recorded SHA-256 sums and the
 * contents. Skipped when neither is present.
 */
class FashionMnistTest {
  private static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  @Test
  void installedFilesMatchTheSpecAndLoad() throws IOException {
    String env = System.getenv("FASHION_MNIST_DIR");
    Path dir = env != null && !env.isBlank() ? Path.of(env) : DEBIAN_DIR;
    assumeTrue(Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")),
        "Fashion-MNIST not found in " + dir + ": skipping (apt-get install "
            + "dataset-fashion-mnist, or set FASHION_MNIST_DIR)");

    for (DatasetFile file : DatasetSpec.FASHION_MNIST.files()) {
      assertEquals(file.sha256(), VerifiedDownloader.sha256(dir.resolve(file.name())),
          file.name());
    }
    Mnist fashion = Mnist.load(dir, DatasetSpec.FASHION_MNIST, Mnist.TRAINING_COUNT);

    assertEquals(50_000, fashion.training().count());
    assertEquals(10_000, fashion.validation().count());
    assertEquals(10_000, fashion.test().count());
    // Fashion-MNIST is balanced: 1000 test images of each of the ten kinds.
    int[] thousandEach = new int[10];
    Arrays.fill(thousandEach, 1000);
    assertArrayEquals(thousandEach, fashion.test().labelHistogram(10));
    assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5},
        Arrays.copyOf(fashion.training().labels(), 10));
    assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7},
        Arrays.copyOf(fashion.test().labels(), 10));
  }
}
