package dev.chainrule.nn.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A row-major array of {@code F32} or {@code F64} values with a shape, as stored in one
 * safetensors entry. Exactly one of {@code f32}/{@code f64} is non-null, matching {@code dtype}.
 *
 * <p>The arrays are held, not copied: {@link #shape()}, {@link #f32()} and {@link #f64()} return
 * the caller's arrays. {@link #equals} compares values bit-exactly (NaN payloads, -0.0 vs 0.0).
 *
 * @param dtype {@link #F32} or {@link #F64}
 * @param shape dimensions, each &gt;= 0; empty for a scalar (one element)
 * @param f32 the values when {@code dtype} is F32, else null
 * @param f64 the values when {@code dtype} is F64, else null
 */
public record NamedArray(String dtype, int[] shape, float[] f32, double[] f64) {
  /** 32-bit IEEE 754 floats, 4 bytes each. */
  public static final String F32 = "F32";
  /** 64-bit IEEE 754 floats, 8 bytes each. */
  public static final String F64 = "F64";

  /** Validates dtype, shape and that the one data array holds exactly the shape's element count. */
  public NamedArray {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    long count = elementCount(shape);
    ElementType type = ElementType.held(dtype);
    if (type == null) {
      throw new IllegalArgumentException("NamedArray: unknown dtype '" + dtype + "', expected F32 or F64");
    }
    Object data = type.data(f32, f64);
    if (data == null || type.unused(f32, f64) != null) {
      String own = dtype.toLowerCase(Locale.ROOT);
      throw new IllegalArgumentException("NamedArray: dtype " + dtype + " needs " + own
          + " data and the other array null");
    }
    checkLength(type.length(data), count, shape);
  }

  /**
   * An array of {@code dtype} ({@link #F32} or {@link #F64}) holding {@code data}, a
   * {@code float[]} or {@code double[]} to match; held, not copied.
   *
   * @throws IllegalArgumentException if the dtype is unknown or the array's type does not match it
   */
  public static NamedArray of(String dtype, int[] shape, Object data) {
    ElementType type = ElementType.held(Objects.requireNonNull(dtype, "dtype"));
    if (type == null) {
      throw new IllegalArgumentException("NamedArray: unknown dtype '" + dtype + "', expected F32 or F64");
    }
    return new NamedArray(dtype, shape, data instanceof float[] f ? f : null, data instanceof double[] d ? d : null);
  }

  /** An F32 array; {@code data} is held, not copied. */
  public static NamedArray ofF32(int[] shape, float[] data) {
    return new NamedArray(F32, shape, data, null);
  }

  /** An F64 array; {@code data} is held, not copied. */
  public static NamedArray ofF64(int[] shape, double[] data) {
    return new NamedArray(F64, shape, null, data);
  }

  /** Number of elements: the product of the dimensions (1 for a scalar). */
  public int size() {
    return type().length(data());
  }

  /** Bytes per element: 4 for F32, 8 for F64. */
  public int elementBytes() {
    return type().bytes;
  }

  /** The values: {@link #f32()} or {@link #f64()}, whichever {@link #dtype()} says holds them. */
  public Object data() {
    return type().data(f32, f64);
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
    Object mine = data(), theirs = other.data();
    for (int i = 0; i < type.length(mine); i++) {
      if (type.rawBits(mine, i) != type.rawBits(theirs, i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 31 * dtype.hashCode() + Arrays.hashCode(shape);
    ElementType type = type();
    Object values = data();
    for (int i = 0; i < type.length(values); i++) {
      h = 31 * h + type.hashBits(values, i);
    }
    return h;
  }

  /** E.g. {@code F32[2, 3]}; values are not printed. */
  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
