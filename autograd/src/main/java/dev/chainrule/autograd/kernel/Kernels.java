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

  /**
   * Direct convolution of one image on "wide" rows, a gemm whose right operand is never built:
   * out[outOff + o·outStride + q] = Σ_j w[wOff + o·J + j]·x[xOff + q + taps[j]] for o &lt;
   * outChannels and q &lt; length, J = taps.length. With the image's padded planes in x and
   * taps[j] the offset of tap j (channel c, kernel row kh, column kw) within them, out holds the
   * convolution at every position of the padded width (see
   * {@link dev.chainrule.autograd.kernel.Window#wideColumns()}). Each output is summed from zero
   * over j in order, one fused multiply-add per tap: the twins agree bit for bit. x must be
   * readable at every index read.
   */
  void convWide(float[] x, int xOff, int[] taps, float[] w, int wOff, int outChannels, float[] out, int outOff,
                int outStride, int length);

  /** As the float convWide, in double precision. */
  void convWide(double[] x, int xOff, int[] taps, double[] w, int wOff, int outChannels, double[] out, int outOff,
                int outStride, int length);

  /**
   * The weight gradient of {@link #convWide(float[], int, int[], float[], int, int, float[], int, int, int)} over a batch:
   * dw[dwOff + o·J + j] += Σ_n Σ_q dy[dyOff + n·dyImage + o·dyStride + q]·x[xOff + n·xImage + q + taps[j]]
   * for q &lt; length and n &lt; images. The SIMD twin sums its lanes apart and adds them in lane
   * order at the end (within rounding of the scalar order).
   */
  void convWideWeightGrad(float[] x, int xOff, int xImage, int[] taps, float[] dy, int dyOff, int dyImage, int dyStride,
                          int outChannels, int images, int length, float[] dw, int dwOff);

  /** As the float convWideWeightGrad, in double precision. */
  void convWideWeightGrad(double[] x, int xOff, int xImage, int[] taps, double[] dy, int dyOff, int dyImage, int dyStride,
                          int outChannels, int images, int length, double[] dw, int dwOff);
}
