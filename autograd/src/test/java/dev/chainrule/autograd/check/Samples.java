package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.SplittableRandom;

/**
 * Random float64 test inputs kept off kinks, ties and poles, drawn from a caller's seeded
 * generator. (Each primitive's own sample comes from its {@code example()} and {@code domain}.)
 */
public final class Samples {
  private Samples() {}

  /** Uniform in [lo, hi). */
  public static Tensor uniform(SplittableRandom r, double lo, double hi, int... dims) {
    double[] d = new double[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) d[i] = r.nextDouble(lo, hi);
    return Tensor.of(d, dims);
  }

  /** Values with 0.2 ≤ |x| ≤ 1.5. */
  public static Tensor awayFromZero(SplittableRandom r, int... dims) {
    return awayFrom(r, new double[] {0.0}, dims);
  }

  /** Values in [-1.5, 1.5] at least 0.1 from each of {@code points}. */
  public static Tensor awayFrom(SplittableRandom r, double[] points, int... dims) {
    double[] d = new double[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      double v;
      boolean near;
      do {
        v = r.nextDouble(-1.5, 1.5);
        near = false;
        for (double p : points) near |= Math.abs(v - p) < 0.2;
      } while (near);
      d[i] = v;
    }
    return Tensor.of(d, dims);
  }

  /** A random permutation of well-separated values: no ties for max. */
  public static Tensor distinct(SplittableRandom r, int... dims) {
    int n = Shape.of(dims).size();
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = -1.5 + 3.0 * i / n;
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      double t = d[i];
      d[i] = d[j];
      d[j] = t;
    }
    return Tensor.of(d, dims);
  }

  /** Two tensors whose entries differ by at least 0.3 everywhere (no ties), in random order. */
  public static Tensor[] apart(SplittableRandom r, int... dims) {
    Tensor a = uniform(r, -1, 1, dims);
    double[] b = a.toDoubleArray();
    for (int i = 0; i < b.length; i++) b[i] += (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.3, 1.0);
    return new Tensor[] {a, Tensor.of(b, dims)};
  }

  /** Entries 0 or 1 at random: a where() condition. */
  public static Tensor mask(SplittableRandom r, int... dims) {
    double[] d = new double[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) d[i] = r.nextBoolean() ? 1.0 : 0.0;
    return Tensor.of(d, dims);
  }
}
