package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;

/** Convolution sums straight from the definition, in double: the reference of the convolution tests. */
public final class ConvolutionReference {
  private ConvolutionReference() {}

  /** y[n, o, i, j] = b[o] + Σ W[o, c, p, q]·x[n, g·cg + c, i·s − pad + p·d, j·s − pad + q·d], straight from the definition (each array: rows, columns). */
  public static double[] forward(Tensor x, Tensor w, Tensor b, int[] s, int[] pad, int[] d, int groups, int oh, int ow) {
    int n = x.dim(0), cIn = x.dim(1), h = x.dim(2), wd = x.dim(3), o = w.dim(0), cg = w.dim(1), kh = w.dim(2), kw = w.dim(3);
    double[] xs = x.to(DType.F64).f64(), ws = w.to(DType.F64).f64(), bs = b == null ? null : b.to(DType.F64).f64();
    double[] y = new double[n * o * oh * ow];
    int og = o / groups;
    for (int in = 0; in < n; in++) for (int oc = 0; oc < o; oc++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
      double sum = bs == null ? 0 : bs[oc];
      int g = oc / og;
      for (int c = 0; c < cg; c++) for (int p = 0; p < kh; p++) for (int q = 0; q < kw; q++) {
        int r = i * s[0] - pad[0] + p * d[0], col = j * s[1] - pad[1] + q * d[1];
        if (r < 0 || r >= h || col < 0 || col >= wd) continue;
        sum += ws[((oc * cg + c) * kh + p) * kw + q] * xs[((in * cIn + g * cg + c) * h + r) * wd + col];
      }
      y[((in * o + oc) * oh + i) * ow + j] = sum;
    }
    return y;
  }

  /** dW[o, c, p, q] = Σ_{n, i, j} dy[n, o, i, j]·x[n, g·cg + c, i − pad + p·d, j − pad + q·d], taps in the padding skipped. */
  public static double[] weightGrad(Tensor x, Tensor dy, int[] wShape, int pad, int d, int groups) {
    int n = x.dim(0), cIn = x.dim(1), h = x.dim(2), wd = x.dim(3), oh = dy.dim(2), ow = dy.dim(3);
    int o = wShape[0], cg = wShape[1], kh = wShape[2], kw = wShape[3], og = o / groups;
    double[] xs = x.to(DType.F64).f64(), ds = dy.to(DType.F64).f64(), dw = new double[o * cg * kh * kw];
    for (int oc = 0; oc < o; oc++) for (int c = 0; c < cg; c++) for (int p = 0; p < kh; p++) for (int q = 0; q < kw; q++) {
      double sum = 0;
      int g = oc / og;
      for (int in = 0; in < n; in++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
        int r = i - pad + p * d, col = j - pad + q * d;
        if (r < 0 || r >= h || col < 0 || col >= wd) continue;
        sum += ds[((in * o + oc) * oh + i) * ow + j] * xs[((in * cIn + g * cg + c) * h + r) * wd + col];
      }
      dw[((oc * cg + c) * kh + p) * kw + q] = sum;
    }
    return dw;
  }
}
