package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.train.Metrics;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Class labels as I64 and I32 tensors give the costs, gradients and metrics that the same labels
 * as whole numbers in a float tensor (the older path, kept) and as an {@code int[]} give, bit for bit.
 */
class IntegerLabelsTest {
  /** The loss and the logits' gradient, as raw bits. */
  private record Result(long loss, long[] grad) {}

  private static Result run(BiFunction<Tensor, Tensor, Tensor> cost, Tensor logits, Tensor target) {
    Tensor z = logits.detach().requiresGrad(true);
    Tensor c = cost.apply(z, target);
    c.backward();
    double[] g = z.grad().toDoubleArray();
    long[] bits = new long[g.length];
    for (int i = 0; i < g.length; i++) bits[i] = Double.doubleToRawLongBits(g[i]);
    return new Result(Double.doubleToRawLongBits(c.item()), bits);
  }

  /** The same labels four ways: F32 and F64 whole numbers, I64 and I32. */
  private static Tensor[] labelsFourWays(long[] labels, int... dims) {
    double[] asDoubles = new double[labels.length];
    int[] asInts = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      asDoubles[i] = labels[i];
      asInts[i] = (int) labels[i];
    }
    return new Tensor[] {
        Tensor.of(DType.F32, asDoubles, dims), Tensor.of(asDoubles, dims),
        Tensor.ofLongs(labels, dims), Tensor.ofInts(asInts, dims)};
  }

  private static void sameForEveryLabelDtype(String what, BiFunction<Tensor, Tensor, Tensor> cost, Tensor logits,
                                             long[] labels, int... dims) {
    Tensor[] ways = labelsFourWays(labels, dims);
    Result floats = run(cost, logits, ways[0]);
    for (int k = 1; k < ways.length; k++) {
      Result other = run(cost, logits, ways[k]);
      assertEquals(floats.loss(), other.loss(), what + ": loss with " + ways[k].dtype() + " labels");
      assertArrayEquals(floats.grad(), other.grad(), what + ": gradient with " + ways[k].dtype() + " labels");
    }
  }

  @Property(tries = 40)
  void classIndexCostsAgreeBitForBitWhateverTheLabelDtype(@ForAll @IntRange(min = 1, max = 6) int batch,
                                                          @ForAll @IntRange(min = 2, max = 7) int classes,
                                                          @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      Tensor logits = Tensor.randn(r, dtype, 0, 3, batch, classes);
      long[] labels = new long[batch];
      for (int i = 0; i < batch; i++) labels[i] = r.nextInt(classes);
      sameForEveryLabelDtype("CrossEntropyLoss", (z, y) -> new CrossEntropyLoss().apply(z, y), logits, labels, batch);
      sameForEveryLabelDtype("CrossEntropyLoss smoothing", (z, y) -> new CrossEntropyLoss().labelSmoothing(0.1)
          .reduction(Reduction.SUM).apply(z, y), logits, labels, batch);
      sameForEveryLabelDtype("NLLLoss", (z, y) -> new NLLLoss().apply(z.logSoftmax(1), y), logits, labels, batch);
      sameForEveryLabelDtype("SoftmaxCrossEntropy", (z, y) -> new SoftmaxCrossEntropy().apply(z, y), logits, labels, batch);
      sameForEveryLabelDtype("QuadraticCost", (z, y) -> new QuadraticCost().apply(z.sigmoid(), y), logits, labels, batch);

      // int[] labels, the third way in: the same again.
      int[] ints = new int[batch];
      for (int i = 0; i < batch; i++) ints[i] = (int) labels[i];
      Result fromArray = run((z, y) -> new CrossEntropyLoss().apply(z, ints), logits, null);
      Result fromI64 = run((z, y) -> new CrossEntropyLoss().apply(z, y), logits, Tensor.ofLongs(labels, batch));
      assertEquals(fromArray.loss(), fromI64.loss());
      assertArrayEquals(fromArray.grad(), fromI64.grad());

      int[] hits = new int[4];
      Tensor[] ways = labelsFourWays(labels, batch);
      for (int k = 0; k < ways.length; k++) hits[k] = Metrics.correct(logits, ways[k]);
      for (int k = 1; k < ways.length; k++) assertEquals(hits[0], hits[k], "accuracy with " + ways[k].dtype() + " labels");
    }
  }

  @Test
  void sequenceTargetsWithIgnoredPositionsAgreeToo() {
    Tensor logits = Tensor.randn(new SplittableRandom(3), DType.F32, 0, 2, 2, 5, 3);   // PyTorch layout [b, k, t]
    long[] labels = {1, -100, 4, 0, 3, -100};
    sameForEveryLabelDtype("CrossEntropyLoss classAxis 1", (z, y) -> new CrossEntropyLoss().classAxis(1)
        .labelSmoothing(0.2).apply(z, y), logits, labels, 2, 3);
    sameForEveryLabelDtype("NLLLoss classAxis 1", (z, y) -> new NLLLoss().classAxis(1).ignoreIndex(3)
        .apply(z.logSoftmax(1), y), logits, new long[] {1, 3, 4, 0, 3, 2}, 2, 3);
  }

  @Test
  void badIntegerLabelsNameThePositionAndTheRange() {
    Tensor logits = Tensor.zeros(DType.F32, 2, 3);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().apply(logits, Tensor.ofLongs(new long[] {0, 3}, 2)));
    assertEquals("CrossEntropyLoss: class index 3 at [1] of the target is outside [0, 3) (3 classes along axis 1 of output"
        + " [2, 3]; ignore_index is -100)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new NLLLoss().apply(logits, Tensor.ofLongs(new long[] {0, 1L << 40}, 2)));
    assertEquals("NLLLoss: class index 1099511627776 at [1] of the target is outside [0, 3) (3 classes along axis 1"
        + " of output [2, 3])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().apply(logits, Tensor.of(new float[] {0, 1.5f}, 2)));
    assertTrue(e.getMessage().endsWith("best held in an I64 tensor (Tensor.ofLongs, or target.to(DType.I64))"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new MSELoss().apply(logits, Tensor.ofLongs(new long[] {0, 1, 2, 0, 1, 2}, 2, 3)));
    assertEquals("MSELoss: output is F32 but target is I64; convert the target with target.to(F32)", e.getMessage());
  }
}
