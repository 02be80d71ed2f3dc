package dev.chainrule.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * Draws one line chart into a rectangle: title, grid, axes with tick labels, the series (lines,
 * plus dots when there are few points) and a legend.
 */
final class ChartPanel {
  private static final Color GRID = new Color(0xE3E3E3);
  private static final Color AXIS = new Color(0x404040);
  private static final int DOTS_UP_TO = 40;

  private final String title;
  private final String xLabel;
  private final List<Series> series;
  private final boolean legendAtBottom;
  private final boolean wholeX;

  /**
   * @param title panel title
   * @param xLabel x-axis caption
   * @param series lines to draw
   * @param legendAtBottom put the legend in the lower right (for rising curves) instead of the
   *     upper right (for falling ones)
   */
  ChartPanel(String title, String xLabel, List<Series> series, boolean legendAtBottom) {
    this(title, xLabel, series, legendAtBottom, true);
  }

  /**
   * As above; {@code wholeX} false lets the x axis tick at fractions (a function's x rather than
   * epochs or steps).
   */
  ChartPanel(String title, String xLabel, List<Series> series, boolean legendAtBottom, boolean wholeX) {
    this.title = title;
    this.xLabel = xLabel;
    this.series = series;
    this.legendAtBottom = legendAtBottom;
    this.wholeX = wholeX;
  }

  /** Draws the panel into {@code (x, y, w, h)}. */
  void draw(Graphics2D g, int x, int y, int w, int h) {
    Font base = g.getFont();
    g.setFont(base.deriveFont(Font.BOLD, base.getSize2D() * 1.15f));
    FontMetrics tfm = g.getFontMetrics();
    g.setColor(AXIS);
    g.drawString(title, x + (w - tfm.stringWidth(title)) / 2, y + tfm.getAscent());
    g.setFont(base);
    FontMetrics fm = g.getFontMetrics();

    NiceScale xs = xScale();
    NiceScale ys = yScale();
    int yLabelWidth = 0;
    for (int i = 0; i < ys.ticks(); i++) {
      yLabelWidth = Math.max(yLabelWidth, fm.stringWidth(ys.label(ys.tick(i))));
    }
    int left = x + yLabelWidth + 14;
    int top = y + tfm.getHeight() + 10;
    int right = x + w - 12;
    int bottom = y + h - 2 * fm.getHeight() - 8;
    int pw = right - left;
    int ph = bottom - top;

    // Grid and tick labels.
    for (int i = 0; i < ys.ticks(); i++) {
      double v = ys.tick(i);
      int py = bottom - (int) Math.round((v - ys.min()) / (ys.max() - ys.min()) * ph);
      g.setColor(GRID);
      g.drawLine(left, py, right, py);
      g.setColor(AXIS);
      String label = ys.label(v);
      g.drawString(label, left - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
    for (int i = 0; i < xs.ticks(); i++) {
      double v = xs.tick(i);
      int px = left + (int) Math.round((v - xs.min()) / (xs.max() - xs.min()) * pw);
      g.setColor(GRID);
      g.drawLine(px, top, px, bottom);
      g.setColor(AXIS);
      String label = xs.label(v);
      g.drawLine(px, bottom, px, bottom + 4);
      g.drawString(label, px - fm.stringWidth(label) / 2, bottom + 4 + fm.getAscent());
    }
    g.setColor(AXIS);
    g.drawRect(left, top, pw, ph);
    g.drawString(xLabel, left + (pw - fm.stringWidth(xLabel)) / 2,
        bottom + 8 + fm.getHeight() + fm.getAscent());

    // Lines, clipped to the plot area.
    var oldClip = g.getClip();
    g.clipRect(left, top, pw + 1, ph + 1);
    for (Series s : series) {
      drawSeries(g, s, xs, ys, left, bottom, pw, ph);
    }
    g.setClip(oldClip);
    drawLegend(g, fm, left, top, right, bottom);
  }

  private void drawSeries(
      Graphics2D g, Series s, NiceScale xs, NiceScale ys, int left, int bottom, int pw, int ph) {
    g.setColor(s.color());
    g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D.Double path = new Path2D.Double();
    boolean penDown = false;
    int points = 0;
    for (int i = 0; i < s.y().length; i++) {
      if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
        penDown = false;
        continue;
      }
      double px = left + (s.x()[i] - xs.min()) / (xs.max() - xs.min()) * pw;
      double py = bottom - (s.y()[i] - ys.min()) / (ys.max() - ys.min()) * ph;
      if (penDown) {
        path.lineTo(px, py);
      } else {
        path.moveTo(px, py);
        penDown = true;
      }
      points++;
    }
    g.draw(path);
    if (points <= DOTS_UP_TO) {
      for (int i = 0; i < s.y().length; i++) {
        if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
          double px = left + (s.x()[i] - xs.min()) / (xs.max() - xs.min()) * pw;
          double py = bottom - (s.y()[i] - ys.min()) / (ys.max() - ys.min()) * ph;
          g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
        }
      }
    }
    g.setStroke(new BasicStroke(1f));
  }

  private void drawLegend(Graphics2D g, FontMetrics fm, int left, int top, int right, int bottom) {
    int textWidth = 0;
    int rows = 0;
    for (Series s : series) {
      textWidth = Math.max(textWidth, fm.stringWidth(s.name()));
      rows++;
    }
    int boxW = textWidth + 40;
    int boxH = rows * fm.getHeight() + 10;
    int bx = right - boxW - 8;
    int by = legendAtBottom ? bottom - boxH - 8 : top + 8;
    g.setColor(new Color(255, 255, 255, 225));
    g.fillRect(bx, by, boxW, boxH);
    g.setColor(GRID.darker());
    g.drawRect(bx, by, boxW, boxH);
    int ly = by + 5;
    for (Series s : series) {
      int mid = ly + fm.getHeight() / 2;
      g.setColor(s.color());
      g.setStroke(new BasicStroke(2.5f));
      g.drawLine(bx + 8, mid, bx + 28, mid);
      g.setStroke(new BasicStroke(1f));
      g.setColor(s.hasData() ? AXIS : GRID.darker());
      g.drawString(s.name(), bx + 34, ly + fm.getAscent());
      ly += fm.getHeight();
    }
  }

  private NiceScale xScale() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.x()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      return NiceScale.of(0, 1, 6);
    }
    NiceScale scale = NiceScale.of(lo, hi, 10);
    // Epochs are whole numbers: never tick at fractions.
    return wholeX && scale.step() < 1 ? new NiceScale(Math.floor(scale.min()), Math.ceil(scale.max()), 1)
        : scale;
  }

  private NiceScale yScale() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.y()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      return NiceScale.of(0, 1, 6);
    }
    // A little headroom so a curve that ends on a round value does not run along the frame.
    double pad = 0.02 * (hi - lo);
    return NiceScale.of(lo - pad, hi + pad, 7);
  }
}
