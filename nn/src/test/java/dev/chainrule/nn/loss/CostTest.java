package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CostTest {
  final SplittableRandom rng = new SplittableRandom(8);

  Tensor rand(double lo, double hi, int... dims) { return Tensor.rand(rng, DType.F64, lo, hi, dims); }

  @Test void quadraticIsTheCourseFormula() {
    // C = 1/(2n) Σ_x ||y(x) - a||²  with n = 2:  (1² + 2²) and (0² + 3²)  ->  (5 + 9) / 4
    Tensor a = Tensor.of(new double[] {1, 2, 0, 3}, 2, 2), y = Tensor.zeros(DType.F64, 2, 2);
    assertEquals(3.5, new QuadraticCost().apply(a, y).item(), 1e-15);
  }

  @Test void quadraticGradientIsMeanOfPerExampleGradients() {
    // ∂C/∂a = (a - y)/m: the mean over the batch, so SGD's lr is the course's η
    Tensor a = rand(-1, 1, 4, 3).requiresGrad(true), y = rand(-1, 1, 4, 3);
    new QuadraticCost().apply(a, y).backward();
    double[] expected = a.detach().sub(y).div(4).toDoubleArray();
    assertArrayEquals(expected, a.grad().toDoubleArray(), 1e-15);
  }

  @Test void binaryCrossEntropyValue() {
    Tensor a = Tensor.of(new double[] {0.9, 0.2}, 2, 1), y = Tensor.of(new double[] {1, 0}, 2, 1);
    double expected = -(Math.log(0.9) + Math.log(0.8)) / 2;
    assertEquals(expected, new BinaryCrossEntropy().apply(a, y).item(), 1e-12);
  }

  @Test void binaryCrossEntropyOnSaturatedOutputsIsFinite() {
    Tensor a = Tensor.of(new float[] {1f, 0f}, 2, 1), y = Tensor.of(new float[] {0f, 1f}, 2, 1);
    double c = new BinaryCrossEntropy().apply(a, y).item();
    assertTrue(Double.isFinite(c) && c > 10, "cost " + c);
  }

  @Test void softmaxCrossEntropyIsMinusMeanLogLikelihood() {
    Tensor z = Tensor.of(new double[] {1, 2, 3, 0, 0, 0}, 2, 3);
    double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), lse1 = Math.log(3);
    double expected = ((lse0 - 3) + (lse1 - 0)) / 2;   // labels 2 and 0
    assertEquals(expected, new SoftmaxCrossEntropy().apply(z, new int[] {2, 0}).item(), 1e-12);
  }

  @Test void softmaxCrossEntropyIsStableForHugeLogits() {
    Tensor z = Tensor.of(new float[] {1000f, 0f, -1000f, 5000f}, 2, 2).requiresGrad(true);
    Tensor c = new SoftmaxCrossEntropy().apply(z, new int[] {1, 0});   // both confidently wrong
    c.backward();
    assertEquals((1000 + 6000) / 2.0, c.item(), 1e-3);   // -ln softmax = lse(z) - z_y: 1000 and 6000
    // ∂C/∂z = (softmax(z) - y)/m, with softmax rows exactly one-hot here
    assertArrayEquals(new double[] {0.5, -0.5, -0.5, 0.5}, z.grad().toDoubleArray(), 1e-6);
  }

  @Test void classIndicesAndOneHotGiveTheSameCost() {
    Tensor z = rand(-3, 3, 5, 4);
    int[] labels = {3, 0, 1, 1, 2};
    Tensor oneHot = Tensor.oneHot(DType.F64, labels, 4);
    Tensor asTensor = Cost.labels(DType.F64, labels);
    for (Cost cost : new Cost[] {new QuadraticCost(), new SoftmaxCrossEntropy(), new BinaryCrossEntropy()}) {
      Tensor a = cost instanceof BinaryCrossEntropy ? z.sigmoid() : z;
      double dense = cost.apply(a, oneHot).item();
      assertEquals(dense, cost.apply(a, labels).item(), 1e-15, cost.toString());
      assertEquals(dense, cost.apply(a, asTensor).item(), 1e-15, cost.toString());
    }
  }

  @Test void badTargetsAreReportedWithBothShapes() {
    Tensor z = Tensor.zeros(DType.F64, 3, 4);
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> new QuadraticCost().apply(z, Tensor.zeros(DType.F64, 3, 5)));
    assertTrue(shape.getMessage().contains("(got [3, 4] and [3, 5])"), shape.getMessage());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(z, new int[] {0, 4, 1}));
    assertTrue(range.getMessage().contains("class index 4 at position 1"), range.getMessage());
    IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(z, Tensor.of(new double[] {0, 1.5, 1}, 3)));
    assertTrue(fraction.getMessage().contains("not an integer"), fraction.getMessage());
    IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
        () -> new QuadraticCost().apply(z, Tensor.zeros(3, 4)));
    assertTrue(dtype.getMessage().contains("to(F64)"), dtype.getMessage());
  }

  @Test void gradientsOfEveryCost() {
    Tensor y = rand(0, 1, 4, 3);
    GradCheck.of("QuadraticCost", in -> new QuadraticCost().apply(in[0], in[1]))
        .check(rand(-2, 2, 4, 3), y).assertPassed();
    GradCheck.of("BinaryCrossEntropy", in -> new BinaryCrossEntropy().apply(in[0], in[1]))
        .check(rand(0.05, 0.95, 4, 3), y).assertPassed();
    GradCheck.of("BinaryCrossEntropy∘sigmoid", in -> new BinaryCrossEntropy().apply(in[0].sigmoid(), in[1]))
        .check(rand(-4, 4, 4, 3), y).assertPassed();
    GradCheck.of("SoftmaxCrossEntropy", in -> new SoftmaxCrossEntropy().apply(in[0], in[1]))
        .check(rand(-5, 5, 4, 3), y).assertPassed();
    Tensor labels = Cost.labels(DType.F64, 2, 0, 1, 1);
    GradCheck.of("SoftmaxCrossEntropy(indices)", in -> new SoftmaxCrossEntropy().apply(in[0], in[1]))
        .constant(1).check(rand(-5, 5, 4, 3), labels).assertPassed();
  }

  @Test void sigmoidWithCrossEntropyHasGradientAMinusY() {
    // Nielsen ch. 3: ∂C/∂z = (a - y)/m, no σ'(z) factor to slow learning down
    Tensor z = rand(-3, 3, 4, 1).requiresGrad(true), y = rand(0, 1, 4, 1);
    new BinaryCrossEntropy().apply(z.sigmoid(), y).backward();
    assertArrayEquals(z.detach().sigmoid().sub(y).div(4).toDoubleArray(), z.grad().toDoubleArray(), 1e-12);
  }

  /** A researcher's cost, written like the built-ins: C = (1/m) Σ_x Σ_j |a_j − y_j|. */
  static final class AbsoluteCost implements Cost {
    @Override public Tensor apply(Tensor output, Tensor target) {
      Tensor y = Cost.denseTarget("AbsoluteCost", output, target);
      return output.sub(y).abs().sum().div(output.dim(0));
    }
  }

  @Test void aCustomCostGetsTargetHandlingAndGradientsForFree() {
    Tensor a = Tensor.of(new double[] {0.5, 0.2, -1, 3}, 2, 2);
    assertEquals(((0.5 + 0.8) + (2 + 3)) / 2, new AbsoluteCost().apply(a, new int[] {1, 0}).item(), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AbsoluteCost().apply(a, new int[] {2, 0}));
    assertTrue(e.getMessage().startsWith("AbsoluteCost: class index 2"), e.getMessage());
    GradCheck.of("AbsoluteCost", in -> new AbsoluteCost().apply(in[0], in[1]))
        .check(Tensor.of(new double[] {0.5, 0.3, -1, 3}, 2, 2), Tensor.of(new double[] {0, 1, 1, 0}, 2, 2)).assertPassed();
  }
}
