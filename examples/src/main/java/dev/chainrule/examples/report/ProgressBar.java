package dev.chainrule.examples.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with {@code \r}, e.g.
 * {@code epoch 3 [##########----------]  50% 25000/50000}. It prints only when enabled, which
 * {@link #forConsole} sets when a terminal is attached ({@code System.console() != null}); in CI
 * logs and pipes it stays silent instead of filling them with carriage returns. It redraws only
 * when the whole percentage changes, so the count shown may lag by under 1%.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean enabled;
  private long done;
  private int lastPercent = -1;

  /**
   * @param out where to draw
   * @param label text before the bar
   * @param total the count that means 100% (positive)
   * @param enabled whether to print at all
   */
  public ProgressBar(PrintStream out, String label, long total, boolean enabled) {
    if (total <= 0) {
      throw new IllegalArgumentException(
          "ProgressBar " + label + ": total must be positive (got " + total + ")");
    }
    this.out = out;
    this.label = label;
    this.total = total;
    this.enabled = enabled;
  }

  /**
   * A bar on {@code System.out}, enabled only when a console is attached.
   *
   * @param label text before the bar
   * @param total the count that means 100%
   * @return the bar
   */
  public static ProgressBar forConsole(String label, long total) {
    return new ProgressBar(System.out, label, total, System.console() != null);
  }

  /** @return whether this bar prints anything */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Adds to the count done and redraws if the bar changed.
   *
   * @param n how many more items are done
   */
  public void advance(long n) {
    update(done + n);
  }

  /**
   * Sets the count done (clamped to {@code [0, total]}) and redraws if the bar changed.
   *
   * @param doneSoFar items done so far
   */
  public void update(long doneSoFar) {
    done = Math.max(0, Math.min(total, doneSoFar));
    if (!enabled) {
      return;
    }
    // At most 101 redraws per bar: a per-example redraw would cost more than the training step.
    int percent = percent();
    if (percent != lastPercent) {
      out.print('\r' + text());
      out.flush();
      lastPercent = percent;
    }
  }

  /** Draws the bar full and ends its line; prints nothing if disabled. */
  public void finish() {
    update(total);
    if (enabled) {
      out.println();
      out.flush();
    }
  }

  /** @return the bar's text for the current count, without {@code \r} */
  String text() {
    int filled = (int) (WIDTH * done / total);
    int percent = percent();
    return label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%3d%%", percent) + " " + done + "/" + total;
  }

  private int percent() {
    return (int) (100 * done / total);
  }

  @Override
  public String toString() {
    return "ProgressBar(" + label + ", " + done + "/" + total + (enabled ? "" : ", silent") + ")";
  }
}
