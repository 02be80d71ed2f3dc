package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;
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

  @Test void fansFollowPyTorchForAnyWeightShape() {
    // torch.nn.init._calculate_fan_in_and_fan_out on these shapes, PyTorch 1.13
    assertEquals(new Init.Fans(75, 400), Init.Fans.of(Shape.of(16, 3, 5, 5)));   // conv2d [out, in, kh, kw]
    assertEquals(new Init.Fans(4, 8), Init.Fans.of(Shape.of(8, 4)));
    assertEquals(new Init.Fans(6, 18), Init.Fans.of(Shape.of(6, 2, 3)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.Fans.of(Shape.of(5)));
    assertTrue(e.getMessage().contains("rank >= 2") && e.getMessage().contains("new Init.Fans(in, out)"), e.getMessage());
  }

  @Test void gainsArePyTorchs() {
    // torch.nn.init.calculate_gain, PyTorch 1.13, printed with repr
    assertEquals(1.6666666666666667, Init.gain("tanh"));
    assertEquals(1.4142135623730951, Init.gain("relu"));
    assertEquals(1.4141428569978354, Init.gain("leaky_relu"));
    assertEquals(0.75, Init.gain("selu"));
    assertEquals(1.0, Init.gain("sigmoid"));
    assertThrows(IllegalArgumentException.class, () -> Init.gain("swish"));
  }

  @Test void convWeightsHaveTheVarianceOfTheirFans() {
    Shape conv = Shape.of(64, 16, 3, 3);   // fan_in 144, fan_out 576
    SplittableRandom rng = new SplittableRandom(3);
    double g = Init.gain("relu");
    Tensor kn = Init.kaimingNormal(g, Init.FanMode.FAN_IN).weight(rng, DType.F64, conv);
    assertArrayEquals(conv.dims(), kn.dims());
    assertEquals(g / Math.sqrt(144), std(kn), 0.002);
    Tensor ku = Init.kaimingUniform(g, Init.FanMode.FAN_OUT).weight(rng, DType.F64, conv);
    double bound = Math.sqrt(3.0) * g / Math.sqrt(576);
    assertEquals(bound / Math.sqrt(3), std(ku), 0.001);                 // U(-a, a) has std a/√3
    for (double v : ku.toDoubleArray()) assertTrue(Math.abs(v) <= bound, v + " outside ±" + bound);
    Tensor xu = Init.xavierUniform(1.0).weight(rng, DType.F64, conv);
    assertEquals(Math.sqrt(6.0 / (144 + 576)) / Math.sqrt(3), std(xu), 0.001);
    assertEquals(Init.gain("tanh") * Math.sqrt(2.0 / (144 + 576)), std(Init.xavierNormal(Init.gain("tanh")).weight(rng, DType.F64, conv)), 0.002);
    // declared fans win over the shape's (a layer with another layout)
    assertEquals(1 / Math.sqrt(10), std(Init.kaimingNormal(1.0, Init.FanMode.FAN_IN).weight(rng, DType.F64, new Init.Fans(10, 1), conv)), 0.002);
  }

  @Test void theShapeFormOfAMatrixIsTheMatrixForm() {
    for (Init init : new Init[] {Init.gaussian(), Init.scaledGaussian(), Init.xavier(), Init.he(), Init.xavierUniform(1.0)}) {
      Tensor byFans = init.weight(new SplittableRandom(5), DType.F32, 7, 3);
      Tensor byShape = init.weight(new SplittableRandom(5), DType.F32, Shape.of(3, 7));
      assertArrayEquals(byFans.toFloatArray(), byShape.toFloatArray(), init.toString());
    }
  }

  @Test void aUserInitWithOnlyTheMatrixMethodsRefusesOtherShapesByName() {
    Init ones = new Init() {
      public Tensor weight(RandomGenerator rng, DType dtype, int fanIn, int fanOut) { return Tensor.ones(dtype, fanOut, fanIn); }
      public Tensor bias(RandomGenerator rng, DType dtype, int fanIn, int fanOut) { return Tensor.zeros(dtype, fanOut); }
      @Override public String toString() { return "ones"; }
    };
    assertArrayEquals(new int[] {2, 3}, ones.weight(new SplittableRandom(1), DType.F32, Shape.of(2, 3)).dims());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> ones.weight(new SplittableRandom(1), DType.F32, Shape.of(2, 3, 3)));
    assertTrue(e.getMessage().startsWith("ones makes only [fanOut, fanIn] matrices, not [2, 3, 3]"), e.getMessage());
  }
}
