package dev.chainrule.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Erf#erf} against glibc's erf (Python's math.erf, printed with repr), and its symmetry and limits. */
class ErfTest {
  /** x, erf(x) from {@code /usr/bin/python3 -c 'import math; print(repr(math.erf(x)))'}. */
  private static final double[][] GLIBC = {
      {0.0, 0.0},
      {1e-300, 1.1283791670955126e-300},
      {1e-10, 1.1283791670955126e-10},
      {1e-05, 1.1283791670579e-05},
      {0.1, 0.1124629160182849},
      {0.25, 0.2763263901682369},
      {0.4999, 0.5204119951613866},
      {0.5, 0.5204998778130465},
      {0.75, 0.7111556336535151},
      {0.84375, 0.7672256612323416},
      {1.0, 0.8427007929497149},
      {1.25, 0.9229001282564582},
      {1.5, 0.9661051464753108},
      {2.0, 0.9953222650189527},
      {2.5, 0.999593047982555},
      {2.999, 0.9999777698314002},
      {3.0, 0.9999779095030014},
      {3.001, 0.9999780483390822},
      {3.5, 0.9999992569016276},
      {4.0, 0.9999999845827421},
      {4.5, 0.9999999998033839},
      {5.0, 0.9999999999984626},
      {5.5, 0.9999999999999927},
      {5.9, 0.9999999999999999},
      {6.0, 1.0},
      {-0.3, -0.3286267594591274},
      {-1.7, -0.9837904585907745},
      {-3.2, -0.9999939742388483},
  };

  @Test void withinTwoUlpsOfGlibc() {
    for (double[] row : GLIBC) {
      double x = row[0], expected = row[1], actual = Erf.erf(x);
      double ulps = Math.abs(actual - expected) / Math.ulp(expected == 0 ? Double.MIN_VALUE : expected);
      assertTrue(ulps <= 2, "erf(" + x + ") = " + actual + ", glibc " + expected + ", " + ulps + " ulps apart");
    }
  }

  @Test void oddSaturatedAndNaN() {
    for (double x = -5.9; x < 6; x += 0.37) assertEquals(-Erf.erf(x), Erf.erf(-x), "erf is odd at " + x);
    assertEquals(1.0, Erf.erf(7.0));
    assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Erf.erf(-0.0)), "erf(-0) = -0");
  }

  @Test void monotoneAcrossTheSwitchBetweenExpansions() {
    double below = Math.nextDown(2.0), at = 2.0;
    assertTrue(Erf.erf(below) <= Erf.erf(at), "erf(" + below + ") = " + Erf.erf(below) + " > erf(2) = " + Erf.erf(at));
  }
}
