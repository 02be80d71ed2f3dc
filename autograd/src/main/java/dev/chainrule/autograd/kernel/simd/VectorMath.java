package dev.chainrule.autograd.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, log, tanh and sigmoid on float vectors, built only from IEEE-exact operations (add, mul,
 * fused multiply-add, divide, compares, bit moves).
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: HotSpot computes those with one library
 * (SVML) once the loop is compiled and with another (per-lane Java) before, and the two differ
 * in the last bit. A training run would then depend on when the JIT kicked in, and the same seed
 * would not give the same numbers. Every operation used here is correctly rounded in both modes,
 * so the result is the same bits on every run.
 *
 * <p>The polynomials are the classic minimax fits of the Cephes library's single-precision
 * functions (S. L. Moshier); accuracy is within about 1 ulp of the correctly rounded result
 * (KernelsCrossTest states the measured bound).
 */
final class VectorMath {
  private VectorMath() {}

  private static final float LOG2E = 1.44269504088896341f;
  /** ln 2 split in two so n·ln2 is subtracted without rounding error (Cody and Waite). */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, held in the low bits. */
  private static final float ROUNDER = 12582912f;
  private static final float MIN_NORMAL = Float.MIN_NORMAL;
  private static final float SQRT2 = 1.41421356237f;

  /** eˣ; overflows to +∞ above about 88.72, underflows through the subnormals to 0 below about -103.9. */
  static FloatVector exp(FloatVector x) {
    FloatVector xc = x.max(-104f).min(89f);
    // x = n·ln2 + r with |r| ≤ ln2/2, so eˣ = 2ⁿ·eʳ.
    FloatVector shifted = xc.fma(LOG2E, ROUNDER);
    FloatVector n = shifted.sub(ROUNDER);
    IntVector ni = shifted.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER));
    FloatVector r = fma(n, -LN2_HI, xc);
    r = fma(n, -LN2_LO, r);
    // eʳ = 1 + r + r²·P(r)
    FloatVector p = r.broadcast(1.9875691500e-4f);
    p = fma(p, r, 1.3981999507e-3f);
    p = fma(p, r, 8.3334519073e-3f);
    p = fma(p, r, 4.1665795894e-2f);
    p = fma(p, r, 1.6666665459e-1f);
    p = fma(p, r, 5.0000001201e-1f);
    FloatVector er = p.mul(r.mul(r)).add(r).add(1f);
    // 2ⁿ in two halves, so n down to -150 (subnormal results) and up to 128 (overflow) stay exact.
    IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
    FloatVector scale1 = pow2(half), scale2 = pow2(ni.sub(half));
    return er.mul(scale1).mul(scale2);
  }

  /** a·b + c, fused (one rounding). */
  private static FloatVector fma(FloatVector a, FloatVector b, float c) {
    return a.fma(b, a.broadcast(c));
  }

  /** a·b + c, fused (one rounding). */
  private static FloatVector fma(FloatVector a, float b, FloatVector c) {
    return a.fma(a.broadcast(b), c);
  }

  /** 2ᵏ for integer lanes k in [-126, 127], built from the exponent bits. */
  private static FloatVector pow2(IntVector k) {
    return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
  }

  /** ln x: NaN for x &lt; 0 or NaN, -∞ at ±0, +∞ at +∞; subnormal inputs handled exactly. */
  static FloatVector log(FloatVector x) {
    // Scale subnormals into the normal range first (by 2²³), remembering the shift in e.
    VectorMask<Float> subnormal = x.compare(VectorOperators.LT, MIN_NORMAL).and(x.compare(VectorOperators.GT, 0f));
    FloatVector xs = x.blend(x.mul(8388608f), subnormal);
    FloatVector eShift = x.broadcast(0f).blend(x.broadcast(-23f), subnormal);
    IntVector bits = xs.reinterpretAsInts();
    // x = m·2ᵉ with m in [1, 2); moved to [√½, √2) so that f = m - 1 is small.
    FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(127).convert(VectorOperators.I2F, 0)
        .reinterpretAsFloats().add(eShift);
    FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats();
    VectorMask<Float> big = m.compare(VectorOperators.GT, SQRT2);
    FloatVector f = m.blend(m.mul(0.5f), big).sub(1f);
    e = e.blend(e.add(1f), big);
    // ln(1 + f) = f - f²/2 + f³·P(f)
    FloatVector z = f.mul(f);
    FloatVector p = f.broadcast(7.0376836292e-2f);
    p = fma(p, f, -1.1514610310e-1f);
    p = fma(p, f, 1.1676998740e-1f);
    p = fma(p, f, -1.2420140846e-1f);
    p = fma(p, f, 1.4249322787e-1f);
    p = fma(p, f, -1.6668057665e-1f);
    p = fma(p, f, 2.0000714765e-1f);
    p = fma(p, f, -2.4999993993e-1f);
    p = fma(p, f, 3.3333331174e-1f);
    FloatVector y = p.mul(f).mul(z);
    y = fma(e, LN2_LO, y);
    y = fma(z, -0.5f, y);
    FloatVector result = f.add(y).add(e.mul(LN2_HI));
    // Special values, chosen last so nothing above can disturb them.
    result = result.blend(x.broadcast(Float.NEGATIVE_INFINITY), x.compare(VectorOperators.EQ, 0f));
    result = result.blend(x, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    return result.blend(x.broadcast(Float.NaN), x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)));
  }

  /**
   * Logistic sigmoid, stable at both ends, given e = e^-|x| (from {@link #exp}): 1/(1+e) for
   * x ≥ 0 and e/(1+e) below. NOTE: taking e as an argument, rather than calling exp here, keeps
   * each method small enough for C2 to inline into the kernel loop; a call it does not inline
   * boxes every vector and runs five times slower (measured).
   */
  static FloatVector sigmoidFromExp(FloatVector x, FloatVector e) {
    FloatVector inverse = e.broadcast(1f).div(e.add(1f));   // one division serves both branches
    return e.mul(inverse).blend(inverse, x.compare(VectorOperators.GE, 0f));
  }

  /**
   * tanh x given t = e^{2|x|} (from {@link #exp}): an odd polynomial near 0, where the other form
   * would cancel, and ±(1 - 2/(t + 1)) elsewhere. Split from exp for inlining, as sigmoidFromExp.
   */
  static FloatVector tanhFromExp(FloatVector x, FloatVector t) {
    FloatVector z = x.mul(x);
    FloatVector p = z.broadcast(-5.70498872745e-3f);
    p = fma(p, z, 2.06390887954e-2f);
    p = fma(p, z, -5.37397155531e-2f);
    p = fma(p, z, 1.33314422036e-1f);
    p = fma(p, z, -3.33332819422e-1f);
    FloatVector small = p.mul(z).fma(x, x);
    FloatVector onePlus = t.add(1f);
    FloatVector large = onePlus.broadcast(2f).div(onePlus).neg().add(1f);
    large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
    return large.blend(small, x.abs().compare(VectorOperators.LT, 0.625f));
  }
}
