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
  F32(Float.BYTES) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      float[] v = new float[count];
      littleEndian.asFloatBuffer().get(v);
      return NamedArray.ofF32(shape, v);
    }

    @Override Object data(float[] f32, double[] f64) { return f32; }

    @Override Object unused(float[] f32, double[] f64) { return f64; }

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

  F64(Double.BYTES) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      double[] v = new double[count];
      littleEndian.asDoubleBuffer().get(v);
      return NamedArray.ofF64(shape, v);
    }

    @Override Object data(float[] f32, double[] f64) { return f64; }

    @Override Object unused(float[] f32, double[] f64) { return f32; }

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

  /** IEEE 754 half precision, read as F32 (exactly: every half is a float). */
  F16(2) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      return NamedArray.ofF32(shape, HalfFloats.widen(false, littleEndian, count));
    }
  },

  /** bfloat16 (a float's upper 16 bits), read as F32 (exactly). */
  BF16(2) {
    @Override NamedArray read(int[] shape, ByteBuffer littleEndian, int count) {
      return NamedArray.ofF32(shape, HalfFloats.widen(true, littleEndian, count));
    }
  };

  /** Bytes per element in a file. */
  final int bytes;

  ElementType(int bytes) {
    this.bytes = bytes;
  }

  /** The type named {@code dtype} in a header, or null if there is none. */
  static ElementType named(String dtype) {
    for (ElementType t : values()) {
      if (t.name().equals(dtype)) return t;
    }
    return null;
  }

  /** The type of the arrays a {@link NamedArray} holds (F32 or F64), or null for any other name. */
  static ElementType held(String dtype) {
    ElementType t = named(dtype);
    return t == F32 || t == F64 ? t : null;
  }

  /** The {@code count} values at the start of {@code littleEndian}, as an array of {@code shape}. */
  abstract NamedArray read(int[] shape, ByteBuffer littleEndian, int count);

  /** Of a {@link NamedArray}'s two arrays, the one that holds this type's values. */
  Object data(float[] f32, double[] f64) { throw readOnly(); }

  /** Of a {@link NamedArray}'s two arrays, the one that must be null for this type. */
  Object unused(float[] f32, double[] f64) { throw readOnly(); }

  /** Number of elements of {@code data}. */
  int length(Object data) { throw readOnly(); }

  /** Raw IEEE 754 bits of element {@code i}, NaN payloads kept. */
  long rawBits(Object data, int i) { throw readOnly(); }

  /** Element {@code i}'s contribution to {@link NamedArray#hashCode()}. */
  int hashBits(Object data, int i) { throw readOnly(); }

  /** Appends {@code data} as little-endian bytes to {@code buf}, draining it to {@code out} when full. */
  void write(Object data, ByteBuffer buf, OutputStream out) throws IOException { throw readOnly(); }

  private IllegalStateException readOnly() {
    return new IllegalStateException(this + " is widened to F32 on reading; no NamedArray holds it");
  }
}
