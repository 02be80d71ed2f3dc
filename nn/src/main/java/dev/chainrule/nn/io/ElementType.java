package dev.chainrule.nn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The element types a safetensors file may hold and everything that depends on one: its size, how
 * its little-endian bytes become a {@link NamedArray} and back, and how two arrays of it compare
 * bit for bit. The one place in {@code nn.io} that dispatches on dtype. F16 and BF16 are read only:
 * they are widened to F32 on reading, so no {@link NamedArray} holds them.
 */
enum ElementType {
  F32(Float.BYTES, float[].class) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      float[] v = new float[count];
      littleEndian.asFloatBuffer().get(v);
      return NamedArray.ofF32(shape, v);
    }

    @Override int length(Object data) { return ((float[]) data).length; }

    @Override long rawBits(Object data, int i) { return Float.floatToRawIntBits(((float[]) data)[i]); }

    @Override int hashBits(Object data, int i) { return Float.floatToRawIntBits(((float[]) data)[i]); }

    @Override void write(Object data, ByteBuffer buf, OutputStream out) throws IOException {
      for (float v : (float[]) data) {
        if (buf.remaining() < Float.BYTES) SafeTensors.drain(buf, out);
        buf.putFloat(v); // putFloat keeps the raw bits: NaN payloads survive
      }
    }
  },

  F64(Double.BYTES, double[].class) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      double[] v = new double[count];
      littleEndian.asDoubleBuffer().get(v);
      return NamedArray.ofF64(shape, v);
    }

    @Override int length(Object data) { return ((double[]) data).length; }

    @Override long rawBits(Object data, int i) { return Double.doubleToRawLongBits(((double[]) data)[i]); }

    @Override int hashBits(Object data, int i) { return Long.hashCode(rawBits(data, i)); }

    @Override void write(Object data, ByteBuffer buf, OutputStream out) throws IOException {
      for (double v : (double[]) data) {
        if (buf.remaining() < Double.BYTES) SafeTensors.drain(buf, out);
        buf.putDouble(v);
      }
    }
  },

  /** 32-bit two's-complement integers (labels, indices): PyTorch's int32. */
  I32(Integer.BYTES, int[].class) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      int[] v = new int[count];
      littleEndian.asIntBuffer().get(v);
      return NamedArray.ofI32(shape, v);
    }

    @Override int length(Object data) { return ((int[]) data).length; }

    @Override long rawBits(Object data, int i) { return ((int[]) data)[i]; }

    @Override int hashBits(Object data, int i) { return ((int[]) data)[i]; }

    @Override void write(Object data, ByteBuffer buf, OutputStream out) throws IOException {
      for (int v : (int[]) data) {
        if (buf.remaining() < Integer.BYTES) SafeTensors.drain(buf, out);
        buf.putInt(v);
      }
    }
  },

  /** 64-bit two's-complement integers (labels, indices): PyTorch's int64, its default for both. */
  I64(Long.BYTES, long[].class) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      long[] v = new long[count];
      littleEndian.asLongBuffer().get(v);
      return NamedArray.ofI64(shape, v);
    }

    @Override int length(Object data) { return ((long[]) data).length; }

    @Override long rawBits(Object data, int i) { return ((long[]) data)[i]; }

    @Override int hashBits(Object data, int i) { return Long.hashCode(((long[]) data)[i]); }

    @Override void write(Object data, ByteBuffer buf, OutputStream out) throws IOException {
      for (long v : (long[]) data) {
        if (buf.remaining() < Long.BYTES) SafeTensors.drain(buf, out);
        buf.putLong(v);
      }
    }
  },

  /** IEEE 754 half precision, read as F32 (exactly: every half is a float). */
  F16(2, null) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      return NamedArray.ofF32(shape, HalfFloats.widen(false, littleEndian, count));
    }
  },

  /** bfloat16 (a float's upper 16 bits), read as F32 (exactly). */
  BF16(2, null) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      return NamedArray.ofF32(shape, HalfFloats.widen(true, littleEndian, count));
    }
  };

  /** Every name a header may give, for error messages: "F32", "F64", ... */
  static final String NAMES = "\"F32\", \"F64\", \"I32\", \"I64\", \"F16\" or \"BF16\"";

  /** Bytes per element in a file. */
  final int bytes;
  /** The Java array a {@link NamedArray} of this type holds, or null for a type widened on reading. */
  final Class<?> arrayType;

  ElementType(int bytes, Class<?> arrayType) {
    this.bytes = bytes;
    this.arrayType = arrayType;
  }

  /** The type named {@code dtype} in a header, or null if there is none. */
  static ElementType named(String dtype) {
    for (ElementType t : values()) {
      if (t.name().equals(dtype)) return t;
    }
    return null;
  }

  /** The type of the arrays a {@link NamedArray} holds (F32, F64, I32 or I64), or null for any other name. */
  static ElementType held(String dtype) {
    ElementType t = named(dtype);
    return t != null && t.arrayType != null ? t : null;
  }

  /** The {@code count} values at the start of {@code littleEndian}, as an array of {@code shape}. */
  abstract NamedArray read(int[] shape, ByteBuffer littleEndian, int count);

  /** Number of elements of {@code data}. */
  int length(Object data) { throw readOnly(); }

  /** Raw IEEE 754 bits of element {@code i}, NaN payloads kept; an integer's value. */
  long rawBits(Object data, int i) { throw readOnly(); }

  /** Element {@code i}'s contribution to {@link NamedArray#hashCode()}. */
  int hashBits(Object data, int i) { throw readOnly(); }

  /** Appends {@code data} as little-endian bytes to {@code buf}, draining it to {@code out} when full. */
  void write(Object data, ByteBuffer buf, OutputStream out) throws IOException { throw readOnly(); }

  private IllegalStateException readOnly() {
    return new IllegalStateException(this + " is widened to F32 on reading; no NamedArray holds it");
  }
}
