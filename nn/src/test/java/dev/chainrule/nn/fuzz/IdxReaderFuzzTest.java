package dev.chainrule.nn.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chainrule.nn.data.IdxFormatException;
import dev.chainrule.nn.data.IdxImages;
import dev.chainrule.nn.data.IdxReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The IDX reader on any bytes (plain, and gzip-compressed), and on gzip files built like a
 * decompression bomb: a header member declaring a few images of fuzzed dimensions, a fuzzed
 * number of pixel bytes, then up to 40 members of 64 MiB of zeros each (the 2.6 MB file of issue
 * 21 item 2; the reader must stop at the first byte after the declared data).
 * Allowed: {@link IdxFormatException} naming the file. Run with a small heap (the fuzz profile
 * gives 384 MB), so reading the whole decompressed stream is an {@code OutOfMemoryError}: a finding.
 */
class IdxReaderFuzzTest {
  /** One gzip member of 64 MiB of zeros (about 64 KB compressed), made once. */
  private static final byte[] ZEROS_MEMBER = gzip(new byte[64 << 20]);

  @FuzzTest(maxDuration = "7s")
  void anyBytes(byte[] data) throws IOException {
    read(FuzzFiles.write(data));
    read(FuzzFiles.write(gzip(data)));
  }

  @FuzzTest(maxDuration = "7s")
  void gzipMembers(FuzzedDataProvider d) throws IOException {
    boolean images = d.consumeBoolean();
    int count = d.consumeInt(0, 4);   // what the first member holds, or a little more: the bombs come after it
    ByteBuffer header = ByteBuffer.allocate(images ? 16 : 8);
    header.putInt(images ? IdxReader.IMAGE_MAGIC : IdxReader.LABEL_MAGIC).putInt(count);
    // Small dimensions: the declared data fits in the first member, so the zeros after it are
    // trailing bytes to refuse. (Huge declared sizes that the zeros really supply are a valid,
    // large file: its allocation is the data's, bounded by the reader's stated limits.)
    if (images) header.putInt(d.consumeInt(1, 64)).putInt(d.consumeInt(1, 64));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    byte[] first = new byte[header.capacity() + d.consumeInt(0, 4 * 784)];
    System.arraycopy(header.array(), 0, first, 0, header.capacity());
    file.writeBytes(gzip(first));
    int bombs = d.consumeInt(0, 40);
    for (int i = 0; i < bombs; i++) file.writeBytes(ZEROS_MEMBER);
    file.writeBytes(d.consumeRemainingAsBytes());
    read(FuzzFiles.write(file.toByteArray()));
  }

  static void read(Path file) throws IOException {
    try {
      IdxImages images = IdxReader.readImages(file);
      if ((long) images.count() * images.rows() * images.cols() > 64L * 41 << 20) {
        throw new AssertionError("more pixels than any file could hold: " + images);
      }
    } catch (IdxFormatException e) {
      FuzzFiles.namesTheFile(e, file);
    }
    try {
      IdxReader.readLabels(file, 10);
    } catch (IdxFormatException e) {
      FuzzFiles.namesTheFile(e, file);
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
