package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  @Test
  void readsPlainImagesScaledToUnitInterval() throws IOException {
    byte[] pixels = {0, (byte) 255, (byte) 128, 1, 2, 3};
    Path file = IdxBytes.write(dir, "imgs-idx3-ubyte", IdxBytes.images(1, 2, 3, pixels));

    IdxImages images = IdxReader.readImages(file);

    assertEquals(1, images.count());
    assertEquals(2, images.rows());
    assertEquals(3, images.cols());
    assertArrayEquals(
        new float[] {0f, 1f, 128 / 255f, 1 / 255f, 2 / 255f, 3 / 255f}, images.toArray());
  }

  @Test
  void gzipIsDetectedByMagicBytesNotByName() throws IOException {
    byte[] plain = IdxBytes.images(3, 4, 5);
    Path gz = IdxBytes.write(dir, "images-without-gz-suffix", IdxBytes.gzip(plain));
    Path raw = IdxBytes.write(dir, "images.gz", plain);

    IdxImages fromGzip = IdxReader.readImages(gz, 4, 5);
    IdxImages fromPlain = IdxReader.readImages(raw, 4, 5);

    assertEquals(3, fromGzip.count());
    assertArrayEquals(fromPlain.toArray(), fromGzip.toArray());
    assertEquals((2 * 7 + 19) / 255f, fromGzip.image(2)[19]);
  }

  @Test
  void readsGzipLabelsInRange() throws IOException {
    Path file = IdxBytes.write(dir, "l.gz", IdxBytes.gzip(IdxBytes.labels(5, 0, 4, 1, 9)));
    assertArrayEquals(new int[] {5, 0, 4, 1, 9}, IdxReader.readLabels(file, 10));
  }

  @Test
  void acceptsAnyImageSizeStatedInTheHeader() throws IOException {
    Path file = IdxBytes.write(dir, "wide", IdxBytes.images(2, 3, 11));
    IdxImages images = IdxReader.readImages(file);
    assertEquals(33, images.features());
    assertEquals(66, images.pixels().limit());
  }

  @Test
  void wrongMagicNamesFileOffsetExpectedAndFound() throws IOException {
    Path file = IdxBytes.write(dir, "train-images-idx3-ubyte.gz",
        IdxBytes.gzip(IdxBytes.labels(1, 2, 3)));

    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readImages(file));

    assertEquals("train-images-idx3-ubyte.gz: offset 0: expected magic 2051 (0x00000803, "
        + "unsigned byte images), found 2049 (0x00000801, unsigned byte labels)", e.getMessage());
    assertEquals(0, e.offset());
    assertEquals("train-images-idx3-ubyte.gz", e.file());
  }

  @Test
  void nonIdxFileIsReportedAsSuch() throws IOException {
    Path file = IdxBytes.write(dir, "page.html", "<html>404</html>".getBytes("US-ASCII"));
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readLabels(file));
    assertTrue(e.getMessage().startsWith("page.html: offset 0: expected magic 2049"),
        e.getMessage());
    assertTrue(e.getMessage().contains("not an IDX header"), e.getMessage());
  }

  @Test
  void truncatedHeaderNamesTheMissingField() throws IOException {
    byte[] header = Arrays.copyOf(IdxBytes.images(1, 28, 28), 10);
    Path file = IdxBytes.write(dir, "short-images", header);

    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readImages(file));

    assertEquals("short-images: offset 8: expected a 4-byte rows in the header, found only 2 "
        + "bytes before the end of the file (header truncated)", e.getMessage());
  }

  @Test
  void fileShorterThanMagic() throws IOException {
    Path file = IdxBytes.write(dir, "tiny", new byte[] {0, 0});
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readLabels(file));
    assertEquals("tiny: offset 0: expected a 4-byte magic 2049 (0x00000801, unsigned byte "
        + "labels), found only 2 bytes in the file", e.getMessage());
  }

  @Test
  void truncatedDataGivesExpectedAndFoundByteCounts() throws IOException {
    byte[] full = IdxBytes.images(3, 2, 2);
    Path file = IdxBytes.write(dir, "cut.gz", IdxBytes.gzip(Arrays.copyOf(full, 16 + 10)));

    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readImages(file));

    assertEquals("cut.gz: offset 26: expected 12 data bytes for 3 images of 2x2 after the "
        + "16-byte header, found only 10 (file truncated)", e.getMessage());
  }

  @Test
  void truncatedGzipStreamNamesFile() throws IOException {
    byte[] gz = IdxBytes.gzip(IdxBytes.images(50, 28, 28));
    Path file = IdxBytes.write(dir, "half.gz", Arrays.copyOf(gz, gz.length / 2));

    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readImages(file));

    assertTrue(e.getMessage().startsWith("half.gz: gzip data is corrupt or truncated"),
        e.getMessage());
  }

  @Test
  void trailingBytesAreRejectedAtTheEndOfTheData() throws IOException {
    byte[] labels = IdxBytes.labels(1, 2, 3);
    byte[] padded = Arrays.copyOf(labels, labels.length + 5);
    Path file = IdxBytes.write(dir, "train-labels-idx1-ubyte", padded);

    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readLabels(file, 10));

    assertEquals("train-labels-idx1-ubyte: offset 11: expected end of file after 3 labels, "
        + "found 5 trailing bytes", e.getMessage());
  }

  @Test
  void labelOutOfRangeNamesItemAndOffset() throws IOException {
    Path file = IdxBytes.write(dir, "labels", IdxBytes.labels(3, 9, 10, 2));

    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readLabels(file, 10));

    assertEquals("labels: offset 10: expected a label in 0..9 for item 2, found 10",
        e.getMessage());
    assertArrayEquals(new int[] {3, 9, 10, 2}, IdxReader.readLabels(file));
  }

  @Test
  void wrongImageSizeWhenASizeIsRequired() throws IOException {
    Path file = IdxBytes.write(dir, "imgs", IdxBytes.images(1, 28, 27));
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readImages(file, 28, 28));
    assertEquals("imgs: offset 12: expected 28 columns per image, found 27", e.getMessage());
  }

  @Test
  void negativeCountIsRejected() throws IOException {
    Path file = IdxBytes.write(dir, "neg", IdxBytes.images(-1, 2, 2, new byte[0]));
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readImages(file));
    assertEquals("neg: offset 4: expected a non-negative image count, found -1",
        e.getMessage());
  }

  @Test
  void pairWithDifferentCountsNamesTheLabelFileAndTheImageCount() throws IOException {
    Path images = IdxBytes.write(dir, "imgs.gz", IdxBytes.gzip(IdxBytes.images(3, 28, 28)));
    Path labels = IdxBytes.write(dir, "lbls.gz", IdxBytes.gzip(IdxBytes.labels(1, 2)));

    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.readLabeled("train", images, labels, 28, 28, 10));

    assertEquals("lbls.gz: offset 4: expected 3 labels to match the image count of imgs.gz, "
        + "found 2", e.getMessage());
  }

  @Test
  void pairWithEqualCountsBecomesASplit() throws IOException {
    Path images = IdxBytes.write(dir, "imgs", IdxBytes.images(3, 28, 28));
    Path labels = IdxBytes.write(dir, "lbls", IdxBytes.labels(7, 2, 1));

    DataSplit split = IdxReader.readLabeled("test", images, labels, 28, 28, 10);

    assertEquals(3, split.count());
    assertEquals(784, split.features());
    assertEquals(1, split.label(2));
    assertEquals((2 * 7 + 5) / 255f, split.image(2)[5]);
  }

  @Test
  void emptyFileSetIsValid() throws IOException {
    Path file = IdxBytes.write(dir, "none", IdxBytes.images(0, 28, 28));
    assertEquals(0, IdxReader.readImages(file).pixels().limit());
  }

  /**
   * Issue 21 item 2: a valid header member declaring 10 MNIST images, then 40 gzip members of
   * 64 MiB of zeros (2.6 MB on disk, 2.7 GB inflated). Reading it whole ran out of memory; now
   * the reader stops at the first byte after the declared images.
   */
  @Test
  void aGzipBombAfterTheDeclaredDataIsRefusedAtItsFirstByte() throws IOException {
    byte[] header = IdxBytes.gzip(IdxBytes.images(10, 28, 28, new byte[0]));
    byte[] zeros = IdxBytes.gzip(new byte[64 << 20]);
    java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
    bomb.write(header);
    for (int i = 0; i < 40; i++) bomb.write(zeros);
    Path file = IdxBytes.write(dir, "train-images-idx3-ubyte.gz", bomb.toByteArray());

    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file, 28, 28));

    assertEquals("train-images-idx3-ubyte.gz: offset 7856: expected end of file after 10 images of 28x28, "
        + "found at least 65536 trailing bytes", e.getMessage());
  }

  @Test
  void aGzipHeaderDeclaringMoreThanDeflateCanHoldIsRefusedBeforeAllocating() throws IOException {
    Path file = IdxBytes.write(dir, "big.gz", IdxBytes.gzip(IdxBytes.images(100_000, 28, 28, new byte[0])));
    long size = java.nio.file.Files.size(file);

    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

    assertEquals("big.gz: offset 4: expected at most " + (size * 1032 - 16) + " data bytes from " + size
        + " gzip bytes (deflate inflates at most 1032 times), found a header declaring 78400000 for "
        + "100000 images of 28x28", e.getMessage());
  }

  @Test
  void aPlainHeaderDeclaringMoreThanTheFileIsRefusedBeforeAllocating() throws IOException {
    Path file = IdxBytes.write(dir, "big", IdxBytes.images(100_000, 28, 28, new byte[3]));

    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

    assertEquals("big: offset 19: expected 78400000 data bytes for 100000 images of 28x28 after the "
        + "16-byte header, found only 3 (file truncated)", e.getMessage());
  }

  @Test
  void moreThanTwoGibibytesOfPixelsAreRefused() throws IOException {
    Path file = IdxBytes.write(dir, "huge", IdxBytes.images(1_000_000, 1000, 1, new byte[0]));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
    assertEquals("huge: offset 4: expected at most 536870909 pixels in total, found 1000000 images of 1000x1 = "
        + "1000000000", e.getMessage());
  }

  @Test
  void imagesAreHeldOffTheHeap() throws IOException {
    Path file = IdxBytes.write(dir, "imgs.gz", IdxBytes.gzip(IdxBytes.images(3, 4, 5)));
    assertTrue(IdxReader.readImages(file).pixels().isDirect());
  }

  @Test
  void aDirectoryIsRefusedByName() {
    IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(dir));
    assertEquals(dir + ": expected an IDX file, found a directory", e.getMessage());
  }

  @Test
  void dimensionsWhoseProductOverflowsALongAreRefusedBeforeAnyAllocation() throws IOException {
    // Found by IdxReaderFuzzTest#anyBytes: 917507 images of 604646424 x 418125848 overflow
    // count*rows*cols; gzip-compressed, the 36-byte file reserved 1.15 GB of direct memory.
    byte[] header = java.nio.ByteBuffer.allocate(16).putInt(IdxReader.IMAGE_MAGIC).putInt(917507)
        .putInt(604646424).putInt(418125848).array();
    for (Path file : new Path[] {IdxBytes.write(dir, "plain", header), IdxBytes.write(dir, "gz", IdxBytes.gzip(header))}) {
      IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
      assertTrue(e.getMessage().contains("expected at most " + IdxReader.MAX_PIXELS + " pixels in total, found 917507 images of"
          + " 604646424x418125848 = 231962558854307655132864"), e.getMessage());
    }
  }
}
