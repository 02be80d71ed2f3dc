package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.Window;
import dev.chainrule.autograd.kernel.WindowKernels;

/**
 * Runs the sliding-window kernels on tensors: the one place the convolution and pooling
 * primitives dispatch on dtype, so their forwards read as the algorithm.
 */
final class Windows {
  private Windows() {}

  /** cols at {@code colsOff}, rows {@code ld} apart ← the column matrix of the image of x starting at {@code off}. */
  static void im2col(Window w, Tensor x, int off, Tensor cols, int colsOff, int ld) {
    if (x.dtype() == DType.F32) WindowKernels.im2col(w, x.f32(), off, cols.f32(), colsOff, ld);
    else WindowKernels.im2col(w, x.f64(), off, cols.f64(), colsOff, ld);
  }

  /** The image of x starting at {@code off} += col2im(the column matrix at {@code colsOff}, rows {@code ld} apart). */
  static void col2imAdd(Window w, Tensor cols, int colsOff, int ld, Tensor x, int off) {
    if (x.dtype() == DType.F32) WindowKernels.col2imAdd(w, cols.f32(), colsOff, ld, x.f32(), off);
    else WindowKernels.col2imAdd(w, cols.f64(), colsOff, ld, x.f64(), off);
  }

  /** The interior of the padded planes at {@code pOff} ← the image of x at {@code off}. */
  static void padInto(Window w, Tensor x, int off, Tensor padded, int pOff) {
    if (x.dtype() == DType.F32) WindowKernels.padInto(w, x.f32(), off, padded.f32(), pOff);
    else WindowKernels.padInto(w, x.f64(), off, padded.f64(), pOff);
  }

  /** {@code rows} rows of {@code length} from {@code from} at {@code fromOff} (rows {@code fromLd} apart) to {@code to} at {@code toOff} (rows {@code toLd} apart). */
  static void copyRows(Tensor from, int fromOff, int fromLd, Tensor to, int toOff, int toLd, int rows, int length) {
    Object src = from.dtype() == DType.F32 ? from.f32() : from.f64(), dst = to.dtype() == DType.F32 ? to.f32() : to.f64();
    if (fromLd == length && toLd == length) {
      System.arraycopy(src, fromOff, dst, toOff, rows * length);
      return;
    }
    for (int r = 0; r < rows; r++) System.arraycopy(src, fromOff + r * fromLd, dst, toOff + r * toLd, length);
  }

  /** The flat index of each pooling window's maximum over all planes of x. */
  static int[] maxPoolArgmax(Window w, Tensor x) {
    int planes = x.size() / (w.height() * w.width());
    int[] argmax = new int[planes * w.positions()];
    if (x.dtype() == DType.F32) WindowKernels.maxPoolArgmax(w, planes, x.f32(), argmax);
    else WindowKernels.maxPoolArgmax(w, planes, x.f64(), argmax);
    return argmax;
  }

  /** out[i] = x[index[i]]. */
  static void take(Tensor x, int[] index, Tensor out) {
    if (x.dtype() == DType.F32) WindowKernels.take(x.f32(), index, out.f32());
    else WindowKernels.take(x.f64(), index, out.f64());
  }

  /** out[index[i]] += x[i]. */
  static void scatterAdd(Tensor x, int[] index, Tensor out) {
    if (x.dtype() == DType.F32) WindowKernels.scatterAdd(x.f32(), index, out.f32());
    else WindowKernels.scatterAdd(x.f64(), index, out.f64());
  }

  /** C[m×n] = Aᵀ·B for A stored k×m at aOff and B k×n at bOff (one thread: the products are small). */
  static void gemmTransA(int m, int n, int k, Tensor a, int aOff, Tensor b, int bOff, Tensor c) {
    if (a.dtype() == DType.F32) Compute.kernels().gemm(true, false, m, n, k, a.f32(), aOff, b.f32(), bOff, c.f32(), 0, false);
    else Compute.kernels().gemm(true, false, m, n, k, a.f64(), aOff, b.f64(), bOff, c.f64(), 0, false);
  }

  /** t[off .. off + n) += bias[at]. */
  static void addScalar(Tensor t, int off, int n, Tensor bias, int at) {
    if (t.dtype() == DType.F32) {
      float[] a = t.f32();
      float v = bias.f32()[at];
      for (int i = off; i < off + n; i++) a[i] += v;
    } else {
      double[] a = t.f64();
      double v = bias.f64()[at];
      for (int i = off; i < off + n; i++) a[i] += v;
    }
  }

  /** t[r, :] = bias[biasOff + r] for the {@code rows} rows of {@code length} at the start of t. */
  static void fillRows(Tensor t, Tensor bias, int biasOff, int rows, int length) {
    for (int r = 0; r < rows; r++) {
      if (t.dtype() == DType.F32) java.util.Arrays.fill(t.f32(), r * length, (r + 1) * length, bias.f32()[biasOff + r]);
      else java.util.Arrays.fill(t.f64(), r * length, (r + 1) * length, bias.f64()[biasOff + r]);
    }
  }

  /** y[n, c, :] = bias[c] for y viewed as [batch, channels, positions]. */
  static void fillChannels(Tensor y, Tensor bias, int batch, int channels, int positions) {
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        int from = (n * channels + c) * positions;
        if (y.dtype() == DType.F32) java.util.Arrays.fill(y.f32(), from, from + positions, bias.f32()[c]);
        else java.util.Arrays.fill(y.f64(), from, from + positions, bias.f64()[c]);
      }
    }
  }
}
