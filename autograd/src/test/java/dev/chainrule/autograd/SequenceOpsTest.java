package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values and errors of gather, scatterAdd, embedding, maskedFill and layerNorm (gradients: SequenceOpProperties). */
class SequenceOpsTest {
  private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test void gatherPicksAlongTheAxisAsPyTorch() {
    // torch.gather(x, 1, [[2, 0], [1, 1]]) = [[3, 1], [5, 5]]
    Tensor y = X.gather(1, Tensor.ofLongs(new long[] {2, 0, 1, 1}, 2, 2));
    assertArrayEquals(new double[] {3, 1, 5, 5}, y.toDoubleArray());
    assertArrayEquals(new double[] {4, 2, 6}, X.gather(-2, Tensor.ofInts(new int[] {1, 0, 1}, 1, 3)).toDoubleArray());
  }

  @Test void scatterAddAccumulatesRepeatedTargets() {
    Tensor y = Tensor.zeros(DType.F64, 2, 3).scatterAdd(1, Tensor.ofLongs(new long[] {2, 2, 0, 1}, 2, 2),
        Tensor.of(new double[] {1, 10, 100, 1000}, 2, 2));
    assertArrayEquals(new double[] {0, 0, 11, 100, 1000, 0}, y.toDoubleArray());
  }

  @Test void gatherAndScatterAddAreEachOthersBackward() {
    Tensor x = X.detach().requiresGrad(true);
    Tensor index = Tensor.ofLongs(new long[] {2, 2, 0, 1}, 2, 2);
    x.gather(1, index).sum().backward();
    assertArrayEquals(new double[] {0, 0, 2, 1, 1, 0}, x.grad().toDoubleArray());
    Tensor src = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
    Tensor.zeros(DType.F64, 2, 3).scatterAdd(1, index, src).mul(X).sum().backward();
    assertArrayEquals(new double[] {3, 3, 4, 5}, src.grad().toDoubleArray());
  }

  @Test void embeddingGradientTouchesOnlyTheUsedRows() {
    Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2).requiresGrad(true);
    Tensor y = w.embedding(Tensor.ofLongs(new long[] {3, 0, 3}, 1, 3));
    assertArrayEquals(new int[] {1, 3, 2}, y.dims());
    assertArrayEquals(new double[] {7, 8, 1, 2, 7, 8}, y.toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[] {1, 1, 0, 0, 0, 0, 2, 2}, w.grad().toDoubleArray());
  }

  @Test void maskedFillBroadcastsTheMaskAndStopsTheGradient() {
    Tensor x = X.detach().requiresGrad(true);
    Tensor y = x.maskedFill(Tensor.of(new double[] {0, 1, 0}, 3), Double.NEGATIVE_INFINITY);
    assertArrayEquals(new double[] {1, Double.NEGATIVE_INFINITY, 3, 4, Double.NEGATIVE_INFINITY, 6}, y.toDoubleArray());
    y.softmax(1).sum().backward();
    for (double g : x.grad().toDoubleArray()) assertTrue(Double.isFinite(g), "gradient " + g);
  }

  @Test void layerNormNormalisesTheLastAxes() {
    Tensor y = X.layerNorm(1, null, null, 0.0);
    double s = Math.sqrt(2.0 / 3);
    assertArrayEquals(new double[] {-1 / s, 0, 1 / s, -1 / s, 0, 1 / s}, y.toDoubleArray(), 1e-12);
    Tensor all = X.layerNorm(2, Tensor.full(DType.F64, Shape.of(2, 3), 2.0), Tensor.ones(DType.F64, 2, 3), 0.0);
    assertEquals(6.0, all.sum().item(), 1e-12);
  }

  @Test void badIndicesNameTheOpThePositionTheValueAndTheRange() {
    var e = assertThrows(IndexOutOfBoundsException.class, () -> X.gather(1, Tensor.ofLongs(new long[] {0, 3}, 1, 2)));
    assertEquals("gather: index 3 at [0, 1] of the index [1, 2] is outside [0, 3) for axis 1 of shape [2, 3]", e.getMessage());
    e = assertThrows(IndexOutOfBoundsException.class, () -> X.embedding(Tensor.ofInts(new int[] {-1}, 1)));
    assertEquals("embedding: index -1 at [0] of the index [1] is outside [0, 2) for axis 0 of shape [2, 3]", e.getMessage());
    var f = assertThrows(IllegalArgumentException.class, () -> X.gather(0, Tensor.of(new double[] {0}, 1, 1)));
    assertEquals("gather: index is F64 [1, 1]; indices must be an integer tensor (I64 or I32): make one with"
        + " Tensor.ofLongs or Tensor.ofInts, or convert with index.to(DType.I64)", f.getMessage());
    var s = assertThrows(IllegalArgumentException.class, () -> X.gather(0, Tensor.ofLongs(new long[] {0, 0, 0, 0}, 1, 4)));
    assertEquals("gather: index of shape [1, 4] must have the rank of input [2, 3] and no larger a size on every axis but 0", s.getMessage());
    s = assertThrows(IllegalArgumentException.class, () -> X.scatterAdd(0, Tensor.ofLongs(new long[] {0}, 1, 1), X));
    assertTrue(s.getMessage().startsWith("scatterAdd: src has shape [2, 3] but index has shape [1, 1]"), s.getMessage());
    s = assertThrows(IllegalArgumentException.class, () -> X.layerNorm(1, Tensor.ones(DType.F64, 2), null, 1e-5));
    assertEquals("layerNorm: weight and bias must have the normalised shape [3], got [2]", s.getMessage());
  }
}
