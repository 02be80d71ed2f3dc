package dev.chainrule.nn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks that an input path is a regular file before it is opened. Opening a FIFO for reading
 * blocks until a writer appears (for ever, as often as not), a directory fails with a bare "Is a
 * directory", and a device may never end: each is refused here with a message naming the path
 * and what was expected.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Throws unless {@code file} is a regular file (symbolic links are followed).
   *
   * @param file the path to be read
   * @param expected what the file should be, for the message ("a safetensors weights file")
   * @throws NoSuchFileException if nothing is there
   * @throws IOException naming the path, what was expected and what was found
   */
  public static void requireRegular(Path file, String expected) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such file, expected " + expected);
    }
    if (a.isRegularFile()) return;
    String found = a.isDirectory() ? "a directory"
        : "a FIFO, socket or device (reading it could block or never end)";
    throw new IOException(file + ": expected " + expected + ", found " + found);
  }
}
