package dev.chainrule.examples.report;

import java.awt.Color;

/**
 * One line of a chart: {@code y[i]} at {@code x[i]}; NaN values are gaps.
 *
 * @param name legend text
 * @param x x values, same length as {@code y}
 * @param y y values
 * @param color line colour
 */
record Series(String name, double[] x, double[] y, Color color) {

  Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "Series " + name + ": x and y lengths differ (got " + x.length + " and " + y.length
              + ")");
    }
  }

  /** @return true if at least one point is finite */
  boolean hasData() {
    for (int i = 0; i < y.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        return true;
      }
    }
    return false;
  }
}
