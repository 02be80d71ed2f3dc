package dev.chainrule.nn.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Temporary files of atomic writes that have not been renamed yet. A JVM shutdown hook deletes
 * the ones left when the process is asked to stop (Ctrl-C, SIGTERM, {@code System.exit}) in the
 * middle of a write; the target file is untouched then. A SIGKILL runs no hook: the next write
 * into the same directory cannot know whose a leftover is, so {@link #isTemporaryOf} lets the
 * owner of a directory recognise and remove them.
 */
final class InFlightFiles {
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(InFlightFiles::deleteAll, "chainrule-temp-file-cleanup"));
  }

  private InFlightFiles() {}

  /**
   * Creates {@code .<name>.<pid>-<n>.tmp} beside {@code target}, with the permissions any new file
   * gets (0644 under the usual umask, unlike {@code Files.createTempFile}'s 0600), and registers it.
   */
  static Path create(Path target) throws IOException {
    Path dir = target.getParent();
    while (true) {
      Path tmp = dir.resolve("." + target.getFileName() + "." + PID + "-" + COUNTER.incrementAndGet() + ".tmp");
      OPEN.add(tmp);
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException stale) {
        OPEN.remove(tmp); // a leftover of an earlier process with our pid: not ours to delete
      } catch (IOException | RuntimeException e) {
        OPEN.remove(tmp);
        throw e;
      }
    }
  }

  /** The write of {@code tmp} ended (renamed or deleted): no longer the hook's business. */
  static void done(Path tmp) {
    OPEN.remove(tmp);
  }

  /** Whether {@code file} is named like a temporary file of an atomic write of {@code targetName}. */
  static boolean isTemporaryOf(Path file, String targetName) {
    String n = file.getFileName().toString();
    return n.startsWith("." + targetName + ".") && n.endsWith(".tmp");
  }

  private static void deleteAll() {
    for (Path tmp : OPEN) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // shutting down: nothing left to report to
      }
    }
  }
}
