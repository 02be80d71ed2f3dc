package dev.chainrule.examples.report;

import java.util.Locale;

/**
 * An axis range widened to round tick values: steps of 1, 2 or 5 times a power of ten, so that
 * about {@code maxTicks} labels fit (a few more or fewer, as rounding the step decides).
 *
 * @param min lowest tick (at or below the data minimum)
 * @param max highest tick (at or above the data maximum)
 * @param step distance between ticks
 */
record NiceScale(double min, double max, double step) {

  /**
   * Chooses ticks covering {@code [lo, hi]}.
   *
   * @param lo data minimum
   * @param hi data maximum
   * @param maxTicks about how many ticks are wanted (at least 2)
   * @return the scale
   */
  static NiceScale of(double lo, double hi, int maxTicks) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return new NiceScale(0, 1, 0.2);
    }
    if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
      // A flat series still gets a visible band around it.
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double step = niceStep((hi - lo) / Math.max(1, maxTicks - 1));
    return new NiceScale(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
  }

  private static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / power;
    // Rounded rather than ceilinged, so the tick count lands near the request from either side.
    double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
    return nice * power;
  }

  /** @return the number of ticks from {@link #min} to {@link #max} inclusive */
  int ticks() {
    return (int) Math.round((max - min) / step) + 1;
  }

  /**
   * @param i tick index in {@code [0, ticks())}
   * @return the tick's value
   */
  double tick(int i) {
    return min + i * step;
  }

  /**
   * Formats a tick with just enough decimals for this step.
   *
   * @param value a tick value
   * @return e.g. {@code "0.25"} for step 0.05, {@code "10"} for step 5
   */
  String label(double value) {
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
  }
}
