package dev.chainrule.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests. */
final class IdxBytes {
  private IdxBytes() {}

  /** An image file: magic 2051, count, rows, cols, then {@code pixels}. */
  static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return ByteBuffer.allocate(16 + pixels.length)
        .putInt(IdxReader.IMAGE_MAGIC).putInt(count).putInt(rows).putInt(cols).put(pixels)
        .array();
  }

  /** {@code count} images whose pixel {@code j} of image {@code i} is {@code (i * 7 + j) % 256}. */
  static byte[] images(int count, int rows, int cols) {
    byte[] pixels = new byte[count * rows * cols];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < rows * cols; j++) {
        pixels[i * rows * cols + j] = (byte) ((i * 7 + j) % 256);
      }
    }
    return images(count, rows, cols, pixels);
  }

  /** A label file: magic 2049, count, then the labels as bytes. */
  static byte[] labels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(IdxReader.LABEL_MAGIC)
        .putInt(labels.length);
    for (int label : labels) {
      b.put((byte) label);
    }
    return b.array();
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
