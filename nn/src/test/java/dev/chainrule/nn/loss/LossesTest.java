package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The PyTorch-style losses: values by hand, relations to the course's costs, and their errors. */
class LossesTest {
  final SplittableRandom rng = new SplittableRandom(20);

  Tensor rand(double lo, double hi, int... dims) { return Tensor.rand(rng, DType.F64, lo, hi, dims); }

  @Test void mseIsTheMeanOverAllElementsAndTwiceTheCourseCostOverK() {
    Tensor a = Tensor.of(new double[] {1, 2, 0, 3}, 2, 2), y = Tensor.zeros(DType.F64, 2, 2);
    assertEquals((1 + 4 + 0 + 9) / 4.0, new MSELoss().apply(a, y).item(), 1e-15);
    assertEquals(14.0, new MSELoss(Reduction.SUM).apply(a, y).item(), 1e-15);
    assertArrayEquals(new double[] {1, 4, 0, 9}, new MSELoss(Reduction.NONE).apply(a, y).toDoubleArray());
    // QuadraticCost = ½Σ/m: for k = 2 outputs, MSELoss = QuadraticCost · 2/k = QuadraticCost
    Tensor b = rand(-1, 1, 5, 3), t = rand(-1, 1, 5, 3);
    assertEquals(new QuadraticCost().apply(b, t).item() * 2 / 3, new MSELoss().apply(b, t).item(), 1e-14);
  }

  @Test void l1AndHuberByHand() {
    Tensor a = Tensor.of(new double[] {0.5, -3, 2}, 3), y = Tensor.zeros(DType.F64, 3);
    assertEquals((0.5 + 3 + 2) / 3, new L1Loss().apply(a, y).item(), 1e-15);
    // δ = 1: ½·0.25 inside; 1·(3 − ½) and 1·(2 − ½) outside
    assertArrayEquals(new double[] {0.125, 2.5, 1.5}, new HuberLoss(1.0, Reduction.NONE).apply(a, y).toDoubleArray(), 1e-15);
  }

  @Test void bceWithLogitsIsStableAndHasTheRightGradientWhereTheClampedOneHasNone() {
    Tensor z = Tensor.of(new float[] {100f, -100f, 0f}, 3, 1).requiresGrad(true);
    Tensor y = Tensor.of(new float[] {0f, 0f, 1f}, 3, 1);
    Tensor c = new BCEWithLogitsLoss(Reduction.SUM).apply(z, y);
    c.backward();
    assertEquals(100 + 0 + Math.log(2), c.item(), 1e-4);           // softplus(100) − 0, softplus(−100), ln 2 − 0
    assertArrayEquals(new float[] {1f, 0f, -0.5f}, z.grad().toFloatArray(), 1e-6f);   // σ(z) − y
    Tensor p = z.detach().sigmoid().requiresGrad(true);
    new BinaryCrossEntropy().apply(p, y).backward();
    assertEquals(0.0, p.grad().getRaw(0), "the clamped BCE gives no gradient to a saturated wrong output");
  }

  @Test void crossEntropyMatchesTheCourseSoftmaxCrossEntropyOnBatches() {
    Tensor z = rand(-3, 3, 5, 4);
    int[] labels = {3, 0, 1, 1, 2};
    double course = new SoftmaxCrossEntropy().apply(z, labels).item();
    assertEquals(course, new CrossEntropyLoss().apply(z, labels).item(), 1e-14);
    assertEquals(course, new CrossEntropyLoss().apply(z, Cost.labels(DType.F64, labels)).item(), 1e-14);
    assertEquals(course, new CrossEntropyLoss().apply(z, Tensor.oneHot(DType.F64, labels, 4)).item(), 1e-14);
    assertEquals(course, new NLLLoss().apply(z.logSoftmax(-1), labels).item(), 1e-14);
  }

  @Test void crossEntropyOverSequencesIgnoresPadding() {
    Tensor z = rand(-2, 2, 2, 3, 5);   // [batch, time, classes]
    int[] tokens = {1, 4, 0, 2, 0, 0};
    CrossEntropyLoss loss = new CrossEntropyLoss().ignoreIndex(0);
    double[] perToken = loss.reduction(Reduction.NONE).apply(z, tokens).toDoubleArray();
    assertEquals(0.0, perToken[2], 0.0);
    assertEquals(0.0, perToken[4], 0.0);
    double kept = perToken[0] + perToken[1] + perToken[3];
    assertEquals(kept / 3, loss.apply(z, tokens).item(), 1e-14);
    // one [time] sequence at a time gives the same per-token losses
    Tensor first = z.slice(0, 0, 1).reshape(3, 5);
    assertArrayEquals(java.util.Arrays.copyOf(perToken, 3),
        loss.reduction(Reduction.NONE).apply(first, new int[] {1, 4, 0}).toDoubleArray(), 1e-14);
  }

  @Test void labelSmoothingByHand() {
    Tensor z = Tensor.of(new double[] {1, 2, 3}, 1, 3);
    double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    double[] logP = {1 - lse, 2 - lse, 3 - lse};
    double expected = -(0.8 * logP[0] + 0.2 / 3 * (logP[0] + logP[1] + logP[2]));
    assertEquals(expected, new CrossEntropyLoss().labelSmoothing(0.2).apply(z, new int[] {0}).item(), 1e-14);
  }

  @Test void badClassIndicesNameTheLossThePositionAndTheRange() {
    Tensor z = Tensor.zeros(DType.F64, 2, 3, 4);
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().apply(z, Tensor.of(new double[] {0, 1, 2, 3, 4, 1}, 2, 3)));
    assertTrue(range.getMessage().startsWith("CrossEntropyLoss: class index 4 at [1, 1] of the target is outside [0, 4)"),
        range.getMessage());
    IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
        () -> new NLLLoss().apply(z, Tensor.of(new double[] {0, 1, 2.5, 3, 0, 1}, 2, 3)));
    assertTrue(fraction.getMessage().startsWith("NLLLoss: class index 2.5 at [0, 2] of the target is not an integer"),
        fraction.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().apply(z, new int[] {0, 1}));
    assertTrue(count.getMessage().contains("2 class indices for output [2, 3, 4] with class axis 2; expected 6"), count.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().classAxis(1).apply(z, Tensor.zeros(DType.F64, 2, 3)));
    assertTrue(shape.getMessage().contains("class indices of shape [2, 4]"), shape.getMessage());
    IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
        () -> new NLLLoss().apply(z, Tensor.zeros(DType.F64, 2, 3, 4)));
    assertTrue(dense.getMessage().contains("use CrossEntropyLoss"), dense.getMessage());
  }

  @Test void elementwiseTargetsMustMatchTheOutput() {
    Tensor a = Tensor.zeros(DType.F64, 4, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MSELoss().apply(a, Tensor.zeros(DType.F64, 4)));
    assertEquals("MSELoss: target must have the output's shape (got [4, 1] and [4]); reshape the target with target.reshape(4, 1)",
        e.getMessage());
    IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
        () -> new HuberLoss().apply(a, Tensor.zeros(DType.F32, 4, 1)));
    assertTrue(dtype.getMessage().contains("convert the target with target.to(F64)"), dtype.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().labelSmoothing(1.5));
    assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0.0, Reduction.MEAN));
  }

  @Test void toStringShowsTheSettings() {
    assertEquals("CrossEntropyLoss(classAxis=1, reduction=sum, ignoreIndex=-100, labelSmoothing=0.1)",
        new CrossEntropyLoss().classAxis(1).reduction(Reduction.SUM).labelSmoothing(0.1).toString());
    assertEquals("HuberLoss(delta=1.0, reduction=mean)", new HuberLoss().toString());
  }
}
