package dev.chainrule.autograd.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The outcome of a {@link GradCheck}: every compared entry, the failures, and a readable report. */
public final class GradCheckResult {
  /** One compared entry: input i at an index (or a random direction), analytic vs numeric. */
  public record Mismatch(int input, String index, double analytic, double numeric, boolean ok) {
    /** |analytic − numeric|. */
    public double absError() { return Math.abs(analytic - numeric); }

    /** |analytic − numeric| / |numeric| (with |numeric| floored at 1e-300). */
    public double relError() { return absError() / Math.max(Math.abs(numeric), 1e-300); }
  }

  private static final int WORST_SHOWN = 5;
  private final String name;
  private final double eps, atol, rtol;
  private final int checked;
  private final List<Mismatch> entries;
  private final List<String> failures;
  private final ErrorSweep sweep;

  /** With the error-vs-eps sweep of the worst entry (see {@link ErrorSweep}), or {@code null}. */
  GradCheckResult(String name, double eps, double atol, double rtol, int checked,
                  List<Mismatch> entries, List<String> failures, ErrorSweep sweep) {
    this.sweep = sweep;
    this.name = name;
    this.eps = eps;
    this.atol = atol;
    this.rtol = rtol;
    this.checked = checked;
    this.entries = List.copyOf(entries);
    this.failures = List.copyOf(failures);
  }

  /**
   * True when every compared entry is within tolerance and the other checks held: a zero upstream
   * gradient gave zero, and a second backward gave identical gradients.
   */
  public boolean passed() {
    return failures.isEmpty() && entries.stream().allMatch(Mismatch::ok);
  }

  /** The error-vs-eps sweep of the worst entry, when the check that made this result ran one. */
  public java.util.Optional<ErrorSweep> sweep() { return java.util.Optional.ofNullable(sweep); }

  /** Number of entries compared. */
  public int checked() { return checked; }

  /** Entries outside tolerance, worst first. */
  public List<Mismatch> mismatches() {
    List<Mismatch> bad = new ArrayList<>();
    for (Mismatch m : entries) if (!m.ok()) bad.add(m);
    bad.sort(Comparator.comparingDouble(Mismatch::absError).reversed());
    return bad;
  }

  /** Throws an {@link AssertionError} with the report when the check failed. */
  public GradCheckResult assertPassed() {
    if (!passed()) throw new AssertionError(report());
    return this;
  }

  /** A report naming each failing input and its worst entries with analytic, numeric and errors. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "gradcheck %s: %s, %d entries compared (eps %.0e, pass when |diff| <= %.0e + %.0e*|numeric|)",
        name, passed() ? "passed" : "FAILED", checked, eps, atol, rtol));
    for (String f : failures) sb.append("\n  ").append(f);
    List<Mismatch> bad = mismatches();
    if (!bad.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%n  %d of %d entries outside tolerance; worst:", bad.size(), checked));
      for (Mismatch m : bad.subList(0, Math.min(WORST_SHOWN, bad.size()))) {
        sb.append(String.format(Locale.ROOT, "%n    input %d at %s: analytic %.9g, numeric %.9g, |diff| %.3e, rel %.3e",
            m.input(), m.index(), m.analytic(), m.numeric(), m.absError(), m.relError()));
      }
    }
    if (sweep != null) sb.append("\n    ").append(sweep.report());
    return sb.toString();
  }

  @Override public String toString() { return report(); }
}
