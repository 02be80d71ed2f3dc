package dev.chainrule.autograd.check;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where a gradient check may sample an operation's inputs: values in [min, max] that stay at
 * least {@code margin} away from each of the {@code avoid} points (ReLU and abs kinks at 0, log,
 * sqrt and division poles at 0, clamp bounds), so that a central difference x ± eps never
 * straddles a kink or a pole.
 *
 * <pre>{@code
 * Domain.reals(-3, 3).avoiding(0.0)                   // relu, abs
 * Domain.reals(-3, 3).avoiding(0.0).withMargin(0.3)   // a divisor: keep 1/x² moderate
 * Domain.reals(0.2, 4)                       // log, sqrt
 * Tensor x = Domain.reals(-3, 3).avoiding(0.0).sample(rng, DType.F64, 2, 3);
 * }</pre>
 *
 * @param min    smallest value, finite
 * @param max    largest value, finite and greater than {@code min}
 * @param avoid  points to keep away from
 * @param margin minimum distance from every avoided point
 */
public record Domain(double min, double max, List<Double> avoid, double margin) {
  /** The margin used by {@link #avoiding(double...)}: far above any finite-difference step. */
  public static final double DEFAULT_MARGIN = 0.05;

  /**
   * Validates the interval and the avoided points.
   *
   * @throws IllegalArgumentException if {@code min} or {@code max} is not finite, {@code min >= max},
   *     or the margins around the avoided points leave too little of the interval to sample
   */
  public Domain {
    if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
      throw new IllegalArgumentException("Domain: need finite min < max, got [" + min + ", " + max + "]");
    }
    if (!(margin >= 0) || 2 * margin * (avoid.size() + 1) >= max - min) {
      throw new IllegalArgumentException("Domain: margin " + margin + " around " + avoid
          + " leaves too little of [" + min + ", " + max + "]");
    }
    avoid = List.copyOf(avoid);
  }

  /** Any value in [min, max]. */
  public static Domain reals(double min, double max) {
    return new Domain(min, max, List.of(), 0.0);
  }

  /** This domain, also kept away from {@code points} (by {@link #DEFAULT_MARGIN} unless a margin is set). */
  public Domain avoiding(double... points) {
    List<Double> all = new ArrayList<>(avoid);
    for (double p : points) all.add(p);
    return new Domain(min, max, all, margin > 0 ? margin : DEFAULT_MARGIN);
  }

  /** This domain with another distance to keep from the avoided points. */
  public Domain withMargin(double margin) {
    return new Domain(min, max, avoid, margin);
  }

  /** Whether {@code v} is inside [min, max] and at least {@code margin} from every avoided point. */
  public boolean contains(double v) {
    if (!(v >= min && v <= max)) return false;
    for (double p : avoid) if (Math.abs(v - p) < margin) return false;
    return true;
  }

  /**
   * Maps any value into this domain: clamps it into [min, max], then pushes it out of each
   * avoided neighbourhood to the nearer edge (the farther one when the nearer is outside). Keeps
   * values that are already inside unchanged, so shrinking stays meaningful.
   */
  public double admit(double v) {
    double x = Double.isNaN(v) ? min : Math.min(max, Math.max(min, v));
    for (int pass = 0; pass <= avoid.size(); pass++) {
      boolean moved = false;
      for (double p : avoid) {
        if (Math.abs(x - p) < margin) {
          double up = p + margin, down = p - margin;
          boolean preferUp = x >= p;
          double first = preferUp ? up : down, second = preferUp ? down : up;
          x = first >= min && first <= max ? first : second;
          moved = true;
        }
      }
      if (!moved && contains(x)) return x;
    }
    // Avoided neighbourhoods overlap the ends; fall back to scanning for any admissible value.
    double step = (max - min) / 1024;
    for (double y = min; y <= max; y += step) if (contains(y)) return y;
    throw new IllegalStateException("Domain " + this + " contains no admissible value");
  }

  /** Uniform samples from this domain (pushed off avoided points), row-major from {@code rng}. */
  public Tensor sample(RandomGenerator rng, DType dtype, int... dims) {
    Tensor t = Tensor.rand(rng, DType.F64, min, max, dims);
    double[] v = t.f64();
    for (int i = 0; i < v.length; i++) v[i] = admit(v[i]);
    return Tensor.of(dtype, v, dims);
  }

  @Override public String toString() {
    return "Domain[" + min + ", " + max + "]" + (avoid.isEmpty() ? "" : " avoiding " + avoid + " by " + margin);
  }
}
