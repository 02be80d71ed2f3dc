package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Conversions between the integer and float dtypes, and the integer byte layout, on random values. */
class IntegerConversionProperties {
  @Property(tries = 200)
  void i64SurvivesF64WhileExact(@ForAll @Size(max = 40) long[] raw) {
    long[] v = new long[raw.length];
    for (int i = 0; i < v.length; i++) v[i] = raw[i] >> 11;   // |v| < 2⁵³: every value is a double
    Tensor t = Tensor.ofLongs(v, v.length);
    assertArrayEquals(v, t.to(DType.F64).to(DType.I64).toLongArray());
    assertArrayEquals(v, t.toLongArray());
  }

  @Property(tries = 200)
  void i32AndI64AgreeWithinTheIntRange(@ForAll @Size(max = 40) int[] v) {
    Tensor i32 = Tensor.ofInts(v, v.length);
    assertArrayEquals(v, i32.to(DType.I64).to(DType.I32).toIntArray());
    assertArrayEquals(v, i32.to(DType.F64).toIntArray());
    float[] asFloats = i32.to(DType.F32).toFloatArray();
    for (int i = 0; i < v.length; i++) assertEquals((float) v[i], asFloats[i], "element " + i);
  }

  @Property(tries = 200)
  void floatToIntegerTruncatesTowardZeroAsJavaCasts(@ForAll @Size(max = 40) double[] raw) {
    double[] v = new double[raw.length];
    for (int i = 0; i < v.length; i++) v[i] = Double.isFinite(raw[i]) ? Math.IEEEremainder(raw[i], 1e12) : 0.5;
    long[] expected = new long[v.length];
    for (int i = 0; i < v.length; i++) expected[i] = (long) v[i];
    assertArrayEquals(expected, Tensor.of(v, v.length).to(DType.I64).toLongArray());
  }

  @Property(tries = 100)
  void bytesAreLittleEndianTwosComplement(@ForAll @Size(max = 20) long[] v, @ForAll @LongRange(min = 0, max = 1) long asInts) {
    if (asInts == 1) {
      int[] w = new int[v.length];
      for (int i = 0; i < w.length; i++) w[i] = (int) v[i];
      ByteBuffer b = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(w);
      assertArrayEquals(b.array(), Tensor.ofInts(w, w.length).toLittleEndianBytes());
    } else {
      ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asLongBuffer().put(v);
      assertArrayEquals(b.array(), Tensor.ofLongs(v, v.length).toLittleEndianBytes());
    }
  }
}
