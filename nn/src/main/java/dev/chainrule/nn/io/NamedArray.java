package dev.chainrule.nn.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A row-major array of {@code F32}, {@code F64}, {@code I32} or {@code I64} values with a shape, as
 * stored in one safetensors entry. {@code data} is a {@code float[]}, {@code double[]},
 * {@code int[]} or {@code long[]} matching {@code dtype}.
 *
 * <p>The arrays are held, not copied: {@link #shape()} and {@link #data()} (and {@link #f32()},
 * {@link #f64()}, {@link #i32()}, {@link #i64()}) return the caller's arrays. {@link #equals}
 * compares values bit-exactly (NaN payloads, -0.0 vs 0.0).
 *
 * @param dtype {@link #F32}, {@link #F64}, {@link #I32} or {@link #I64}
 * @param shape dimensions, each &gt;= 0; empty for a scalar (one element)
 * @param data the values, an array of dtype's Java type
 */
public record NamedArray(String dtype, int[] shape, Object data) {
  /** 32-bit IEEE 754 floats, 4 bytes each. */
  public static final String F32 = "F32";
  /** 64-bit IEEE 754 floats, 8 bytes each. */
  public static final String F64 = "F64";
  /** 32-bit two's-complement integers, 4 bytes each (labels and indices; PyTorch's int32). */
  public static final String I32 = "I32";
  /** 64-bit two's-complement integers, 8 bytes each (labels and indices; PyTorch's int64). */
  public static final String I64 = "I64";

  /** Validates dtype, shape, that data is dtype's array type and that it holds exactly the shape's element count. */
  public NamedArray {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    long count = elementCount(shape);
    ElementType type = ElementType.held(dtype);
    if (type == null) {
      throw new IllegalArgumentException("NamedArray: unknown dtype '" + dtype + "', expected F32, F64, I32 or I64");
    }
    if (!type.arrayType.isInstance(data)) {
      throw new IllegalArgumentException("NamedArray: dtype " + dtype + " needs a " + type.arrayType.getSimpleName()
          + ", got " + (data == null ? "null" : data.getClass().getSimpleName()));
    }
    checkLength(type.length(data), count, shape);
  }

  /**
   * The form from before integer dtypes: exactly one of {@code f32}/{@code f64} non-null,
   * matching {@code dtype} (F32 or F64).
   *
   * @throws IllegalArgumentException if both arrays are given, or the one given does not match dtype
   */
  public NamedArray(String dtype, int[] shape, float[] f32, double[] f64) {
    this(dtype, shape, oneOf(dtype, f32, f64));
  }

  private static Object oneOf(String dtype, float[] f32, double[] f64) {
    if (f32 != null && f64 != null) {
      throw new IllegalArgumentException("NamedArray: dtype " + dtype + " needs one data array, got both f32 and f64");
    }
    return f32 != null ? f32 : f64;
  }

  /**
   * An array of {@code dtype} holding {@code data}, a {@code float[]}, {@code double[]},
   * {@code int[]} or {@code long[]} to match; held, not copied.
   *
   * @throws IllegalArgumentException if the dtype is unknown or the array's type does not match it
   */
  public static NamedArray of(String dtype, int[] shape, Object data) {
    return new NamedArray(dtype, shape, data);
  }

  /** An F32 array; {@code data} is held, not copied. */
  public static NamedArray ofF32(int[] shape, float[] data) {
    return new NamedArray(F32, shape, data);
  }

  /** An F64 array; {@code data} is held, not copied. */
  public static NamedArray ofF64(int[] shape, double[] data) {
    return new NamedArray(F64, shape, data);
  }

  /** An I32 array; {@code data} is held, not copied. */
  public static NamedArray ofI32(int[] shape, int[] data) {
    return new NamedArray(I32, shape, data);
  }

  /** An I64 array; {@code data} is held, not copied. */
  public static NamedArray ofI64(int[] shape, long[] data) {
    return new NamedArray(I64, shape, data);
  }

  /** The values when dtype is F32, else null. */
  public float[] f32() { return data instanceof float[] f ? f : null; }

  /** The values when dtype is F64, else null. */
  public double[] f64() { return data instanceof double[] d ? d : null; }

  /** The values when dtype is I32, else null. */
  public int[] i32() { return data instanceof int[] i ? i : null; }

  /** The values when dtype is I64, else null. */
  public long[] i64() { return data instanceof long[] l ? l : null; }

  /** Number of elements: the product of the dimensions (1 for a scalar). */
  public int size() {
    return type().length(data);
  }

  /** Bytes per element: 4 for F32 and I32, 8 for F64 and I64. */
  public int elementBytes() {
    return type().bytes;
  }

  ElementType type() {
    return ElementType.held(dtype);
  }

  static long elementCount(int[] shape) {
    long count = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("NamedArray: negative dimension in shape " + Arrays.toString(shape));
      }
      count *= d;
      if (count > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "NamedArray: shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
      }
    }
    return count;
  }

  private static void checkLength(int length, long count, int[] shape) {
    if (length != count) {
      throw new IllegalArgumentException("NamedArray: shape " + Arrays.toString(shape) + " needs "
          + count + " elements, data has " + length);
    }
  }

  /** Same dtype, same shape and bit-identical values. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NamedArray other) || !dtype.equals(other.dtype) || !Arrays.equals(shape, other.shape)) {
      return false;
    }
    ElementType type = type();
    for (int i = 0; i < type.length(data); i++) {
      if (type.rawBits(data, i) != type.rawBits(other.data, i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 31 * dtype.hashCode() + Arrays.hashCode(shape);
    ElementType type = type();
    for (int i = 0; i < type.length(data); i++) {
      h = 31 * h + type.hashBits(data, i);
    }
    return h;
  }

  /** E.g. {@code F32[2, 3]}; values are not printed. */
  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
