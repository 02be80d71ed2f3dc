package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/**
 * The Vector API twin of {@link dev.chainrule.autograd.kernel.ScalarKernels}.
 *
 * <p>Vectors are {@code SPECIES_PREFERRED} wide unless {@code -Dchainrule.vectorBits=128} (read
 * once, at class load) or the {@link #SimdKernels(int)} constructor asks for fewer bits, so tests
 * can run narrow vectors on any CPU. The work is done by one class per job and element type
 * ({@link FloatElementwise}, {@link FloatReductions}, {@link FloatGemm} and their double twins);
 * see {@link VectorWidth} for why each width gets its own copy of them.
 *
 * <p>Results: add, sub, mul, div, max, min, where, axpy, sqrt and the piecewise functions
 * (relu, step, abs, neg, sign, comparisons) are bit-identical to the scalar twin; exp, log,
 * tanh, pow and sigmoid are within a few ulps (the JDK's vector math); sums and gemm reorder
 * additions and agree within rounding.
 */
public final class SimdKernels implements Kernels {
  private final int bits;
  private final ElementwiseOps<float[]> fe;
  private final ReduceOps<float[]> fr;
  private final GemmOps<float[]> fg;
  private final ElementwiseOps<double[]> de;
  private final ReduceOps<double[]> dr;
  private final GemmOps<double[]> dg;
  private final ConvOps<float[]> fc;

  /** Kernels at the configured width: {@code chainrule.vectorBits}, else the CPU's preferred. */
  public SimdKernels() {
    this(VectorWidth.CONFIGURED_BITS);
  }

  /**
   * Kernels at an explicit width.
   *
   * @param vectorBits 128, 256 or 512, at most the CPU's preferred vector size
   * @throws IllegalArgumentException for any other width
   */
  public SimdKernels(int vectorBits) {
    this.bits = VectorWidth.check(vectorBits);
    this.fe = VectorWidth.kernelsAt(vectorBits, FloatElementwise.class);
    this.fr = VectorWidth.kernelsAt(vectorBits, FloatReductions.class);
    this.fg = VectorWidth.kernelsAt(vectorBits, FloatGemm.class);
    this.de = VectorWidth.kernelsAt(vectorBits, DoubleElementwise.class);
    this.dr = VectorWidth.kernelsAt(vectorBits, DoubleReductions.class);
    this.dg = VectorWidth.kernelsAt(vectorBits, DoubleGemm.class);
    this.fc = VectorWidth.kernelsAt(vectorBits, FloatConv.class);
  }

  /** {@code "simd-"} and the vector width in bits, e.g. {@code "simd-512"}. */
  @Override public String name() {
    return "simd-" + bits;
  }

  @Override public String toString() {
    return "SimdKernels(" + bits + " bits)";
  }

  @Override public void unary(UnaryOp op, float[] x, float[] out, int n) {
    fe.unary(op, x, out, n);
  }

  @Override public void unary(UnaryOp op, double[] x, double[] out, int n) {
    de.unary(op, x, out, n);
  }

  @Override public void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
    fe.binary(op, a, b, out, n);
  }

  @Override public void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
    de.binary(op, a, b, out, n);
  }

  @Override public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    fe.binary(op, a, aOff, b, bOff, out, outOff, n);
  }

  @Override public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
    de.binary(op, a, aOff, b, bOff, out, outOff, n);
  }

  @Override public void scalar(ScalarOp op, float[] x, double s, float[] out, int n) {
    fe.scalar(op, x, s, out, n);
  }

  @Override public void scalar(ScalarOp op, double[] x, double s, double[] out, int n) {
    de.scalar(op, x, s, out, n);
  }

  @Override public void axpy(double alpha, float[] x, float[] y, int n) {
    fe.axpy(alpha, x, y, n);
  }

  @Override public void axpy(double alpha, double[] x, double[] y, int n) {
    de.axpy(alpha, x, y, n);
  }

  @Override public void where(float[] cond, float[] a, float[] b, float[] out, int n) {
    fe.where(cond, a, b, out, n);
  }

  @Override public void where(double[] cond, double[] a, double[] b, double[] out, int n) {
    de.where(cond, a, b, out, n);
  }

  @Override public void reduceAxis(ReduceOp op, float[] x, int outer, int axis, int inner, float[] out) {
    fr.reduceAxis(op, x, outer, axis, inner, out);
  }

  @Override public void reduceAxis(ReduceOp op, double[] x, int outer, int axis, int inner, double[] out) {
    dr.reduceAxis(op, x, outer, axis, inner, out);
  }

  @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                             boolean accumulate) {
    fg.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
  }

  @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                             boolean accumulate) {
    dg.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
  }

  @Override public void convWide(float[] x, int xOff, int[] taps, float[] w, int wOff, int outChannels, float[] out,
                                 int outOff, int outStride, int length) {
    fc.convWide(x, xOff, taps, w, wOff, outChannels, out, outOff, outStride, length);
  }

  // float64 runs the scalar reference: it is the gradient-checking dtype, not a speed target.
  @Override public void convWide(double[] x, int xOff, int[] taps, double[] w, int wOff, int outChannels, double[] out,
                                 int outOff, int outStride, int length) {
    dev.chainrule.autograd.kernel.WideConvolution.convWide(x, xOff, taps, w, wOff, outChannels, out, outOff, outStride, length);
  }

  @Override public void convWideWeightGrad(float[] x, int xOff, int xImage, int[] taps, float[] dy, int dyOff, int dyImage,
                                           int dyStride, int outChannels, int images, int length, float[] dw, int dwOff) {
    fc.convWideWeightGrad(x, xOff, xImage, taps, dy, dyOff, dyImage, dyStride, outChannels, images, length, dw, dwOff);
  }

  @Override public void convWideWeightGrad(double[] x, int xOff, int xImage, int[] taps, double[] dy, int dyOff, int dyImage,
                                           int dyStride, int outChannels, int images, int length, double[] dw, int dwOff) {
    dev.chainrule.autograd.kernel.WideConvolution.convWideWeightGrad(x, xOff, xImage, taps, dy, dyOff, dyImage, dyStride, outChannels, images, length, dw, dwOff);
  }
}
