package dev.chainrule.examples.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chainrule.examples.report.PngDigitReader;
import dev.chainrule.nn.fuzz.FuzzFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * The digit reader on any bytes, and on a small valid PNG whose header (IHDR: width, height, bit
 * depth, colour type) is replaced by fuzzed values with a correct checksum, as issue 21 item 3's
 * 1.5 MB 40000x40000 file was built. The fuzz
 * profile's small heap turns decoding a picture sized by its header into a finding.
 * Allowed: {@link IOException} naming the file.
 */
class PngDigitReaderFuzzTest {
  private static final byte[] GREY_PNG = png(BufferedImage.TYPE_BYTE_GRAY);
  private static final byte[] RGB_PNG = png(BufferedImage.TYPE_INT_RGB);

  @FuzzTest(maxDuration = "7s")
  void anyBytes(byte[] data) throws IOException {
    read(FuzzFiles.write("digit.png", data));
  }

  @FuzzTest(maxDuration = "7s")
  void header(FuzzedDataProvider d) throws IOException {
    byte[] png = (d.consumeBoolean() ? GREY_PNG : RGB_PNG).clone();
    ByteBuffer b = ByteBuffer.wrap(png);
    // signature (8), IHDR length (4), "IHDR" (4), then width, height, depth, colour type at 16..25
    b.putInt(16, d.consumeBoolean() ? d.consumeInt(1, 64) : d.consumeInt());
    b.putInt(20, d.consumeBoolean() ? d.consumeInt(1, 64) : d.consumeInt());
    if (d.consumeBoolean()) png[24] = d.pickValue(new Byte[] {1, 2, 4, 8, 16, 3, 0});
    if (d.consumeBoolean()) png[25] = d.pickValue(new Byte[] {0, 2, 3, 4, 6, 1, 7});
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);   // chunk type and data
    b.putInt(29, (int) crc.getValue());
    read(FuzzFiles.write("digit.png", png));
  }

  static void read(Path file) {
    try {
      float[] digit = PngDigitReader.read(file);
      if (digit.length != 784) throw new AssertionError(digit.length + " values, expected 784");
    } catch (IOException e) {
      FuzzFiles.namesTheFile(e, file);
    }
  }

  private static byte[] png(int type) {
    BufferedImage image = new BufferedImage(3, 2, type);
    image.getRaster().setSample(1, 1, 0, 200);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
