package dev.chainrule.examples.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PNG of line charts: a title over one or more panels laid out in a grid (up to three a row),
 * each with grid, tick labels and legend. Lines take colours in order from a fixed palette, the
 * same in every panel, so "N = 20" has one colour across a figure. Drawn headless with Java2D.
 *
 * <pre>
 * new LinePlot("Learning rates").panel("cost", "step", List.of(new Line("eta 0.1", steps, costs)))
 *     .write(Path.of("runs/lr.png"));
 * </pre>
 */
public final class LinePlot {
  static {
    Headless.ensure();
  }

  /** The palette, in the order lines without a colour of their own take it (matplotlib's default cycle). */
  static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
      new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2)};
  /** The colour of {@link Line#reference} lines. */
  static final Color REFERENCE = new Color(0x222222);

  /**
   * One line: {@code y[i]} at {@code x[i]}; NaN or infinite points leave a gap.
   *
   * @param name legend text
   * @param x x values
   * @param y y values, as many as {@code x}
   * @param reference drawn in near-black (a target or an exact answer), not in the next palette colour
   */
  public record Line(String name, double[] x, double[] y, boolean reference) {
    /** A line in the next palette colour. */
    public Line(String name, double[] x, double[] y) {
      this(name, x, y, false);
    }

    /** A near-black line for what the others are compared with. */
    public static Line reference(String name, double[] x, double[] y) {
      return new Line(name, x, y, true);
    }
  }

  private final String title;
  private final List<ChartPanel> panels = new ArrayList<>();

  /** @param title text above all panels */
  public LinePlot(String title) {
    this.title = title;
  }

  /**
   * Adds a panel whose x axis may tick at fractions, legend upper right.
   *
   * @return this plot
   */
  public LinePlot panel(String panelTitle, String xLabel, List<Line> lines) {
    return add(panelTitle, xLabel, lines, false, false);
  }

  /** Adds a panel as {@link #panel} with the two layout choices of {@link ChartPanel} spelled out. */
  LinePlot add(String panelTitle, String xLabel, List<Line> lines, boolean legendAtBottom, boolean wholeX) {
    return add(panelTitle, xLabel, lines, legendAtBottom, wholeX, null);
  }

  /** As above with the lines' colours given (null: the palette in order). */
  LinePlot add(String panelTitle, String xLabel, List<Line> lines, boolean legendAtBottom, boolean wholeX,
               Color[] colors) {
    List<Series> series = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      Color c = colors != null ? colors[i] : l.reference() ? REFERENCE : PALETTE[next++ % PALETTE.length];
      series.add(new Series(l.name(), l.x(), l.y(), c));
    }
    panels.add(new ChartPanel(panelTitle, xLabel, series, legendAtBottom, wholeX));
    return this;
  }

  /** Draws the panels, {@code panelWidth} by {@code panelHeight} pixels each, under the title. */
  public BufferedImage render(int panelWidth, int panelHeight) {
    if (panels.isEmpty()) throw new IllegalStateException("LinePlot \"" + title + "\": no panels to draw");
    if (panelWidth < 200 || panelHeight < 200) {
      throw new IllegalArgumentException(
          "LinePlot: panels need at least 200x200 pixels (got " + panelWidth + "x" + panelHeight + ")");
    }
    int columns = Math.min(panels.size(), panels.size() == 4 ? 2 : 3);
    int rows = (panels.size() + columns - 1) / columns;
    float fontSize = Math.max(11f, panelHeight / 36f);
    int margin = 16;
    int titleHeight = Math.round(fontSize * 1.4f * 1.4f) + 20;
    int width = columns * panelWidth + (columns + 1) * margin;
    int height = titleHeight + rows * (panelHeight + margin);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(fontSize * 1.4f)));
      while (g.getFontMetrics().stringWidth(title) > width - 2 * margin && g.getFont().getSize() > 9) {
        g.setFont(g.getFont().deriveFont(g.getFont().getSize2D() - 1));   // a long title over one panel
      }
      FontMetrics fm = g.getFontMetrics();
      g.setColor(Color.BLACK);
      g.drawString(title, (width - fm.stringWidth(title)) / 2, 10 + fm.getAscent());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(fontSize)));
      for (int i = 0; i < panels.size(); i++) {
        int col = i % columns, row = i / columns;
        panels.get(i).draw(g, margin + col * (panelWidth + margin), titleHeight + row * (panelHeight + margin),
            panelWidth, panelHeight);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Draws 600x450-pixel panels and writes the PNG through a temporary file renamed into place. */
  public void write(Path png) throws IOException {
    Png.write(render(600, 450), png);
  }

  @Override public String toString() {
    return "LinePlot(\"" + title + "\", " + panels.size() + " panels)";
  }
}
