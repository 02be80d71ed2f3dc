package dev.chainrule.autograd.kernel;

/**
 * The reference kernels: one plain loop each, written to be obviously right. Every SIMD kernel
 * is tested against these. The elementwise math itself lives in {@link ScalarMath}.
 */
public final class ScalarKernels implements Kernels {

  @Override public String name() { return "scalar"; }

  @Override public void unary(UnaryOp op, float[] x, float[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = ScalarMath.unary(op, x[i]);
  }

  @Override public void unary(UnaryOp op, double[] x, double[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = ScalarMath.unary(op, x[i]);
  }

  @Override public void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = ScalarMath.binary(op, a[i], b[i]);
  }

  @Override public void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = ScalarMath.binary(op, a[i], b[i]);
  }

  @Override public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) out[outOff + i] = ScalarMath.binary(op, a[aOff + i], b[bOff + i]);
  }

  @Override public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) out[outOff + i] = ScalarMath.binary(op, a[aOff + i], b[bOff + i]);
  }

  @Override public void scalar(ScalarOp op, float[] x, double s, float[] out, int n) {
    float sf = (float) s;
    for (int i = 0; i < n; i++) out[i] = ScalarMath.scalar(op, x[i], sf);
  }

  @Override public void scalar(ScalarOp op, double[] x, double s, double[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = ScalarMath.scalar(op, x[i], s);
  }

  @Override public void axpy(double alpha, float[] x, float[] y, int n) {
    float a = (float) alpha;
    for (int i = 0; i < n; i++) y[i] += a * x[i];
  }

  @Override public void axpy(double alpha, double[] x, double[] y, int n) {
    for (int i = 0; i < n; i++) y[i] += alpha * x[i];
  }

  @Override public void where(float[] cond, float[] a, float[] b, float[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = cond[i] != 0 ? a[i] : b[i];
  }

  @Override public void where(double[] cond, double[] a, double[] b, double[] out, int n) {
    for (int i = 0; i < n; i++) out[i] = cond[i] != 0 ? a[i] : b[i];
  }

  @Override public void reduceAxis(ReduceOp op, float[] x, int outer, int axis, int inner, float[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        float acc = op == ReduceOp.SUM ? 0f : Float.NEGATIVE_INFINITY;
        for (int a = 0; a < axis; a++) {
          float v = x[(o * axis + a) * inner + i];
          acc = op == ReduceOp.SUM ? acc + v : Math.max(acc, v);
        }
        out[o * inner + i] = acc;
      }
    }
  }

  @Override public void reduceAxis(ReduceOp op, double[] x, int outer, int axis, int inner, double[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double acc = op == ReduceOp.SUM ? 0.0 : Double.NEGATIVE_INFINITY;
        for (int a = 0; a < axis; a++) {
          double v = x[(o * axis + a) * inner + i];
          acc = op == ReduceOp.SUM ? acc + v : Math.max(acc, v);
        }
        out[o * inner + i] = acc;
      }
    }
  }

  @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                             boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float acc = 0f;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
          float bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
          acc += av * bv;
        }
        int ci = cOff + i * n + j;
        c[ci] = accumulate ? c[ci] + acc : acc;
      }
    }
  }

  @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                             boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double acc = 0.0;
        for (int p = 0; p < k; p++) {
          double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
          double bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
          acc += av * bv;
        }
        int ci = cOff + i * n + j;
        c[ci] = accumulate ? c[ci] + acc : acc;
      }
    }
  }

  @Override public void convWide(float[] x, int xOff, int[] taps, float[] w, int wOff, int outChannels, float[] out,
                                 int outOff, int outStride, int length) {
    WideConvolution.convWide(x, xOff, taps, w, wOff, outChannels, out, outOff, outStride, length);
  }

  @Override public void convWide(double[] x, int xOff, int[] taps, double[] w, int wOff, int outChannels, double[] out,
                                 int outOff, int outStride, int length) {
    WideConvolution.convWide(x, xOff, taps, w, wOff, outChannels, out, outOff, outStride, length);
  }

  @Override public void convWideWeightGrad(float[] x, int xOff, int xImage, int[] taps, float[] dy, int dyOff, int dyImage,
                                           int dyStride, int outChannels, int images, int length, float[] dw, int dwOff) {
    WideConvolution.convWideWeightGrad(x, xOff, xImage, taps, dy, dyOff, dyImage, dyStride, outChannels, images, length, dw, dwOff);
  }

  @Override public void convWideWeightGrad(double[] x, int xOff, int xImage, int[] taps, double[] dy, int dyOff, int dyImage,
                                           int dyStride, int outChannels, int images, int length, double[] dw, int dwOff) {
    WideConvolution.convWideWeightGrad(x, xOff, xImage, taps, dy, dyOff, dyImage, dyStride, outChannels, images, length, dw, dwOff);
  }
}
