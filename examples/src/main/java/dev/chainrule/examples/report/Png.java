package dev.chainrule.examples.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes an image as a PNG through a temporary file renamed into place (never half an image). */
final class Png {
  private Png() {}

  /** Writes {@code image} to {@code png}, creating parent directories. */
  static void write(BufferedImage image, Path png) throws IOException {
    Path dir = png.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + png.getFileName(), ".part");
    try {
      if (!ImageIO.write(image, "png", temp.toFile())) {
        throw new IOException(png.getFileName() + ": no PNG writer available in this JDK");
      }
      Files.move(temp, png, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
