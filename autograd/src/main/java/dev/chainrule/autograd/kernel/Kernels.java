package dev.chainrule.autograd.kernel;

/**
 * The numeric kernels every tensor operation runs on: plain arrays in, plain arrays out.
 *
 * <p>Two twins implement this interface: {@link ScalarKernels}, simple loops that are the
 * reference, and {@code SimdKernels}, the Vector API version. {@link KernelProvider} picks one
 * at start-up. The tensor layer validates shapes and lengths before calling; kernels trust their
 * arguments and check nothing (an out-of-range index surfaces as the JVM's own
 * {@code ArrayIndexOutOfBoundsException}).
 *
 * <p>Layouts are dense and row-major. {@code out} may be the same array as an input for the
 * elementwise kernels (in-place updates), never for {@link #gemm}.
 */
public interface Kernels {

  /** A short name for logs and benchmark reports, e.g. {@code "scalar"} or {@code "simd-256"}. */
  String name();

  /** out[i] = op(x[i]) for i in [0, n). */
  void unary(UnaryOp op, float[] x, float[] out, int n);

  /** out[i] = op(x[i]) for i in [0, n). */
  void unary(UnaryOp op, double[] x, double[] out, int n);

  /** out[i] = op(a[i], b[i]) for i in [0, n). */
  void binary(BinaryOp op, float[] a, float[] b, float[] out, int n);

  /** out[i] = op(a[i], b[i]) for i in [0, n). */
  void binary(BinaryOp op, double[] a, double[] b, double[] out, int n);

  /**
   * out[outOff + i] = op(a[aOff + i], b[bOff + i]) for i in [0, n): one row of a broadcast
   * binary operation, the same bits as {@link #binary(BinaryOp, float[], float[], float[], int)}.
   */
  void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

  /** out[outOff + i] = op(a[aOff + i], b[bOff + i]) for i in [0, n). */
  void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n);

  /** out[i] = op(x[i], s) for i in [0, n); s is rounded to float once. */
  void scalar(ScalarOp op, float[] x, double s, float[] out, int n);

  /** out[i] = op(x[i], s) for i in [0, n). */
  void scalar(ScalarOp op, double[] x, double s, double[] out, int n);

  /** y[i] += alpha * x[i] for i in [0, n) (BLAS axpy); alpha is rounded to float once. */
  void axpy(double alpha, float[] x, float[] y, int n);

  /** y[i] += alpha * x[i] for i in [0, n) (BLAS axpy). */
  void axpy(double alpha, double[] x, double[] y, int n);

  /** out[i] = cond[i] != 0 ? a[i] : b[i] for i in [0, n). */
  void where(float[] cond, float[] a, float[] b, float[] out, int n);

  /** out[i] = cond[i] != 0 ? a[i] : b[i] for i in [0, n). */
  void where(double[] cond, double[] a, double[] b, double[] out, int n);

  /**
   * Reduces the middle axis of x viewed as [outer, axis, inner]:
   * out[o * inner + i] = op over a of x[(o * axis + a) * inner + i]. axis may be 0: SUM gives 0,
   * MAX gives -Infinity.
   */
  void reduceAxis(ReduceOp op, float[] x, int outer, int axis, int inner, float[] out);

  /** As {@link #reduceAxis(ReduceOp, float[], int, int, int, float[])} in double precision. */
  void reduceAxis(ReduceOp op, double[] x, int outer, int axis, int inner, double[] out);

  /**
   * General matrix multiply, row-major: C[m×n] = op(A)[m×k] · op(B)[k×n], plus the old C when
   * {@code accumulate}. op(A) is A (stored m×k) or, with {@code transA}, Aᵀ (A stored k×m);
   * likewise B (stored k×n, or n×k with {@code transB}). Offsets locate each matrix in its array,
   * so batched products reuse one array.
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

  /** As the float gemm, in double precision. */
  void gemm(boolean transA, boolean transB, int m, int n, int k,
            double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate);
}
