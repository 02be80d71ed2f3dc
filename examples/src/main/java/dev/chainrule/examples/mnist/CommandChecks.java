package dev.chainrule.examples.mnist;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks of command-line values that are not part of a {@link Recipe}, run before any data is
 * loaded so a mistake costs nothing. Each message names the flag and what it expected.
 */
final class CommandChecks {
  private CommandChecks() {}

  /** {@code --threads}: at least one. */
  static void threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads: expected at least 1 evaluation thread, got " + threads);
    }
  }

  /** {@code --train-limit}: absent, or at least one image. */
  static void trainLimit(Integer limit) {
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("--train-limit: expected at least 1 training image, got " + limit);
    }
  }

  /** {@code --out}: a directory, or a path where one can be created (nothing but directories on the way). */
  static void outputDirectory(Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        String found = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "a file" : "something that is not a directory";
        throw new IllegalArgumentException("--out " + dir + ": expected a directory to write the run into, but "
            + (p.equals(dir.toAbsolutePath()) ? "it is " : p + " is ") + found);
      }
    }
  }
}
