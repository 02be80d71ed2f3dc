package dev.chainrule.examples.mnist;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import dev.chainrule.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output directory of one {@code chainrule mnist} run. It never mixes two runs: a new run
 * moves a previous run's directory aside as a whole and deletes it before writing anything, and
 * refuses a directory holding files it did not write. {@value #STATUS} says how the run ended
 * (running, finished, stopped, interrupted, failed), {@value #CHECKPOINT} holds the last finished
 * epoch, so {@code --resume DIR} can continue.
 *
 * <p>Ctrl-C and SIGTERM run a shutdown hook that marks the status "interrupted"; the atomic
 * writes remove their own temporary files then. After a SIGKILL, {@link #resume} removes them.
 */
final class RunDirectory {
  static final String METRICS = "metrics.csv";
  static final String CHECKPOINT = "checkpoint.safetensors";
  static final String WEIGHTS = "weights.safetensors";
  static final String STATUS = "status.txt";
  /** Every file a run writes; a directory with anything else is not a run directory. */
  static final Set<String> FILES = Set.of(METRICS, CHECKPOINT, WEIGHTS, STATUS, "learning-curves.png",
      "confusion-matrix.txt", "confusion-matrix.csv", StepProfile.TABLE, StepProfile.TRACE);

  private final Path dir;
  private final Object statusLock = new Object();
  private boolean ended;
  private Thread hook;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** A fresh run in {@code dir}: created, or emptied of a previous run as a whole. */
  static RunDirectory fresh(Path dir) throws IOException {
    dir = dir.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IOException("--out " + dir + ": is a file, expected a directory (new or from an earlier run)");
    }
    if (Files.isDirectory(dir) && !entries(dir).isEmpty()) {
      checkOnlyOurs(dir);
      // Move the whole previous run aside in one rename, then delete it: a crash in between
      // leaves it beside the new directory, never mixed into it.
      Path aside = dir.resolveSibling("." + dir.getFileName() + ".previous-" + ProcessHandle.current().pid());
      Files.move(dir, aside, ATOMIC_MOVE);
      deleteRun(aside);
    }
    Files.createDirectories(dir);
    return new RunDirectory(dir);
  }

  /** The run in {@code dir} to continue; leftovers of a killed atomic write are removed. */
  static RunDirectory resume(Path dir) throws IOException {
    dir = dir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve(CHECKPOINT))) {
      throw new IOException("--resume " + dir + ": no " + CHECKPOINT + " there, expected the --out directory of a run"
          + " that finished at least one epoch");
    }
    checkOnlyOurs(dir);
    for (Path p : entries(dir)) if (isTemporary(p)) Files.deleteIfExists(p);
    return new RunDirectory(dir);
  }

  Path path() { return dir; }

  Path file(String name) { return dir.resolve(name); }

  /**
   * Replaces {@value #STATUS} atomically with {@code state} and a sentence; after the run ended
   * (interrupted included) later calls change nothing.
   */
  void status(String state, String detail, boolean ends) throws IOException {
    synchronized (statusLock) {
      if (ended) return;
      ended = ends;
      writeAtomically(file(STATUS), "state: " + state + "\n" + detail + "\n");
    }
  }

  /**
   * Until {@link #close}, Ctrl-C or SIGTERM marks the run "interrupted" with {@code detail}'s
   * sentence (the last finished epoch) before the JVM exits.
   */
  void markInterruptions(java.util.function.Supplier<String> detail) {
    hook = new Thread(() -> {
      try {
        status("interrupted", detail.get(), true);
      } catch (IOException ignored) {
        // the JVM is exiting; nothing to report to
      }
    }, "chainrule-run-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** No more interruption marking (the run ended on its own). */
  void close() {
    if (hook == null) return;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it finds the status already final
    }
    hook = null;
  }

  /** Writes {@code text} to a temporary file beside {@code file}, forces it, renames it over {@code file}. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, file, ATOMIC_MOVE, REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean isTemporary(Path p) {
    return FILES.stream().anyMatch(name -> SafeTensors.isTemporaryOf(p, name));
  }

  private static void checkOnlyOurs(Path dir) throws IOException {
    List<String> foreign = new ArrayList<>();
    for (Path p : entries(dir)) {
      if (!(FILES.contains(p.getFileName().toString()) && Files.isRegularFile(p)) && !isTemporary(p)) {
        foreign.add(p.getFileName().toString());
      }
    }
    if (!foreign.isEmpty()) {
      throw new IOException(dir + ": holds " + (foreign.size() > 5 ? foreign.subList(0, 5) + " and " + (foreign.size() - 5) + " more"
          : foreign) + ", which chainrule mnist did not write; expected a new or empty directory, or one from an earlier run");
    }
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted(Comparator.naturalOrder()).toList();
    }
  }

  private static void deleteRun(Path dir) throws IOException {
    for (Path p : entries(dir)) {
      try {
        Files.deleteIfExists(p);
      } catch (NoSuchFileException | DirectoryNotEmptyException ignored) {
        // gone already / not ours (checked above)
      }
    }
    Files.deleteIfExists(dir);
  }
}
