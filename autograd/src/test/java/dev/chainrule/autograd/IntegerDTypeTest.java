package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** I32 and I64 tensors: making, converting, printing, refusing arithmetic and gradients, and indexing with them. */
class IntegerDTypeTest {
  private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test void factoriesCopyTheValuesAndKeepTheirType() {
    int[] ints = {3, -1, 7, 0};
    Tensor a = Tensor.ofInts(ints, 2, 2);
    ints[0] = 99;   // a copy was taken
    assertEquals(DType.I32, a.dtype());
    assertArrayEquals(new int[] {3, -1, 7, 0}, a.toIntArray());
    long big = (1L << 62) + 1;   // not a double: must survive exactly
    Tensor b = Tensor.ofLongs(new long[] {big, -5}, 2);
    assertEquals(DType.I64, b.dtype());
    assertArrayEquals(new long[] {big, -5}, b.toLongArray());
    assertFalse(b.isFloatingPoint());
    assertTrue(X.isFloatingPoint());
    assertArrayEquals(new long[] {0, 1, 2, 3}, Tensor.arange(DType.I64, 4).toLongArray());
    assertArrayEquals(new long[] {7, 7}, Tensor.full(DType.I64, Shape.of(2), 7).toLongArray());
    assertEquals(5L, Tensor.scalar(5, DType.I32).toLongArray()[0]);
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(new long[] {1, 2, 3}, 2, 2));
    assertEquals("ofLongs: 3 values do not fill shape [2, 2] (4 elements)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.randn(new java.util.SplittableRandom(1), DType.I64, 0, 1, 2));
    assertEquals("randn: I64 is an integer type; draw F32 or F64 samples (and convert with to(I64) if whole numbers are"
        + " wanted)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.rand(new java.util.SplittableRandom(1), DType.I32, 0, 9, 2));
  }

  @Test void printingShowsWholeNumbersAndTheDtype() {
    assertEquals("tensor([[1, -2], [3, 4]], shape=[2, 2], I64)", Tensor.ofLongs(new long[] {1, -2, 3, 4}, 2, 2).toString());
    assertEquals("tensor(7, shape=[], I32)", Tensor.ofInts(new int[] {7}).toString());
  }

  @Test void conversionsTruncateTowardZeroAndRefuseWhatDoesNotFit() {
    Tensor f = Tensor.of(new double[] {-2.7, 2.7, 0.0, 3.0}, 4);
    assertArrayEquals(new long[] {-2, 2, 0, 3}, f.to(DType.I64).toLongArray());   // as torch's .long()
    assertArrayEquals(new int[] {-2, 2, 0, 3}, f.toIntArray());
    assertArrayEquals(new double[] {-2, 2, 0, 3}, f.to(DType.I32).to(DType.F64).toDoubleArray());
    assertArrayEquals(new float[] {1, -2}, Tensor.ofLongs(new long[] {1, -2}, 2).to(DType.F32).toFloatArray());
    assertArrayEquals(new int[] {4, -4}, Tensor.ofLongs(new long[] {4, -4}, 2).to(DType.I32).toIntArray());

    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, Double.NaN}, 2).to(DType.I64));
    assertEquals("to(I64): value NaN at flat position 1 has no I64 value (expected a finite number in"
        + " [-9223372036854775808, 9223372036854775807])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(new long[] {1L << 40}, 1).to(DType.I32));
    assertEquals("to(I32): value 1099511627776 at flat position 0 has no I32 value (expected a finite number in"
        + " [-2147483648, 2147483647])", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {0x1p63}, 1).to(DType.I64));
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {3e9f}, 1).toIntArray());
  }

  @Test void integerTensorsCannotRequireGrad() {
    Tensor labels = Tensor.ofLongs(new long[] {1, 0}, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> labels.requiresGrad(true));
    assertEquals("requiresGrad: tensor of shape [2] is I64; integer tensors hold labels and indices, which have no"
        + " gradient (only F32 and F64 tensors can require grad; convert with to(DType.F32) first if the values are data)",
        e.getMessage());
    assertFalse(labels.requiresGrad(false).requiresGrad());
  }

  @Test void castingToAnIntegerTypeLeavesTheGraph() {
    Tensor x = Tensor.of(new double[] {1.5, 2.5}, 2).requiresGrad(true);
    Tensor i = x.to(DType.I64);
    assertFalse(i.requiresGrad());
    assertTrue(i.isLeaf());
    assertNull(i.gradFnName());
    Tensor back = i.to(DType.F64);
    assertFalse(back.requiresGrad(), "int -> float is a constant: no gradient flows through an integer tensor");
    assertEquals(DType.F64, back.dtype());
  }

  @Test void forwardModeGivesAnIntegerResultNoTangent() {
    Tensor x = Tensor.of(new double[] {1.5, -2.5}, 2);
    var jvp = dev.chainrule.autograd.forward.ForwardMode.jvp(
        in -> in[0].mul(in[0].to(DType.I64).to(DType.F64)), new Tensor[] {x}, new Tensor[] {Tensor.ones(DType.F64, 2)});
    // d/dx (x · trunc(x)) with trunc a constant: trunc(x) = [1, -2]
    assertArrayEquals(new double[] {1, -2}, jvp.tangent().toDoubleArray());
  }

  @Test void arithmeticOnIntegersNamesTheOpAndSaysToConvert() {
    Tensor a = Tensor.ofLongs(new long[] {1, 2}, 2);
    String tail = ": I64 tensors hold indices and labels only (no arithmetic, no gradient); convert first with"
        + " to(DType.F32) or to(DType.F64)";
    assertEquals("add" + tail, message(() -> a.add(a)));
    assertEquals("mul" + tail, message(() -> a.mul(2.0)));
    assertEquals("exp" + tail, message(() -> a.exp()));
    assertEquals("sum" + tail, message(() -> a.sum()));
    assertEquals("matmul" + tail.replace("I64", "I32"),
        message(() -> Tensor.ofInts(new int[] {1, 2, 3, 4}, 2, 2).matmul(Tensor.ofInts(new int[] {1, 2, 3, 4}, 2, 2))));
    assertEquals("add: dtypes differ, F64 [2, 3] and I64 [2]; convert one with to(DType)", message(() -> X.add(a)));
  }

  private static String message(Supplier<Tensor> op) {
    return assertThrows(IllegalArgumentException.class, op::get).getMessage();
  }

  @Test void shapeOperationsMoveIntegersExactly() {
    long big = (1L << 60) + 3;
    Tensor t = Tensor.ofLongs(new long[] {big, 1, 2, 3, 4, 5}, 2, 3);
    assertArrayEquals(new long[] {big, 3, 1, 4, 2, 5}, t.transpose(0, 1).toLongArray());
    assertArrayEquals(new long[] {big, 1, 2}, t.reshape(6).slice(0, 0, 3).toLongArray());
    assertArrayEquals(new long[] {3, 4, 5, big, 1, 2}, t.indexSelect(new int[] {1, 0}).toLongArray());
    assertArrayEquals(new long[] {big, 1, 2, 3, 4, 5, big, 1, 2}, Tensor.concat(0, t, t.slice(0, 0, 1)).toLongArray());
    assertArrayEquals(new long[] {big, big, 3, 3}, t.slice(1, 0, 1).expand(2, 2).toLongArray());
    assertArrayEquals(new long[] {big, 2, 3, 5}, t.gather(1, Tensor.ofInts(new int[] {0, 2, 0, 2}, 2, 2)).toLongArray());
  }

  @Test void gatherWithI32AndI64IndicesAgreeBitForBitWithGradients() {
    double[][] grads = new double[3][];
    Tensor[] indices = {
        Tensor.ofLongs(new long[] {2, 2, 0, 1}, 2, 2),
        Tensor.ofInts(new int[] {2, 2, 0, 1}, 2, 2),
        Tensor.of(new double[] {2, 2, 0, 1}, 2, 2).to(DType.I64)};   // float labels converted once
    for (int k = 0; k < indices.length; k++) {
      Tensor x = X.detach().requiresGrad(true);
      Tensor y = x.gather(1, indices[k]);
      assertArrayEquals(new double[] {3, 3, 4, 5}, y.toDoubleArray());
      y.mul(y).sum().backward();
      grads[k] = x.grad().toDoubleArray();
    }
    assertArrayEquals(new double[] {0, 0, 12, 8, 10, 0}, grads[0]);
    assertArrayEquals(grads[0], grads[1]);
    assertArrayEquals(grads[0], grads[2]);
  }

  @Test void indexSelectTakesAnIntegerTensorOnAnyAxis() {
    Tensor index = Tensor.ofLongs(new long[] {2, 0, -1}, 3);
    assertArrayEquals(X.indexSelect(1, new int[] {2, 0, -1}).toDoubleArray(), X.indexSelect(1, index).toDoubleArray());
    assertArrayEquals(new double[] {4, 5, 6}, X.indexSelect(0, Tensor.ofInts(new int[] {1})).toDoubleArray());
    var e = assertThrows(IndexOutOfBoundsException.class, () -> X.indexSelect(-1, Tensor.ofLongs(new long[] {0, 3}, 2)));
    assertEquals("indexSelect: index 3 at [1] of the index [2] is outside [-3, 3) for axis 1 of shape [2, 3]", e.getMessage());
    var f = assertThrows(IllegalArgumentException.class, () -> X.indexSelect(0, Tensor.of(new double[] {0}, 1)));
    assertTrue(f.getMessage().startsWith("indexSelect: index is F64 [1]; indices must be an integer tensor"), f.getMessage());
    var g = assertThrows(IllegalArgumentException.class, () -> X.indexSelect(0, Tensor.ofLongs(new long[] {0, 1}, 1, 2)));
    assertEquals("indexSelect: index must be rank 0 or 1, got shape [1, 2]", g.getMessage());
  }

  @Test void takeReadsTheTensorAsFlatAndSendsTheGradientBack() {
    Tensor x = X.detach().requiresGrad(true);
    Tensor y = x.take(Tensor.ofLongs(new long[] {5, 0, -1, 2}, 2, 2));   // torch.take: shaped like the index
    assertArrayEquals(new int[] {2, 2}, y.dims());
    assertArrayEquals(new double[] {6, 1, 6, 3}, y.toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[] {1, 0, 1, 0, 0, 2}, x.grad().toDoubleArray());
    var e = assertThrows(IndexOutOfBoundsException.class, () -> X.take(Tensor.ofInts(new int[] {6}, 1)));
    assertEquals("take: index 6 at [0] of the index [1] is outside [-6, 6) for axis 0 of shape [6]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> X.take(Tensor.of(new double[] {0}, 1)));
  }

  @Test void anIntegerMaskFillsAsTheFloatMaskDoes() {
    Tensor byInts = X.maskedFill(Tensor.ofLongs(new long[] {0, 1, 0}, 3), -7);
    Tensor byFloats = X.maskedFill(Tensor.of(new double[] {0, 1, 0}, 3), -7);
    assertArrayEquals(byFloats.toDoubleArray(), byInts.toDoubleArray());
    assertArrayEquals(new double[] {1, -7, 3, 4, -7, 6}, byInts.toDoubleArray());
  }

  @Test void sortAndTopkReturnI64Positions() {
    Sorted s = X.sort(1, true);
    assertEquals(DType.I64, s.indices().dtype());
    assertArrayEquals(new long[] {2, 1, 0, 2, 1, 0}, s.indices().toLongArray());
    Sorted top = X.topk(1, 0, true);
    assertEquals(DType.I64, top.indices().dtype());
    assertArrayEquals(new long[] {1, 1, 1}, top.indices().toLongArray());
    // The positions index straight back into the input, as in PyTorch.
    assertArrayEquals(s.values().toDoubleArray(), X.gather(1, s.indices()).toDoubleArray());
  }

  @Test void storageWritesLittleEndianTwosComplement() {
    assertArrayEquals(new byte[] {-2, -1, -1, -1, 1, 0, 0, 0}, Tensor.ofInts(new int[] {-2, 1}, 2).toLittleEndianBytes());
    assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, -128}, Tensor.ofLongs(new long[] {Long.MIN_VALUE + 1}, 1).toLittleEndianBytes());
    assertEquals(DType.I32, Storage.wrap(new int[2]).dtype());
    assertEquals(DType.I64, Storage.wrap(new long[2]).dtype());
    assertEquals(-3L, Storage.wrap(new long[] {-3}).rawBits(0));
  }
}
