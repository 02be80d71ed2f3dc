package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NamedArrayTest {
  @Test
  void refusesMismatchedDataAndUnknownDtype() {
    var e = assertThrows(IllegalArgumentException.class, () -> NamedArray.ofF32(new int[] {2, 3}, new float[5]));
    assertEquals("NamedArray: shape [2, 3] needs 6 elements, data has 5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new NamedArray("F16", new int[] {1}, new float[1], null));
    assertThrows(IllegalArgumentException.class, () -> new NamedArray("F32", new int[] {1}, null, new double[1]));
    assertThrows(IllegalArgumentException.class, () -> NamedArray.ofF64(new int[] {-1}, new double[0]));
  }

  @Test
  void equalityIsBitExact() {
    var a = NamedArray.ofF64(new int[] {1}, new double[] {0.0});
    assertNotEquals(a, NamedArray.ofF64(new int[] {1}, new double[] {-0.0}));
    assertEquals(NamedArray.ofF32(new int[] {1}, new float[] {Float.NaN}),
        NamedArray.ofF32(new int[] {1}, new float[] {Float.NaN}));
    assertNotEquals(NamedArray.ofF32(new int[] {1}, new float[] {Float.NaN}),
        NamedArray.ofF32(new int[] {1}, new float[] {Float.intBitsToFloat(0x7fc00001)}));
    assertNotEquals(NamedArray.ofF32(new int[] {1}, new float[] {1}),
        NamedArray.ofF32(new int[] {1, 1}, new float[] {1}));
    assertEquals("F32[2, 3]", NamedArray.ofF32(new int[] {2, 3}, new float[6]).toString());
  }

  @Test
  void ofPicksTheArrayByDtypeAndRefusesAMismatch() {
    var f = NamedArray.of("F32", new int[] {2}, new float[] {1, 2});
    assertEquals(NamedArray.ofF32(new int[] {2}, new float[] {1, 2}), f);
    assertEquals(f.hashCode(), NamedArray.ofF32(new int[] {2}, new float[] {1, 2}).hashCode());
    assertEquals(8, NamedArray.of("F64", new int[] {}, new double[] {3}).elementBytes());
    var e = assertThrows(IllegalArgumentException.class, () -> NamedArray.of("F64", new int[] {1}, new float[1]));
    assertEquals("NamedArray: dtype F64 needs a double[], got float[]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NamedArray.of("F16", new int[] {1}, new float[1]));
  }
}
