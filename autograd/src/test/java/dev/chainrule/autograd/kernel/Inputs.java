package dev.chainrule.autograd.kernel;

import java.util.Random;

/** Test inputs for the kernel cross-checks: mostly ordinary numbers, salted with every IEEE corner. */
final class Inputs {
  private Inputs() {}

  static final float[] SPECIAL_FLOATS = {
      Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
      Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL / 3, -Float.MIN_NORMAL / 7,
      Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 3e38f, -1e38f, 1e-30f, -1e-38f,
      1f, -1f, 2f, 0.5f, -88.5f, -100f, 89f, 200f, -1e10f, 1e10f, -3f, 3f};

  static final double[] SPECIAL_DOUBLES = {
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
      Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, -Double.MIN_NORMAL / 7,
      Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1e308, -1e300, 1e-300, -1e-310,
      1.0, -1.0, 2.0, 0.5, -745.5, -800.0, 710.0, 1000.0, -1e100, 1e100, -3.0, 3.0};

  /** One value in five is a corner case, one in ten a random bit pattern, the rest ~N(0, 3). */
  static float[] floats(Random rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      int pick = rnd.nextInt(10);
      x[i] = pick < 2 ? SPECIAL_FLOATS[rnd.nextInt(SPECIAL_FLOATS.length)]
          : pick == 2 ? Float.intBitsToFloat(rnd.nextInt())
          : (float) (rnd.nextGaussian() * 3);
    }
    return x;
  }

  static double[] doubles(Random rnd, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      int pick = rnd.nextInt(10);
      x[i] = pick < 2 ? SPECIAL_DOUBLES[rnd.nextInt(SPECIAL_DOUBLES.length)]
          : pick == 2 ? Double.longBitsToDouble(rnd.nextLong())
          : rnd.nextGaussian() * 3;
    }
    return x;
  }

  /** Finite values of mixed sign and magnitude (1e-3..1e3), so reordered sums can cancel. */
  static float[] finiteFloats(Random rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
    return x;
  }

  static double[] finiteDoubles(Random rnd, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
    return x;
  }
}
