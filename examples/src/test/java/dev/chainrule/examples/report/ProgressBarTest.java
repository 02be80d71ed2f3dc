package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void disabledBarPrintsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes), "epoch 1", 100, false);
    bar.advance(50);
    bar.finish();
    assertEquals(0, bytes.size());
  }

  @Test
  void enabledBarRedrawsInPlaceOncePerPercent() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), "epoch 1", 1000, true);
    for (int i = 0; i < 1000; i++) {
      bar.advance(1);
    }
    bar.finish();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.endsWith("\repoch 1 [" + "#".repeat(30) + "] 100% 1000/1000\n"), out);
    long redraws = out.chars().filter(c -> c == '\r').count();
    assertEquals(101, redraws, "one redraw per whole percent, 0% to 100%");
  }

  @Test
  void textShowsHalfway() {
    ProgressBar bar = new ProgressBar(System.out, "train", 60000, false);
    bar.update(30000);
    assertEquals("train [" + "#".repeat(15) + "-".repeat(15) + "]  50% 30000/60000", bar.text());
    bar.update(70000);
    assertTrue(bar.text().endsWith("100% 60000/60000"), bar.text());
  }

  @Test
  void consoleBarIsSilentWithoutATerminal() {
    // Surefire runs tests without a terminal, so the console bar must be off here.
    assertEquals(System.console() != null, ProgressBar.forConsole("x", 1).enabled());
  }
}
