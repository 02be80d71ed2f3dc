package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The dtype-neutral ways in and out of a tensor's values, which Storage alone dispatches. */
class DTypeNeutralValuesTest {
  private static final double[] VALUES = {0.1, -0.0, 1e300, Double.NaN};

  @Test
  void ofRoundsToTheDtypeOnce() {
    Tensor f = Tensor.of(DType.F32, VALUES, 2, 2);
    assertEquals(DType.F32, f.dtype());
    assertArrayEquals(new float[] {0.1f, -0.0f, Float.POSITIVE_INFINITY, Float.NaN}, f.toFloatArray());
    Tensor d = Tensor.of(DType.F64, VALUES, 4);
    assertArrayEquals(VALUES, d.toDoubleArray());
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(DType.F64, VALUES, 3));
    assertEquals("of: 4 values do not fill shape [3] (3 elements)", e.getMessage());
  }

  @Test
  void toArrayCopiesInTheOwnDtypeAndWrapsBack() {
    Tensor f = Tensor.of(new float[] {1.5f, -2f}, 2);
    float[] a = (float[]) f.toArray();
    assertNotSame(f.f32(), a);
    assertArrayEquals(f.f32(), a);
    Tensor back = Tensor.wrap(f.shape(), Storage.wrap(a));
    assertEquals(DType.F32, back.dtype());
    assertEquals(DType.F64, Storage.wrap(new double[2]).dtype());
    var e = assertThrows(IllegalArgumentException.class, () -> Storage.wrap(new short[1]));
    assertEquals("Storage.wrap: expected a float[], double[], int[] or long[], got short[]", e.getMessage());
  }

  @Test
  void littleEndianBytesKeepRawBits() {
    float payload = Float.intBitsToFloat(0x7fc00001);
    byte[] f = Tensor.of(new float[] {payload, -0f}, 2).toLittleEndianBytes();
    ByteBuffer fb = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(8, f.length);
    assertEquals(0x7fc00001, fb.getInt(0));
    assertEquals(0x80000000, fb.getInt(4));
    byte[] d = Tensor.of(new double[] {1.0}, 1).toLittleEndianBytes();
    assertEquals(Double.doubleToRawLongBits(1.0), ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getLong());
  }

  @Test
  void rawBitsAndPrintingFollowTheDtype() {
    Tensor f = Tensor.of(new float[] {0.1f}, 1);
    assertEquals(Float.floatToRawIntBits(0.1f), f.storage().rawBits(0));
    assertEquals("0.1", f.storage().format(0));
    assertEquals("0.10000000149011612", f.to(DType.F64).storage().format(0));
    assertEquals("tensor([0.1], shape=[1], F32)", f.toString());
  }

  @Test
  void probabilityMarginKeepsOneMinusItBelowOne() {
    for (DType t : new DType[] {DType.F32, DType.F64}) {
      double m = t.probabilityMargin();
      double oneMinus = Tensor.scalar(1.0 - m, t).item();
      assertEquals(true, oneMinus < 1.0, t + ": 1 - " + m + " rounds to 1");
    }
  }
}
