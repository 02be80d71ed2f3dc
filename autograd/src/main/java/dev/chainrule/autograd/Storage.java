package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor's values: one dense row-major array of one dtype, and every kernel call on it. The one
 * place that dispatches on dtype: {@link F32} and {@link F64} each pass their own array type to
 * {@link Kernels}, so operations call {@code x.storage().unary(k, op, out.storage(), n)} and never
 * ask which dtype they hold. Arguments are trusted (same dtype, lengths checked by the caller).
 * The integer storages ({@link Integral}: {@link I32}, {@link I64}) hold labels and indices: they
 * copy, permute and convert, and refuse every arithmetic kernel with an error naming it.
 */
public abstract sealed class Storage permits Storage.F32, Storage.F64, Storage.Integral {
  private Storage() {}

  /** {@code n} zeros of {@code dtype}. */
  public static Storage zeros(DType dtype, int n) {
    return switch (dtype) {
      case F32 -> new F32(new float[n]);
      case F64 -> new F64(new double[n]);
      case I32 -> new I32(new int[n]);
      case I64 -> new I64(new long[n]);
    };
  }

  /** {@code values} rounded to {@code dtype} (a new array). */
  public static Storage of(DType dtype, double[] values) {
    Storage s = zeros(dtype, values.length);
    for (int i = 0; i < values.length; i++) s.set(i, values[i]);
    return s;
  }

  /**
   * Wraps a {@code float[]} (F32), {@code double[]} (F64), {@code int[]} (I32) or {@code long[]}
   * (I64) without copying: the inverse of {@link #array()}.
   *
   * @throws IllegalArgumentException for any other object
   */
  public static Storage wrap(Object array) {
    if (array instanceof float[] f) return new F32(f);
    if (array instanceof double[] d) return new F64(d);
    if (array instanceof int[] i) return new I32(i);
    if (array instanceof long[] l) return new I64(l);
    throw new IllegalArgumentException("Storage.wrap: expected a float[], double[], int[] or long[], got "
        + (array == null ? "null" : array.getClass().getSimpleName()));
  }

  /** The element type. */
  public abstract DType dtype();

  /** Number of elements. */
  public abstract int size();

  /**
   * The values converted to {@code target} (a copy, also when the dtype is the same). To an
   * integer type, floats are truncated toward zero (as PyTorch's {@code .to(torch.int64)}).
   *
   * @throws IllegalArgumentException converting to an integer type, for a value that is NaN,
   *     infinite or outside the target's range (PyTorch leaves those undefined)
   */
  public Storage to(DType target) {
    return switch (target) {
      case F32 -> new F32(toFloatArray());
      case F64 -> new F64(toDoubleArray());
      case I32, I64 -> Integral.converted(this, target);
    };
  }

  /** The backing array ({@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}), for dtype-agnostic {@code System.arraycopy}. */
  public abstract Object array();

  /** Element {@code i} as a double (exact for every type but I64 beyond ±2⁵³). */
  public abstract double get(int i);

  /** Sets element {@code i}, rounding to the dtype (integers: truncated toward zero). */
  public abstract void set(int i, double value);

  /** out[j] = this[i], exactly (same dtype; integers are not routed through a double). */
  public void copyElement(int i, Storage out, int j) { out.set(j, get(i)); }

  /** Sets every element, rounding once. */
  public abstract void fill(double value);

  /** Sets elements [from, to) to {@code value} (converted as {@link #set} does). */
  public void fill(int from, int to, double value) {
    for (int i = from; i < to; i++) set(i, value);
  }

  /** A copy of the whole array. */
  public abstract Storage copy();

  /** The values as floats (a copy). */
  public abstract float[] toFloatArray();

  /** The values as doubles (a copy). */
  public abstract double[] toDoubleArray();

  /** The values as little-endian bytes, row-major (safetensors' and ONNX's layout); raw bits kept (two's complement for integers). */
  public abstract byte[] toLittleEndianBytes();

  /** Element {@code i}'s raw IEEE 754 bits (an int's for F32, sign-extended), NaN payloads kept; an integer's value. */
  public abstract long rawBits(int i);

  /** Element {@code i} as its dtype prints it ({@link Float#toString}, {@link Double#toString} or {@link Long#toString}). */
  public abstract String format(int i);

  /** out[i] = op(this[i]) for i in [0, n). */
  public abstract void unary(Kernels k, UnaryOp op, Storage out, int n);

  /** out[i] = op(this[i], b[i]) for i in [0, n). */
  public abstract void binary(Kernels k, BinaryOp op, Storage b, Storage out, int n);

  /** out[outOff + j] = op(this[off + j], b[bOff + j]) for j in [0, n): one row of a broadcast binary operation. */
  public abstract void binary(Kernels k, BinaryOp op, int off, Storage b, int bOff, Storage out, int outOff, int n);

  /** out[i] = op(this[i], s) for i in [0, n). */
  public abstract void scalar(Kernels k, ScalarOp op, double s, Storage out, int n);

  /** y[i] += alpha·this[i] for i in [0, n). */
  public abstract void axpy(Kernels k, double alpha, Storage y, int n);

  /** out[i] = this[i] != 0 ? a[i] : b[i] for i in [0, n) (this is the condition). */
  public abstract void where(Kernels k, Storage a, Storage b, Storage out, int n);

  /** Reduces the middle axis of this viewed as [outer, axis, inner] into out. */
  public abstract void reduceAxis(Kernels k, ReduceOp op, int outer, int axis, int inner, Storage out);

  /** C (+)= op(A)·op(B) with this as A, as {@link Kernels#gemm}. */
  public abstract void gemm(Kernels k, boolean transA, boolean transB, int m, int n, int depth, int aOff,
                            Storage b, int bOff, Storage c, int cOff, boolean accumulate);

  /** out[dst + j] += this[src + j] for j in [0, len), in order. */
  public abstract void addRange(int src, Storage out, int dst, int len);

  /** The rows×cols matrix at {@code off}, transposed into a new cols×rows storage (32x32 tiles). */
  public abstract Storage transposed(int off, int rows, int cols);

  /**
   * Copies this into out in out's row-major order, reading this at an offset that moves by
   * {@code stride[d]} along output dimension d ({@code dims}): a permutation, one pass.
   */
  public void gather(Storage out, int[] dims, int[] stride, int n) {
    gather(0, out, dims, stride, n);
  }

  /**
   * Copies the view at {@code from} with strides {@code stride} over {@code dims} (of {@code n}
   * elements) into out, row-major: how a view becomes contiguous. Stride 0 repeats an element.
   */
  public void gather(int from, Storage out, int[] dims, int[] stride, int n) {
    int rank = dims.length;
    int[] counter = new int[rank];
    int src = from;
    for (int dst = 0; dst < n; dst++) {
      out.set(dst, get(src));
      src = step(counter, dims, stride, src);
    }
  }

  /** Advances a row-major {@code counter} over {@code dims} by one; returns the moved storage index. */
  static int step(int[] counter, int[] dims, int[] stride, int src) {
    for (int d = dims.length - 1; d >= 0; d--) {
      if (++counter[d] < dims[d]) return src + stride[d];
      counter[d] = 0;
      src -= stride[d] * (dims[d] - 1);
    }
    return src;
  }

  /** The float32 storage. */
  public static final class F32 extends Storage {
    final float[] a;

    F32(float[] a) { this.a = a; }

    @Override public DType dtype() { return DType.F32; }

    @Override public int size() { return a.length; }

    @Override public Object array() { return a; }

    @Override public double get(int i) { return a[i]; }

    @Override public void set(int i, double value) { a[i] = (float) value; }

    @Override public void fill(double value) { Arrays.fill(a, (float) value); }

    @Override public void fill(int from, int to, double value) { Arrays.fill(a, from, to, (float) value); }

    @Override public Storage copy() { return new F32(a.clone()); }

    @Override public float[] toFloatArray() { return a.clone(); }

    @Override public double[] toDoubleArray() {
      double[] out = new double[a.length];
      for (int i = 0; i < out.length; i++) out[i] = a[i];
      return out;
    }

    @Override public byte[] toLittleEndianBytes() {
      ByteBuffer b = ByteBuffer.allocate(Float.BYTES * a.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(a);
      return b.array();
    }

    @Override public long rawBits(int i) { return Float.floatToRawIntBits(a[i]); }

    @Override public String format(int i) { return Float.toString(a[i]); }

    @Override public void unary(Kernels k, UnaryOp op, Storage out, int n) { k.unary(op, a, f(out), n); }

    @Override public void binary(Kernels k, BinaryOp op, Storage b, Storage out, int n) { k.binary(op, a, f(b), f(out), n); }

    @Override public void binary(Kernels k, BinaryOp op, int off, Storage b, int bOff, Storage out, int outOff, int n) {
      k.binary(op, a, off, f(b), bOff, f(out), outOff, n);
    }

    @Override public void scalar(Kernels k, ScalarOp op, double s, Storage out, int n) { k.scalar(op, a, s, f(out), n); }

    @Override public void axpy(Kernels k, double alpha, Storage y, int n) { k.axpy(alpha, a, f(y), n); }

    @Override public void where(Kernels k, Storage x, Storage y, Storage out, int n) { k.where(a, f(x), f(y), f(out), n); }

    @Override public void reduceAxis(Kernels k, ReduceOp op, int outer, int axis, int inner, Storage out) {
      k.reduceAxis(op, a, outer, axis, inner, f(out));
    }

    @Override public void gemm(Kernels k, boolean transA, boolean transB, int m, int n, int depth, int aOff,
                               Storage b, int bOff, Storage c, int cOff, boolean accumulate) {
      k.gemm(transA, transB, m, n, depth, a, aOff, f(b), bOff, f(c), cOff, accumulate);
    }

    @Override public void addRange(int src, Storage out, int dst, int len) {
      float[] o = f(out);
      for (int j = 0; j < len; j++) o[dst + j] += a[src + j];
    }

    @Override public Storage transposed(int off, int rows, int cols) {
      final int t = 32;
      float[] d = new float[rows * cols];
      for (int i0 = 0; i0 < rows; i0 += t) {
        for (int j0 = 0; j0 < cols; j0 += t) {
          for (int i = i0; i < Math.min(rows, i0 + t); i++) {
            for (int j = j0; j < Math.min(cols, j0 + t); j++) d[j * rows + i] = a[off + i * cols + j];
          }
        }
      }
      return new F32(d);
    }

    @Override public void gather(int from, Storage out, int[] dims, int[] stride, int n) {
      float[] o = f(out);
      int rank = dims.length;
      if (n == 0) return;
      if (rank >= 2 && stride[rank - 1] != 1 && stride[rank - 2] == 1) {   // inner blocks transposed
        int rows = dims[rank - 2], cols = dims[rank - 1], colStride = stride[rank - 1];
        int[] outer = Arrays.copyOf(dims, rank - 2), outerStride = Arrays.copyOf(stride, rank - 2);
        int[] at = new int[rank - 2];
        int src = from;
        for (int dst = 0; dst < n; dst += rows * cols) {
          // 32x32 tiles: the reads down a column and the writes along a row both stay in cache.
          for (int i0 = 0; i0 < rows; i0 += 32) {
            for (int j0 = 0; j0 < cols; j0 += 32) {
              for (int i = i0, iEnd = Math.min(rows, i0 + 32); i < iEnd; i++) {
                for (int j = j0, jEnd = Math.min(cols, j0 + 32); j < jEnd; j++) o[dst + i * cols + j] = a[src + i + j * colStride];
              }
            }
          }
          src = step(at, outer, outerStride, src);
        }
        return;
      }
      int[] counter = new int[rank];
      int src = from;
      if (rank > 0 && stride[rank - 1] == 1) {   // rows contiguous: copy a row at a time
        int row = dims[rank - 1];
        for (int dst = 0; dst < n; dst += row) {
          System.arraycopy(a, src, o, dst, row);
          counter[rank - 1] = row - 1;   // at the row's last element: step moves to the next row
          src = step(counter, dims, stride, src + row - 1);
        }
        return;
      }
      for (int dst = 0; dst < n; dst++) {
        o[dst] = a[src];
        src = step(counter, dims, stride, src);
      }
    }

    private static float[] f(Storage s) { return ((F32) s).a; }
  }

  /** The float64 storage. */
  public static final class F64 extends Storage {
    final double[] a;

    F64(double[] a) { this.a = a; }

    @Override public DType dtype() { return DType.F64; }

    @Override public int size() { return a.length; }

    @Override public Object array() { return a; }

    @Override public double get(int i) { return a[i]; }

    @Override public void set(int i, double value) { a[i] = value; }

    @Override public void fill(double value) { Arrays.fill(a, value); }

    @Override public void fill(int from, int to, double value) { Arrays.fill(a, from, to, value); }

    @Override public Storage copy() { return new F64(a.clone()); }

    @Override public float[] toFloatArray() {
      float[] out = new float[a.length];
      for (int i = 0; i < out.length; i++) out[i] = (float) a[i];
      return out;
    }

    @Override public double[] toDoubleArray() { return a.clone(); }

    @Override public byte[] toLittleEndianBytes() {
      ByteBuffer b = ByteBuffer.allocate(Double.BYTES * a.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asDoubleBuffer().put(a);
      return b.array();
    }

    @Override public long rawBits(int i) { return Double.doubleToRawLongBits(a[i]); }

    @Override public String format(int i) { return Double.toString(a[i]); }

    @Override public void unary(Kernels k, UnaryOp op, Storage out, int n) { k.unary(op, a, d(out), n); }

    @Override public void binary(Kernels k, BinaryOp op, Storage b, Storage out, int n) { k.binary(op, a, d(b), d(out), n); }

    @Override public void binary(Kernels k, BinaryOp op, int off, Storage b, int bOff, Storage out, int outOff, int n) {
      k.binary(op, a, off, d(b), bOff, d(out), outOff, n);
    }

    @Override public void scalar(Kernels k, ScalarOp op, double s, Storage out, int n) { k.scalar(op, a, s, d(out), n); }

    @Override public void axpy(Kernels k, double alpha, Storage y, int n) { k.axpy(alpha, a, d(y), n); }

    @Override public void where(Kernels k, Storage x, Storage y, Storage out, int n) { k.where(a, d(x), d(y), d(out), n); }

    @Override public void reduceAxis(Kernels k, ReduceOp op, int outer, int axis, int inner, Storage out) {
      k.reduceAxis(op, a, outer, axis, inner, d(out));
    }

    @Override public void gemm(Kernels k, boolean transA, boolean transB, int m, int n, int depth, int aOff,
                               Storage b, int bOff, Storage c, int cOff, boolean accumulate) {
      k.gemm(transA, transB, m, n, depth, a, aOff, d(b), bOff, d(c), cOff, accumulate);
    }

    @Override public void addRange(int src, Storage out, int dst, int len) {
      double[] o = d(out);
      for (int j = 0; j < len; j++) o[dst + j] += a[src + j];
    }

    @Override public Storage transposed(int off, int rows, int cols) {
      final int t = 32;
      double[] d = new double[rows * cols];
      for (int i0 = 0; i0 < rows; i0 += t) {
        for (int j0 = 0; j0 < cols; j0 += t) {
          for (int i = i0; i < Math.min(rows, i0 + t); i++) {
            for (int j = j0; j < Math.min(cols, j0 + t); j++) d[j * rows + i] = a[off + i * cols + j];
          }
        }
      }
      return new F64(d);
    }

    @Override public void gather(int from, Storage out, int[] dims, int[] stride, int n) {
      double[] o = d(out);
      int rank = dims.length;
      if (n == 0) return;
      if (rank >= 2 && stride[rank - 1] != 1 && stride[rank - 2] == 1) {   // inner blocks transposed
        int rows = dims[rank - 2], cols = dims[rank - 1], colStride = stride[rank - 1];
        int[] outer = Arrays.copyOf(dims, rank - 2), outerStride = Arrays.copyOf(stride, rank - 2);
        int[] at = new int[rank - 2];
        int src = from;
        for (int dst = 0; dst < n; dst += rows * cols) {
          // 32x32 tiles: the reads down a column and the writes along a row both stay in cache.
          for (int i0 = 0; i0 < rows; i0 += 32) {
            for (int j0 = 0; j0 < cols; j0 += 32) {
              for (int i = i0, iEnd = Math.min(rows, i0 + 32); i < iEnd; i++) {
                for (int j = j0, jEnd = Math.min(cols, j0 + 32); j < jEnd; j++) o[dst + i * cols + j] = a[src + i + j * colStride];
              }
            }
          }
          src = step(at, outer, outerStride, src);
        }
        return;
      }
      int[] counter = new int[rank];
      int src = from;
      if (rank > 0 && stride[rank - 1] == 1) {   // rows contiguous: copy a row at a time
        int row = dims[rank - 1];
        for (int dst = 0; dst < n; dst += row) {
          System.arraycopy(a, src, o, dst, row);
          counter[rank - 1] = row - 1;   // at the row's last element: step moves to the next row
          src = step(counter, dims, stride, src + row - 1);
        }
        return;
      }
      for (int dst = 0; dst < n; dst++) {
        o[dst] = a[src];
        src = step(counter, dims, stride, src);
      }
    }

    private static double[] d(Storage s) { return ((F64) s).a; }
  }

  // ================================================================ integer storage (intdtype): labels and indices

  /**
   * Integer values (I32 or I64): copied, permuted and converted, never computed with. Every
   * arithmetic kernel throws an {@link IllegalArgumentException} that names the operation and
   * says to convert first, so an integer tensor can never reach a float kernel by accident.
   */
  public abstract static sealed class Integral extends Storage permits I32, I64 {
    private Integral() {}

    /** Element {@code i}, exactly. */
    public abstract long getLong(int i);

    /** Sets element {@code i}, exactly (the caller keeps it in range). */
    abstract void setLong(int i, long value);

    /** {@code source}'s values as {@code target} (I32 or I64), each checked to fit. */
    static Storage converted(Storage source, DType target) {
      Integral out = (Integral) zeros(target, source.size());
      long lo = target == DType.I32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
      long hi = target == DType.I32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
      for (int i = 0; i < out.size(); i++) {
        long v;
        if (source instanceof Integral whole) {
          v = whole.getLong(i);
        } else {
          double d = source.get(i);
          // 2⁶³ is the first double above Long.MAX_VALUE; (long) would clamp it silently.
          if (!(Math.abs(d) < 0x1p63)) throw outOfRange(target, source.format(i), i, lo, hi);
          v = (long) d;   // truncates toward zero
        }
        if (v < lo || v > hi) throw outOfRange(target, Long.toString(v), i, lo, hi);
        out.setLong(i, v);
      }
      return out;
    }

    private static IllegalArgumentException outOfRange(DType target, String value, int i, long lo, long hi) {
      return new IllegalArgumentException("to(" + target + "): value " + value + " at flat position " + i
          + " has no " + target + " value (expected a finite number in [" + lo + ", " + hi + "])");
    }

    /** The error of every kernel an integer tensor cannot run. */
    private IllegalArgumentException noKernel(Enum<?> op) {
      return noKernel(op.name().toLowerCase(java.util.Locale.ROOT));
    }

    private IllegalArgumentException noKernel(String op) {
      return new IllegalArgumentException(op + ": " + dtype() + " tensors hold indices and labels only (no arithmetic,"
          + " no gradient); convert first with to(DType.F32) or to(DType.F64)");
    }

    @Override public double get(int i) { return getLong(i); }

    @Override public void copyElement(int i, Storage out, int j) { ((Integral) out).setLong(j, getLong(i)); }

    @Override public long rawBits(int i) { return getLong(i); }

    @Override public String format(int i) { return Long.toString(getLong(i)); }

    @Override public float[] toFloatArray() {
      float[] out = new float[size()];
      for (int i = 0; i < out.length; i++) out[i] = getLong(i);
      return out;
    }

    @Override public double[] toDoubleArray() {
      double[] out = new double[size()];
      for (int i = 0; i < out.length; i++) out[i] = getLong(i);
      return out;
    }

    @Override public void unary(Kernels k, UnaryOp op, Storage out, int n) { throw noKernel(op); }

    @Override public void binary(Kernels k, BinaryOp op, Storage b, Storage out, int n) { throw noKernel(op); }

    @Override public void binary(Kernels k, BinaryOp op, int off, Storage b, int bOff, Storage out, int outOff, int n) {
      throw noKernel(op);
    }

    @Override public void scalar(Kernels k, ScalarOp op, double s, Storage out, int n) { throw noKernel(op); }

    @Override public void axpy(Kernels k, double alpha, Storage y, int n) { throw noKernel("addInPlace"); }

    @Override public void where(Kernels k, Storage a, Storage b, Storage out, int n) { throw noKernel("where"); }

    @Override public void reduceAxis(Kernels k, ReduceOp op, int outer, int axis, int inner, Storage out) {
      throw noKernel(op);
    }

    @Override public void gemm(Kernels k, boolean transA, boolean transB, int m, int n, int depth, int aOff,
                               Storage b, int bOff, Storage c, int cOff, boolean accumulate) {
      throw noKernel("matmul");
    }

    @Override public void addRange(int src, Storage out, int dst, int len) { throw noKernel("add"); }

    @Override public Storage transposed(int off, int rows, int cols) {
      Integral d = (Integral) zeros(dtype(), rows * cols);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) d.setLong(j * rows + i, getLong(off + i * cols + j));
      }
      return d;
    }

    @Override public void gather(int from, Storage out, int[] dims, int[] stride, int n) {
      Integral o = (Integral) out;   // through longs: a double would round I64 values above 2^53
      int[] counter = new int[dims.length];
      int src = from;
      for (int dst = 0; dst < n; dst++) {
        o.setLong(dst, getLong(src));
        src = step(counter, dims, stride, src);
      }
    }
  }

  /** The 32-bit integer storage. */
  public static final class I32 extends Integral {
    final int[] a;

    I32(int[] a) { this.a = a; }

    @Override public DType dtype() { return DType.I32; }

    @Override public int size() { return a.length; }

    @Override public Object array() { return a; }

    @Override public long getLong(int i) { return a[i]; }

    @Override void setLong(int i, long value) { a[i] = (int) value; }

    @Override public void set(int i, double value) { a[i] = (int) value; }

    @Override public void fill(double value) { Arrays.fill(a, (int) value); }

    @Override public Storage copy() { return new I32(a.clone()); }

    @Override public byte[] toLittleEndianBytes() {
      ByteBuffer b = ByteBuffer.allocate(Integer.BYTES * a.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(a);
      return b.array();
    }
  }

  /** The 64-bit integer storage. */
  public static final class I64 extends Integral {
    final long[] a;

    I64(long[] a) { this.a = a; }

    @Override public DType dtype() { return DType.I64; }

    @Override public int size() { return a.length; }

    @Override public Object array() { return a; }

    @Override public long getLong(int i) { return a[i]; }

    @Override void setLong(int i, long value) { a[i] = value; }

    @Override public void set(int i, double value) { a[i] = (long) value; }

    @Override public void fill(double value) { Arrays.fill(a, (long) value); }

    @Override public Storage copy() { return new I64(a.clone()); }

    @Override public byte[] toLittleEndianBytes() {
      ByteBuffer b = ByteBuffer.allocate(Long.BYTES * a.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asLongBuffer().put(a);
      return b.array();
    }
  }
}
