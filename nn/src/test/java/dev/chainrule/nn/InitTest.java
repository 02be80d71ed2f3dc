package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitTest {

  static double std(Tensor t) {
    double[] v = t.toDoubleArray();
    double mean = 0, sq = 0;
    for (double x : v) mean += x;
    mean /= v.length;
    for (double x : v) sq += (x - mean) * (x - mean);
    return Math.sqrt(sq / v.length);
  }

  @Test void standardDeviationsFollowTheFans() {
    int in = 400, out = 100;
    SplittableRandom rng = new SplittableRandom(1);
    assertEquals(1.0, std(Init.gaussian().weight(rng, DType.F64, in, out)), 0.02);
    assertEquals(1 / Math.sqrt(in), std(Init.scaledGaussian().weight(rng, DType.F64, in, out)), 0.002);
    assertEquals(Math.sqrt(2.0 / (in + out)), std(Init.xavier().weight(rng, DType.F64, in, out)), 0.002);
    assertEquals(Math.sqrt(2.0 / in), std(Init.he().weight(rng, DType.F64, in, out)), 0.002);
    assertEquals(1.0, std(Init.gaussian().bias(rng, DType.F64, in, 10_000)), 0.03);
    assertEquals(0.0, std(Init.he().bias(rng, DType.F64, in, out)));
    assertEquals(0.0, std(Init.xavier().bias(rng, DType.F64, in, out)));
  }

  @Test void shapesAreThoseOfPyTorchLinear() {
    Dense d = new Dense(5, 3, Init.he(), new SplittableRandom(1));
    assertArrayEquals(new int[] {3, 5}, d.weight().dims());
    assertArrayEquals(new int[] {3}, d.bias().dims());
    assertEquals(DType.F32, d.weight().dtype());
  }

  @Test void sameSeedSameNetworkDifferentSeedDifferentNetwork() {
    Dense a = new Dense(4, 3, Init.gaussian(), new SplittableRandom(42));
    Dense b = new Dense(4, 3, Init.gaussian(), new SplittableRandom(42));
    Dense c = new Dense(4, 3, Init.gaussian(), new SplittableRandom(43));
    assertArrayEquals(a.weight().toDoubleArray(), b.weight().toDoubleArray());
    assertArrayEquals(a.bias().toDoubleArray(), b.bias().toDoubleArray());
    assertFalse(java.util.Arrays.equals(a.weight().toDoubleArray(), c.weight().toDoubleArray()));
  }

  @Test void namesPrint() {
    assertEquals("gaussian", Init.gaussian().toString());
    assertEquals("he", Init.he().toString());
  }
}
