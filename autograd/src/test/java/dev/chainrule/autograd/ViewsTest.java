package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Views (issue 19): what they read, that they share storage and one version counter with their base. */
class ViewsTest {
  /** [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] */
  private static Tensor base() {
    return Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4);
  }

  @Test void viewsReadTheRightElementsInRowMajorOrder() {
    Tensor x = base();
    Tensor t = x.t();
    assertFalse(t.isContiguous());
    assertArrayEquals(new double[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, t.toDoubleArray());
    assertEquals(9.0, t.get(1, 2));
    Tensor s = x.slice(1, 1, 4, 2);                         // columns 1 and 3
    assertArrayEquals(new double[] {1, 3, 5, 7, 9, 11}, s.toDoubleArray());
    assertEquals("tensor([[1.0, 3.0], [5.0, 7.0], [9.0, 11.0]], shape=[3, 2], F64)", s.toString());
    Tensor e = Tensor.of(new double[] {1, 2, 3}, 3, 1).expand(3, 2);
    assertArrayEquals(new double[] {1, 1, 2, 2, 3, 3}, e.toDoubleArray());
    assertArrayEquals(new int[] {1, 0}, e.strides());
    Tensor rows = x.slice(0, 1, 3);                          // contiguous rows at an offset
    assertEquals(4, rows.offset());
    assertArrayEquals(new double[] {4, 5, 6, 7, 8, 9, 10, 11}, rows.reshape(8).toDoubleArray());
    assertArrayEquals(new double[] {5, 9}, rows.t().slice(0, 1, 2).squeeze(0).toDoubleArray());
    assertArrayEquals(t.toDoubleArray(), Tensor.of(t.toDoubleArray(), 4, 3).toDoubleArray());
    assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, t.toFloatArray());
    assertArrayEquals(t.toDoubleArray(), (double[]) t.toArray());          // what checkpoints write
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(t.toLittleEndianBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertEquals(4.0, bytes.getDouble(8));                                   // safetensors' and ONNX's layout
  }

  @Test void viewsShareStorageAndReshapeCopiesOnlyWhenItMust() {
    Tensor x = base();
    assertSame(x.sharedStorage(), x.t().sharedStorage());
    assertSame(x.sharedStorage(), x.slice(0, 1, 2).reshape(4).sharedStorage());
    assertSame(x.sharedStorage(), x.unsqueeze(0).t().unsqueeze(2).sharedStorage());
    Tensor flat = x.t().reshape(12);                        // no strides can show a transpose flat
    assertNotSame(x.sharedStorage(), flat.sharedStorage());
    assertArrayEquals(x.t().toDoubleArray(), flat.toDoubleArray());
    assertTrue(x.t().t().isContiguous());
  }

  @Test void inPlaceWriteThroughAViewIsSeenByTheBaseAndBumpsTheSharedVersion() {
    Tensor x = base();
    Tensor column = x.slice(1, 2, 3);
    int before = x.version();
    column.addInPlace(100);
    assertEquals(before + 1, x.version());
    assertEquals(x.version(), column.version());
    assertArrayEquals(new double[] {0, 1, 102, 3, 4, 5, 106, 7, 8, 9, 110, 11}, x.toDoubleArray());
    x.t().slice(0, 0, 1).fillInPlace(-1);                   // column 0 through a transposed view
    assertArrayEquals(new double[] {-1, 1, 102, 3, -1, 5, 106, 7, -1, 9, 110, 11}, x.toDoubleArray());
    x.slice(0, 0, 3, 2).copyInPlace(Tensor.zeros(DType.F64, 2, 4));
    assertArrayEquals(new double[] {0, 0, 0, 0, -1, 5, 106, 7, 0, 0, 0, 0}, x.toDoubleArray());
    x.t().mulInPlace(Tensor.full(DType.F64, Shape.of(4, 3), 2.0));
    assertArrayEquals(new double[] {0, 0, 0, 0, -2, 10, 212, 14, 0, 0, 0, 0}, x.toDoubleArray());
  }

  @Test void aViewReadAfterAWriteToItsBaseSeesTheNewValues() {
    Tensor x = base();
    Tensor t = x.t();
    assertEquals(4.0, t.storage().get(1));                 // makes (and keeps) the row-major copy
    x.addInPlace(1);
    assertEquals(5.0, t.storage().get(1));
  }

  @Test void inPlaceWriteIntoABroadcastViewIsRefused() {
    Tensor e = Tensor.of(new double[] {1, 2}, 2, 1).expand(2, 3);
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> e.addInPlace(1.0));
    assertTrue(error.getMessage().contains("expanded view"), error.getMessage());
  }

  @Test void savedTensorCheckFiresAcrossViewAndBase() {
    Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 4, 3).requiresGrad(true);
    Tensor x = base();
    Tensor y = w.mul(x.t());                                // Mul saves the transposed view of x
    x.addInPlace(1);                                        // written through the base
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> y.sum().backward());
    assertTrue(error.getMessage().contains("modified in place"), error.getMessage());

    Tensor x2 = base();
    Tensor z = w.mul(x2.t());                               // saves a view; written through another view below
    x2.slice(0, 0, 1).mulInPlace(3);
    assertThrows(IllegalStateException.class, () -> z.sum().backward());

    Tensor x3 = base();
    Tensor copy = w.mul(x3.t().contiguous());               // a copy: writes to x3 leave it valid
    x3.addInPlace(1);
    copy.sum().backward();
    assertNotNull(w.grad());
  }

  @Test void gradientsFlowThroughViews() {
    Tensor x = base().requiresGrad(true);
    Tensor y = x.t().slice(0, 1, 4, 2).mul(Tensor.of(new double[] {1, 2, 3}, 3)).sum();
    y.backward();                                           // picks columns 1 and 3, weighted by row
    assertArrayEquals(new double[] {0, 1, 0, 1, 0, 2, 0, 2, 0, 3, 0, 3}, x.grad().toDoubleArray());
  }
}
