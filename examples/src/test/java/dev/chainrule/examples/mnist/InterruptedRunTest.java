package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.examples.Main;
import dev.chainrule.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 3 and issue 21 items 6-7: real {@code chainrule mnist} processes are stopped at
 * seeded random moments and in the middle of a checkpoint save, by SIGTERM (what Ctrl-C does too:
 * both run the JVM's shutdown hooks) and by SIGKILL. After each stop the directory holds a
 * complete checkpoint or none, complete metrics rows, and after SIGTERM no temporary file and a
 * status saying "interrupted"; {@code --resume} then carries on, and the final metrics and
 * weights equal those of a run that was never stopped, bit for bit.
 */
class InterruptedRunTest {
  @TempDir Path tmp;

  private static final List<String> RUN = List.of("mnist", "--recipe", "beyond", "--sizes", "784,100,10",
      "--epochs", "3", "--train-limit", "2000", "--threads", "2");   // the default: epochs evaluated and saved in the background

  enum Stop { TERM_MID_SAVE, KILL_MID_SAVE, TERM_AT_RANDOM, KILL_AT_RANDOM }

  private static Process start(List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-Xmx1g", "-XX:+UseSerialGC",
        // Every save waits 400 ms before its rename, so "mid-save" is a window the test can hit
        // whatever the machine's load (SafeTensors' test hook).
        "-Dchainrule.io.renameDelayMillis=400",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    cmd.addAll(List.of("--data", System.getenv("MNIST_DIR")));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static List<String> temporaryFiles(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path p : s) out.add(p.getFileName().toString());
    } catch (java.nio.file.NoSuchFileException e) {
      // A starting run moves an old run directory aside as a whole: between the two calls above
      // the directory may be gone for a moment. Nothing in flight there, then.
    }
    return out;
  }

  @Test void stoppedRunsLeaveCompleteFilesAndResumeToTheSameBits() throws Exception {
    String data = System.getenv("MNIST_DIR");
    assumeTrue(data != null && Files.isDirectory(Path.of(data)), "MNIST_DIR is not set: interruption test skipped");
    Path reference = tmp.resolve("reference"), run = tmp.resolve("run");
    List<String> fresh = new ArrayList<>(RUN);
    fresh.addAll(List.of("--out", reference.toString()));
    Process p = start(fresh, tmp.resolve("reference.log"));
    assertEquals(0, p.waitFor(), () -> log(tmp.resolve("reference.log")));

    SplittableRandom rng = new SplittableRandom(14);
    int attempt = 0;
    for (Stop stop : Stop.values()) {
      attempt++;
      boolean resumable = Files.exists(run.resolve(RunDirectory.CHECKPOINT));
      List<String> args = new ArrayList<>(resumable ? List.of("mnist", "--resume", run.toString()) : RUN);
      if (!resumable) args.addAll(List.of("--out", run.toString()));
      Path logFile = tmp.resolve("attempt-" + attempt + ".log");
      Process child = start(args, logFile);
      boolean midSave = stop == Stop.TERM_MID_SAVE || stop == Stop.KILL_MID_SAVE;
      List<String> seenTemporary = List.of();
      if (midSave) {
        while (child.isAlive() && (seenTemporary = checkpointTemporary(run)).isEmpty()) Thread.onSpinWait();
      } else {
        child.waitFor(1000 + rng.nextInt(5000), TimeUnit.MILLISECONDS);
      }
      boolean kill = stop == Stop.KILL_MID_SAVE || stop == Stop.KILL_AT_RANDOM;
      if (kill) child.destroyForcibly(); else child.destroy();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), stop + ": the process did not end");
      String why = stop + " (attempt " + attempt + ", " + (midSave ? "temporary files seen: " + seenTemporary : "random moment") + ")\n"
          + log(logFile);
      if (midSave) assertFalse(seenTemporary.isEmpty(), "never saw a checkpoint being saved: " + why);

      checkComplete(run, why);
      boolean started = log(logFile).contains("Recipe ");   // printed once the run directory is marked
      if (!kill && started) {
        // A SIGKILLed predecessor's leftover may still be there if this process was stopped before
        // its resume removed it; its own must be gone.
        String pid = "." + child.pid();
        assertEquals(List.of(), temporaryFiles(run).stream().filter(n -> n.contains(pid + "-") || n.contains(pid + ".tmp")).toList(),
            "SIGTERM leaves no temporary file of its own: " + why);
        String status = Files.readString(run.resolve(RunDirectory.STATUS));
        assertTrue(status.startsWith("state: interrupted\n") || status.startsWith("state: finished\n"), status + why);
      }
      if (stop == Stop.KILL_MID_SAVE) {
        assertFalse(temporaryFiles(run).isEmpty(), "a SIGKILL mid-save leaves the temporary file: " + why);
      }
    }

    boolean resumable = Files.exists(run.resolve(RunDirectory.CHECKPOINT))
        && !Files.readString(run.resolve(RunDirectory.STATUS)).startsWith("state: finished");
    if (!Files.exists(run.resolve(RunDirectory.WEIGHTS))) {
      List<String> args = new ArrayList<>(resumable ? List.of("mnist", "--resume", run.toString()) : RUN);
      if (!resumable) args.addAll(List.of("--out", run.toString()));
      Process last = start(args, tmp.resolve("last.log"));
      assertEquals(0, last.waitFor(), () -> log(tmp.resolve("last.log")));
    }
    assertEquals(List.of(), temporaryFiles(run), "resume removed what the SIGKILL left");
    assertEquals(RunDirectoryTest.columns(reference.resolve("metrics.csv")), RunDirectoryTest.columns(run.resolve("metrics.csv")));
    assertArrayEquals(Files.readAllBytes(reference.resolve(RunDirectory.WEIGHTS)), Files.readAllBytes(run.resolve(RunDirectory.WEIGHTS)),
        "weights after interruptions and resumes equal the uninterrupted run's");
    assertTrue(Files.readString(run.resolve(RunDirectory.STATUS)).startsWith("state: finished\n"));
  }

  private static List<String> checkpointTemporary(Path dir) throws IOException {
    return temporaryFiles(dir).stream().filter(n -> n.startsWith(".checkpoint.safetensors.")).toList();
  }

  /** A checkpoint is whole or absent; metrics.csv has a complete row for each of its epochs. */
  private static void checkComplete(Path dir, String why) throws IOException {
    Path checkpoint = dir.resolve(RunDirectory.CHECKPOINT);
    if (!Files.exists(checkpoint)) return;
    int epoch = Integer.parseInt(SafeTensors.read(checkpoint).metadata().get("epoch"));   // throws if truncated
    List<String> rows = Files.readAllLines(dir.resolve(RunDirectory.METRICS));
    assertTrue(rows.size() >= epoch + 1, "metrics.csv has " + rows.size() + " lines for checkpoint epoch " + epoch + ": " + why);
    for (int i = 1; i <= epoch; i++) assertEquals(6, rows.get(i).split(",", -1).length, "row " + i + ": " + why);
    if (Files.exists(dir.resolve(RunDirectory.WEIGHTS))) SafeTensors.read(dir.resolve(RunDirectory.WEIGHTS));
  }

  private static String log(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
