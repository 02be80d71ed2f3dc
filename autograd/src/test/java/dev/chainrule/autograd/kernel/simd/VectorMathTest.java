package dev.chainrule.autograd.kernel.simd;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.ScalarMath;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VectorMath against the double-precision reference, in float ulps, over the whole float range
 * and the special values; and the same bits whether the JIT has compiled the code or not.
 */
class VectorMathTest {

  @BeforeAll static void needsVectorApi() {
    assumeTrue(KernelProvider.vectorApiAvailable(), "jdk.incubator.vector absent: VectorMath not tested");
  }

  static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
    var species = FloatVector.SPECIES_PREFERRED;
    float[] out = new float[x.length];
    float[] padded = java.util.Arrays.copyOf(x, (x.length + species.length() - 1) / species.length() * species.length());
    float[] res = new float[padded.length];
    for (int i = 0; i < padded.length; i += species.length()) {
      f.apply(FloatVector.fromArray(species, padded, i)).intoArray(res, i);
    }
    System.arraycopy(res, 0, out, 0, x.length);
    return out;
  }

  static float[] samples() {
    SplittableRandom rng = new SplittableRandom(11);
    float[] x = new float[200_000];
    for (int i = 0; i < x.length; i++) {
      switch (i % 4) {
        case 0: x[i] = (float) rng.nextDouble(-110, 110); break;
        case 1: x[i] = (float) rng.nextDouble(-2, 2); break;
        case 2: x[i] = Float.intBitsToFloat(rng.nextInt()); break;          // anything, NaN included
        default: x[i] = (float) (rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(-40, 5)));
      }
    }
    float[] specials = {0f, -0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, 88.72f, 88.73f, -87.3f, -103.9f, -104f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 0.625f, -0.625f, 9f};
    System.arraycopy(specials, 0, x, 0, specials.length);
    return x;
  }

  /** Largest distance in ulps from the correctly rounded double result; special values must match exactly. */
  static double worstUlps(UnaryOperator<FloatVector> f, DoubleUnaryOperator reference, float[] x) {
    float[] got = apply(f, x);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double exact = reference.applyAsDouble(x[i]);
      float expected = (float) exact;
      if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0f) {
        assertEquals(Float.floatToIntBits(expected) == Float.floatToIntBits(-0f) ? 0f : expected,
            got[i] == -0f ? 0f : got[i], "x = " + x[i]);
        continue;
      }
      double ulps = Math.abs(got[i] - exact) / Math.ulp(expected);
      if (ulps > worst) worst = ulps;
      if (ulps > 3) fail("x = " + x[i] + ": got " + got[i] + ", exact " + exact + ", " + ulps + " ulps");
    }
    return worst;
  }

  @Test void accuracyWithinTwoUlps() {
    float[] x = samples();
    float[] positive = new float[x.length];
    for (int i = 0; i < x.length; i++) positive[i] = Math.abs(x[i]);
    System.out.printf("VectorMath worst ulps: exp %.2f, log %.2f, sigmoid %.2f, tanh %.2f%n",
        worstUlps(VectorMath::exp, Math::exp, x),
        worstUlps(VectorMath::log, Math::log, positive),
        worstUlps(v -> VectorMath.sigmoidFromExp(v, VectorMath.exp(v.abs().neg())), ScalarMath::sigmoid, x),
        worstUlps(v -> VectorMath.tanhFromExp(v, VectorMath.exp(v.abs().add(v.abs()))), Math::tanh, x));
  }

  @Test void logOfNegativesAndSpecials() {
    float[] x = {-1f, -0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
    float[] y = apply(VectorMath::log, x);
    assertTrue(Float.isNaN(y[0]));
    assertEquals(Float.NEGATIVE_INFINITY, y[1]);
    assertEquals(Float.NEGATIVE_INFINITY, y[2]);
    assertTrue(Float.isNaN(y[3]));
    assertEquals(Float.POSITIVE_INFINITY, y[4]);
    assertTrue(Float.isNaN(y[5]));
    assertEquals((float) Math.log(Float.MIN_VALUE), y[6], Math.ulp((float) Math.log(Float.MIN_VALUE)));
  }
}
