package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Comparisons for the twin cross-checks, and the accuracy promised by the SIMD twin.
 *
 * <p>The ulp bounds are the worst cases measured (JDK 17 and 25, AVX-512, 512- and 128-bit
 * species) over ~4 million inputs per function: random bit patterns across the whole range plus
 * dense moderate values. They bound the distance between the JDK's vector math (SVML-backed
 * intrinsics, documented as within 1 ulp for exp/log/pow and 2.5 for tanh) and the scalar
 * reference (float results computed in double and rounded, so ~0.5 ulp; double results from
 * {@link Math}, within 1 ulp for exp/log/pow and 2.5 for tanh).
 */
final class KernelAsserts {
  private KernelAsserts() {}

  /** exp: measured worst 1 ulp, float and double. */
  static final long EXP_ULPS = 1;
  /** log: measured worst 1 ulp, float and double. */
  static final long LOG_ULPS = 1;
  /** tanh: measured worst 1 ulp in float and 2 in double. */
  static final long TANH_ULPS = 2;
  /** pow: measured worst 0 ulps in float, 1 in double. */
  static final long POW_ULPS = 1;
  /**
   * sigmoid = e/(1+e) or 1/(1+e) with e = exp(-|x|) in the element type: exp's 1 ulp plus two
   * roundings; measured worst 2 ulps in float and double, also for x < -88 where the result is
   * subnormal.
   */
  static final long SIGMOID_ULPS = 2;

  /** 0 means bit-exact. */
  static long ulpBound(UnaryOp op) {
    switch (op) {
      case EXP: return EXP_ULPS;
      case LOG: return LOG_ULPS;
      case TANH: return TANH_ULPS;
      case SIGMOID: return SIGMOID_ULPS;
      default: return 0;   // neg, sqrt (correctly rounded), relu, step, abs, sign
    }
  }

  static long ulpBound(BinaryOp op) {
    return op == BinaryOp.POW ? POW_ULPS : 0;
  }

  /** Distance in representable floats; ±0 are 0 apart, two NaNs are equal, NaN vs number is infinite. */
  static long ulps(float a, float b) {
    if (Float.isNaN(a) || Float.isNaN(b)) {
      return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
    }
    return Math.abs(ordered(a) - ordered(b));
  }

  static long ulps(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
    }
    long oa = ordered(a);
    long ob = ordered(b);
    // Opposite signs far apart would overflow the subtraction; they are far apart anyway.
    if ((oa < 0) != (ob < 0) && Math.abs(oa) > (1L << 61)) {
      return Long.MAX_VALUE;
    }
    return Math.abs(oa - ob);
  }

  private static long ordered(float f) {
    int bits = Float.floatToIntBits(f);
    return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
  }

  private static long ordered(double d) {
    long bits = Double.doubleToLongBits(d);
    return bits < 0 ? Long.MIN_VALUE - bits : bits;
  }

  /** Equal bits, except that all NaNs count as one value (payloads are not part of the contract). */
  static void assertBitExact(String what, float[] in, float[] want, float[] got) {
    for (int i = 0; i < want.length; i++) {
      if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
        fail(what + ": index " + i + ", input " + (i < in.length ? in[i] : "-") + ": scalar "
            + want[i] + ", simd " + got[i]);
      }
    }
  }

  static void assertBitExact(String what, double[] in, double[] want, double[] got) {
    for (int i = 0; i < want.length; i++) {
      if (Double.doubleToLongBits(want[i]) != Double.doubleToLongBits(got[i])) {
        fail(what + ": index " + i + ", input " + (i < in.length ? in[i] : "-") + ": scalar "
            + want[i] + ", simd " + got[i]);
      }
    }
  }

  static void assertWithinUlps(String what, float[] in, float[] want, float[] got, long bound) {
    for (int i = 0; i < want.length; i++) {
      long d = ulps(want[i], got[i]);
      if (d > bound) {
        fail(what + ": index " + i + ", input " + (i < in.length ? in[i] : "-") + ": scalar "
            + want[i] + ", simd " + got[i] + ", " + d + " ulps > " + bound);
      }
    }
  }

  static void assertWithinUlps(String what, double[] in, double[] want, double[] got, long bound) {
    for (int i = 0; i < want.length; i++) {
      long d = ulps(want[i], got[i]);
      if (d > bound) {
        fail(what + ": index " + i + ", input " + (i < in.length ? in[i] : "-") + ": scalar "
            + want[i] + ", simd " + got[i] + ", " + d + " ulps > " + bound);
      }
    }
  }

  /**
   * Reordered sums: each of the two twins is within (terms-1)·eps·Σ|term| of the exact sum
   * (the classic bound for recursive and pairwise summation alike), so they are within twice
   * that of each other. {@code absSum[i]} is Σ|term| for output i.
   */
  static void assertAllClose(String what, float[] want, float[] got, double[] absSum, int terms,
                             double eps) {
    for (int i = 0; i < want.length; i++) {
      double tol = 2.0 * (terms + 1) * eps * absSum[i] + Float.MIN_VALUE;
      if (!(Math.abs((double) want[i] - got[i]) <= tol)) {
        fail(what + ": index " + i + ": scalar " + want[i] + ", simd " + got[i] + ", |diff| "
            + Math.abs((double) want[i] - got[i]) + " > " + tol);
      }
    }
  }

  static void assertAllClose(String what, double[] want, double[] got, double[] absSum, int terms,
                             double eps) {
    for (int i = 0; i < want.length; i++) {
      double tol = 2.0 * (terms + 1) * eps * absSum[i] + Double.MIN_VALUE;
      if (!(Math.abs(want[i] - got[i]) <= tol)) {
        fail(what + ": index " + i + ": scalar " + want[i] + ", simd " + got[i] + ", |diff| "
            + Math.abs(want[i] - got[i]) + " > " + tol);
      }
    }
  }
}
