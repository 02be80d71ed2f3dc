package dev.chainrule.peers;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The course's MNIST split, read from the four IDX {@code .gz} files as Chainrule's loader reads
 * them: pixels scaled to [0, 1] (byte / 255) as float32, the first 50,000 training images for
 * training, the 10,000 test images for the accuracy check. Kept here (not taken from the
 * examples module) so the peers build on their own.
 */
record MnistIdx(float[] trainImages, int[] trainLabels, float[] testImages, int[] testLabels) {
  static final int PIXELS = 784;
  static final int TRAINING_COUNT = 50_000;

  static MnistIdx load(Path dir) throws IOException {
    float[] train = images(dir.resolve("train-images-idx3-ubyte.gz"), TRAINING_COUNT);
    int[] trainLabels = labels(dir.resolve("train-labels-idx1-ubyte.gz"), TRAINING_COUNT);
    float[] test = images(dir.resolve("t10k-images-idx3-ubyte.gz"), 10_000);
    int[] testLabels = labels(dir.resolve("t10k-labels-idx1-ubyte.gz"), 10_000);
    return new MnistIdx(train, trainLabels, test, testLabels);
  }

  int trainCount() {
    return trainLabels.length;
  }

  private static float[] images(Path file, int count) throws IOException {
    try (DataInputStream in = open(file, 2051)) {
      int n = in.readInt(), rows = in.readInt(), cols = in.readInt();
      if (n < count || rows * cols != PIXELS) {
        throw new IOException(file + ": expected at least " + count + " images of 28x28, got " + n + " of " + rows + "x" + cols);
      }
      byte[] raw = new byte[count * PIXELS];
      in.readFully(raw);
      float[] pixels = new float[raw.length];
      for (int i = 0; i < raw.length; i++) pixels[i] = (raw[i] & 0xff) / 255f;
      return pixels;
    }
  }

  private static int[] labels(Path file, int count) throws IOException {
    try (DataInputStream in = open(file, 2049)) {
      int n = in.readInt();
      if (n < count) throw new IOException(file + ": expected at least " + count + " labels, got " + n);
      byte[] raw = new byte[count];
      in.readFully(raw);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) labels[i] = raw[i];
      return labels;
    }
  }

  private static DataInputStream open(Path file, int magic) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException("MNIST file missing: " + file + " (pass --data DIR with the four .gz files)");
    InputStream raw = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
    DataInputStream in = new DataInputStream(raw);
    int m = in.readInt();
    if (m != magic) {
      in.close();
      throw new IOException(file + ": IDX magic " + m + ", expected " + magic);
    }
    return in;
  }
}
