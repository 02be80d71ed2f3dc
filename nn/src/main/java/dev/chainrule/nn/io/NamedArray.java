package dev.chainrule.nn.io;

import java.util.Arrays;
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
    if (dtype.equals(F32)) {
      if (f32 == null || f64 != null) {
        throw new IllegalArgumentException("NamedArray: dtype F32 needs f32 data and f64 == null");
      }
      checkLength(f32.length, count, shape);
    } else if (dtype.equals(F64)) {
      if (f64 == null || f32 != null) {
        throw new IllegalArgumentException("NamedArray: dtype F64 needs f64 data and f32 == null");
      }
      checkLength(f64.length, count, shape);
    } else {
      throw new IllegalArgumentException("NamedArray: unknown dtype '" + dtype + "', expected F32 or F64");
    }
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
    return f32 != null ? f32.length : f64.length;
  }

  /** Bytes per element: 4 for F32, 8 for F64. */
  public int elementBytes() {
    return bytesPerElement(dtype);
  }

  /** Returns 4 for F32, 8 for F64, -1 for any other dtype. */
  static int bytesPerElement(String dtype) {
    return switch (dtype) {
      case F32 -> 4;
      case F64 -> 8;
      default -> -1;
    };
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
    if (f32 != null) {
      for (int i = 0; i < f32.length; i++) {
        if (Float.floatToRawIntBits(f32[i]) != Float.floatToRawIntBits(other.f32[i])) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < f64.length; i++) {
      if (Double.doubleToRawLongBits(f64[i]) != Double.doubleToRawLongBits(other.f64[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 31 * dtype.hashCode() + Arrays.hashCode(shape);
    if (f32 != null) {
      for (float v : f32) {
        h = 31 * h + Float.floatToRawIntBits(v);
      }
    } else {
      for (double v : f64) {
        h = 31 * h + Long.hashCode(Double.doubleToRawLongBits(v));
      }
    }
    return h;
  }

  /** E.g. {@code F32[2, 3]}; values are not printed. */
  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
