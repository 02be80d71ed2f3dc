package dev.chainrule.nn.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fuzz harnesses' shared rules. Readers take paths, so each input goes to one reused
 * temporary file. An allowed outcome is a documented exception whose message names the file;
 * anything else (another exception, an {@code OutOfMemoryError} under the fuzz run's small heap,
 * a hang past Jazzer's timeout) is a finding.
 */
public final class FuzzFiles {
  private static final Path FILE = create();

  private FuzzFiles() {}

  private static Path create() {
    try {
      // tmpfs when there is one: a file is written per input, thousands a second.
      Path shm = Path.of("/dev/shm");
      Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
          ? Files.createTempDirectory(shm, "chainrule-fuzz") : Files.createTempDirectory("chainrule-fuzz");
      dir.toFile().deleteOnExit();
      Path f = dir.resolve("input.bin");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} to the harness file and returns its path. */
  public static Path write(byte[] bytes) {
    try {
      return Files.write(FILE, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file holding {@code bytes} under {@code name} (for readers that look at the name). */
  public static Path write(String name, byte[] bytes) {
    try {
      Path f = FILE.resolveSibling(name);
      f.toFile().deleteOnExit();
      return Files.write(f, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails unless {@code e}'s message names {@code file}: every documented error must say which file. */
  public static void namesTheFile(Throwable e, Path file) {
    String m = e.getMessage();
    if (m == null || !m.contains(file.getFileName().toString())) {
      throw new AssertionError("error without the file name: " + e, e);
    }
  }
}
