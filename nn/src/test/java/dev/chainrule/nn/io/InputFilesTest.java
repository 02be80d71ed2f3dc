package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path dir;

  /** A named pipe, made with mkfifo; the test is skipped where there is none. */
  static Path fifo(Path dir) throws IOException, InterruptedException {
    Path f = dir.resolve("weights.safetensors");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", f.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo here: " + e.getMessage());
      throw e;
    }
    assumeTrue(p.waitFor() == 0 && Files.exists(f), "mkfifo failed");
    return f;
  }

  @Test void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path f = fifo(dir);
    IOException e = assertThrows(IOException.class, () -> InputFiles.requireRegular(f, "a weights file"));
    assertEquals(f + ": expected a weights file, found a FIFO, socket or device (reading it could block or never end)",
        e.getMessage());
  }

  @Test void aDirectoryAndAMissingFileAreNamed() {
    IOException e = assertThrows(IOException.class, () -> InputFiles.requireRegular(dir, "a weights file"));
    assertEquals(dir + ": expected a weights file, found a directory", e.getMessage());
    Path missing = dir.resolve("nothing");
    NoSuchFileException n = assertThrows(NoSuchFileException.class, () -> InputFiles.requireRegular(missing, "a weights file"));
    assertEquals(missing + ": no such file, expected a weights file", n.getMessage());
  }
}
