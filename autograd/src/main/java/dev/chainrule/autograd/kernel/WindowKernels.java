package dev.chainrule.autograd.kernel;

/**
 * Sliding-window kernels for convolution and pooling, plain loops in float and double (the float and
 * double versions are the same code line for line): the column matrix of an image (im2col) that
 * turns a convolution into one gemm, its adjoint (col2im), the argmax of max pooling, and the
 * gather/scatter pair that routes pooling's gradient. Memory movement only, no arithmetic to
 * vectorise beyond the adds of col2im, so there is no SIMD twin; the gemm that follows is SIMD.
 * Callers validate; these trust their arguments.
 */
public final class WindowKernels {
  private WindowKernels() {}

  /**
   * The column matrix of one image (im2col): cols[(c·kernelH + kh)·kernelW + kw][oh·outW + ow] =
   * x[c][oh·strideH − padH + kh·dilationH][ow·strideW − padW + kw·dilationW], 0 in the padding.
   * The image starts at {@code xOff}; its matrix of {@code w.taps()} rows of {@code w.positions()}
   * starts at {@code colsOff} in cols, rows {@code ld} apart ({@code ld} = positions for one
   * image; a wider ld puts several images' matrices side by side, so one gemm covers them all).
   */
  public static void im2col(Window w, float[] x, int xOff, float[] cols, int colsOff, int ld) {
    int height = w.height(), width = w.width(), outH = w.outH(), outW = w.outW();
    int strideH = w.strideH(), strideW = w.strideW(), plane = height * width, row = 0;
    for (int c = 0; c < w.channels(); c++) {
      for (int kh = 0; kh < w.kernelH(); kh++) {
        int dy = kh * w.dilationH() - w.padH();
        for (int kw = 0; kw < w.kernelW(); kw++, row++) {
          int dx = kw * w.dilationW() - w.padW();
          int lo = w.firstColumn(dx), hi = w.endColumn(dx);
          int base = xOff + c * plane + dx, o = colsOff + row * ld;
          for (int oh = 0; oh < outH; oh++, o += outW) {
            int ih = oh * strideH + dy;
            if (ih < 0 || ih >= height || lo >= hi) {
              for (int j = 0; j < outW; j++) cols[o + j] = 0f;
              continue;
            }
            int in = base + ih * width;
            for (int j = 0; j < lo; j++) cols[o + j] = 0f;
            // stride 1 (every convolution of LeNet): a contiguous run, which arraycopy moves
            // 2-3x faster than an indexed loop over rows of 10-28 elements
            if (strideW == 1) System.arraycopy(x, in + lo, cols, o + lo, hi - lo);
            else for (int ow = lo; ow < hi; ow++) cols[o + ow] = x[in + ow * strideW];
            for (int j = hi; j < outW; j++) cols[o + j] = 0f;
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #im2col(Window, float[], int, float[], int, int)} (col2im): adds each entry of the
   * column matrix (at {@code colsOff}, rows {@code ld} apart) into the image element it was read
   * from; padding entries are dropped.
   */
  public static void col2imAdd(Window w, float[] cols, int colsOff, int ld, float[] x, int xOff) {
    int height = w.height(), width = w.width(), outH = w.outH(), outW = w.outW();
    int strideH = w.strideH(), strideW = w.strideW(), plane = height * width, row = 0;
    for (int c = 0; c < w.channels(); c++) {
      for (int kh = 0; kh < w.kernelH(); kh++) {
        int dy = kh * w.dilationH() - w.padH();
        for (int kw = 0; kw < w.kernelW(); kw++, row++) {
          int dx = kw * w.dilationW() - w.padW();
          int lo = w.firstColumn(dx), hi = w.endColumn(dx);
          int base = xOff + c * plane + dx, o = colsOff + row * ld;
          for (int oh = 0; oh < outH; oh++, o += outW) {
            int ih = oh * strideH + dy;
            if (ih < 0 || ih >= height) continue;
            int in = base + ih * width;
            if (strideW == 1) {   // a unit-stride loop C2 unrolls and vectorises
              int to = in + lo, from = o + lo, n = hi - lo;
              for (int j = 0; j < n; j++) x[to + j] += cols[from + j];
            } else {
              for (int ow = lo; ow < hi; ow++) x[in + ow * strideW] += cols[o + ow];
            }
          }
        }
      }
    }
  }

  /**
   * For each of {@code planes} planes and each window (dilation 1 for pooling is the caller's
   * choice), the flat index into x of the window's largest element, the first one on ties and
   * NaN winning like PyTorch; padding never wins. Writes planes·outH·outW indices into argmax.
   */
  public static void maxPoolArgmax(Window w, int planes, float[] x, int[] argmax) {
    int plane = w.height() * w.width(), width = w.width(), i = 0;
    int kernelH = w.kernelH(), kernelW = w.kernelW(), rowStep = w.dilationH() * width, colStep = w.dilationW();
    // the usual pool: constant trip counts, which C2 unrolls (3.3 ns a window instead of 8)
    boolean twoByTwo = kernelH == 2 && kernelW == 2;
    // windows wholly inside the image (all of them when there is no padding) skip the bounds checks
    int rowLo = w.firstRow(-w.padH()), rowHi = w.endRow((kernelH - 1) * w.dilationH() - w.padH());
    int colLo = w.firstColumn(-w.padW()), colHi = w.endColumn((kernelW - 1) * w.dilationW() - w.padW());
    for (int p = 0; p < planes; p++) {
      int base = p * plane;
      for (int oh = 0; oh < w.outH(); oh++) {
        boolean rowInside = oh >= rowLo && oh < rowHi;
        int rowFirst = base + (oh * w.strideH() - w.padH()) * width - w.padW();
        for (int ow = 0; ow < w.outW(); ow++, i++) {
          int first = rowFirst + ow * w.strideW();
          if (rowInside && ow >= colLo && ow < colHi) {
            argmax[i] = twoByTwo ? argmaxInside(x, first, 2, 2, rowStep, colStep)
                : argmaxInside(x, first, kernelH, kernelW, rowStep, colStep);
          } else {
            argmax[i] = argmaxClipped(w, x, base, oh, ow);
          }
        }
      }
    }
  }

  /**
   * The argmax of a window with every tap inside the image, its first tap at {@code first},
   * without a data-dependent branch: on activations the comparisons go either way at random, and
   * mispredicting them cost 5 ns a tap (LeNet's 2x2 pools: 21 ns a window with branches, 3.3 ns
   * like this). The best value is read back through its index so that the only value carried
   * from tap to tap is an int, which C2 selects with a conditional move (it branches on a float
   * select). A tap wins when v > best, or v is NaN and best is not.
   */
  private static int argmaxInside(float[] x, int first, int kernelH, int kernelW, int rowStep, int colStep) {
    int best = first;
    for (int kh = 0, row = first; kh < kernelH; kh++, row += rowStep) {
      for (int kw = 0, at = row; kw < kernelW; kw++, at += colStep) {
        float v = x[at], bestValue = x[best];
        best = !(v <= bestValue) & bestValue == bestValue ? at : best;
      }
    }
    return best;
  }

  /** The argmax of a window that reaches into the padding: taps outside the image are skipped. */
  private static int argmaxClipped(Window w, float[] x, int base, int oh, int ow) {
    int best = -1;
    float bestValue = Float.NEGATIVE_INFINITY;
    for (int kh = 0; kh < w.kernelH(); kh++) {
      int ih = oh * w.strideH() - w.padH() + kh * w.dilationH();
      if (ih < 0 || ih >= w.height()) continue;
      for (int kw = 0; kw < w.kernelW(); kw++) {
        int iw = ow * w.strideW() - w.padW() + kw * w.dilationW();
        if (iw < 0 || iw >= w.width()) continue;
        int at = base + ih * w.width() + iw;
        float v = x[at];
        if (best < 0 || v > bestValue || (v != v && bestValue == bestValue)) {
          best = at;
          bestValue = v;
        }
      }
    }
    return best;
  }

  /**
   * Copies the image of x at {@code xOff} ({@code w.channels()} planes of height×width) into the
   * interior of padded planes (paddedHeight×paddedWidth each) at {@code pOff}; the border is not
   * written, so a zeroed buffer stays zero there.
   */
  public static void padInto(Window w, float[] x, int xOff, float[] padded, int pOff) {
    int height = w.height(), width = w.width(), paddedWidth = w.paddedWidth();
    int plane = height * width, paddedPlane = w.paddedHeight() * paddedWidth;
    if (paddedWidth == width && w.paddedHeight() == height) {
      System.arraycopy(x, xOff, padded, pOff, w.channels() * plane);
      return;
    }
    for (int c = 0; c < w.channels(); c++) {
      int from = xOff + c * plane, to = pOff + c * paddedPlane + w.padH() * paddedWidth + w.padW();
      for (int ih = 0; ih < height; ih++) System.arraycopy(x, from + ih * width, padded, to + ih * paddedWidth, width);
    }
  }

  /** out[i] = x[index[i]] for every i of index (a gather). */
  public static void take(float[] x, int[] index, float[] out) {
    for (int i = 0; i < index.length; i++) out[i] = x[index[i]];
  }

  /** out[index[i]] += x[i] for every i of index, in order (a scatter-add, the adjoint of take). */
  public static void scatterAdd(float[] x, int[] index, float[] out) {
    for (int i = 0; i < index.length; i++) out[index[i]] += x[i];
  }

  /**
   * The column matrix of one image (im2col): cols[(c·kernelH + kh)·kernelW + kw][oh·outW + ow] =
   * x[c][oh·strideH − padH + kh·dilationH][ow·strideW − padW + kw·dilationW], 0 in the padding.
   * The image starts at {@code xOff}; its matrix of {@code w.taps()} rows of {@code w.positions()}
   * starts at {@code colsOff} in cols, rows {@code ld} apart ({@code ld} = positions for one
   * image; a wider ld puts several images' matrices side by side, so one gemm covers them all).
   */
  public static void im2col(Window w, double[] x, int xOff, double[] cols, int colsOff, int ld) {
    int height = w.height(), width = w.width(), outH = w.outH(), outW = w.outW();
    int strideH = w.strideH(), strideW = w.strideW(), plane = height * width, row = 0;
    for (int c = 0; c < w.channels(); c++) {
      for (int kh = 0; kh < w.kernelH(); kh++) {
        int dy = kh * w.dilationH() - w.padH();
        for (int kw = 0; kw < w.kernelW(); kw++, row++) {
          int dx = kw * w.dilationW() - w.padW();
          int lo = w.firstColumn(dx), hi = w.endColumn(dx);
          int base = xOff + c * plane + dx, o = colsOff + row * ld;
          for (int oh = 0; oh < outH; oh++, o += outW) {
            int ih = oh * strideH + dy;
            if (ih < 0 || ih >= height || lo >= hi) {
              for (int j = 0; j < outW; j++) cols[o + j] = 0.0;
              continue;
            }
            int in = base + ih * width;
            for (int j = 0; j < lo; j++) cols[o + j] = 0.0;
            // stride 1 (every convolution of LeNet): a contiguous run, which arraycopy moves
            // 2-3x faster than an indexed loop over rows of 10-28 elements
            if (strideW == 1) System.arraycopy(x, in + lo, cols, o + lo, hi - lo);
            else for (int ow = lo; ow < hi; ow++) cols[o + ow] = x[in + ow * strideW];
            for (int j = hi; j < outW; j++) cols[o + j] = 0.0;
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #im2col(Window, double[], int, double[], int, int)} (col2im): adds each entry of the
   * column matrix (at {@code colsOff}, rows {@code ld} apart) into the image element it was read
   * from; padding entries are dropped.
   */
  public static void col2imAdd(Window w, double[] cols, int colsOff, int ld, double[] x, int xOff) {
    int height = w.height(), width = w.width(), outH = w.outH(), outW = w.outW();
    int strideH = w.strideH(), strideW = w.strideW(), plane = height * width, row = 0;
    for (int c = 0; c < w.channels(); c++) {
      for (int kh = 0; kh < w.kernelH(); kh++) {
        int dy = kh * w.dilationH() - w.padH();
        for (int kw = 0; kw < w.kernelW(); kw++, row++) {
          int dx = kw * w.dilationW() - w.padW();
          int lo = w.firstColumn(dx), hi = w.endColumn(dx);
          int base = xOff + c * plane + dx, o = colsOff + row * ld;
          for (int oh = 0; oh < outH; oh++, o += outW) {
            int ih = oh * strideH + dy;
            if (ih < 0 || ih >= height) continue;
            int in = base + ih * width;
            if (strideW == 1) {   // a unit-stride loop C2 unrolls and vectorises
              int to = in + lo, from = o + lo, n = hi - lo;
              for (int j = 0; j < n; j++) x[to + j] += cols[from + j];
            } else {
              for (int ow = lo; ow < hi; ow++) x[in + ow * strideW] += cols[o + ow];
            }
          }
        }
      }
    }
  }

  /**
   * For each of {@code planes} planes and each window (dilation 1 for pooling is the caller's
   * choice), the flat index into x of the window's largest element, the first one on ties and
   * NaN winning like PyTorch; padding never wins. Writes planes·outH·outW indices into argmax.
   */
  public static void maxPoolArgmax(Window w, int planes, double[] x, int[] argmax) {
    int plane = w.height() * w.width(), width = w.width(), i = 0;
    int kernelH = w.kernelH(), kernelW = w.kernelW(), rowStep = w.dilationH() * width, colStep = w.dilationW();
    // the usual pool: constant trip counts, which C2 unrolls (3.3 ns a window instead of 8)
    boolean twoByTwo = kernelH == 2 && kernelW == 2;
    // windows wholly inside the image (all of them when there is no padding) skip the bounds checks
    int rowLo = w.firstRow(-w.padH()), rowHi = w.endRow((kernelH - 1) * w.dilationH() - w.padH());
    int colLo = w.firstColumn(-w.padW()), colHi = w.endColumn((kernelW - 1) * w.dilationW() - w.padW());
    for (int p = 0; p < planes; p++) {
      int base = p * plane;
      for (int oh = 0; oh < w.outH(); oh++) {
        boolean rowInside = oh >= rowLo && oh < rowHi;
        int rowFirst = base + (oh * w.strideH() - w.padH()) * width - w.padW();
        for (int ow = 0; ow < w.outW(); ow++, i++) {
          int first = rowFirst + ow * w.strideW();
          if (rowInside && ow >= colLo && ow < colHi) {
            argmax[i] = twoByTwo ? argmaxInside(x, first, 2, 2, rowStep, colStep)
                : argmaxInside(x, first, kernelH, kernelW, rowStep, colStep);
          } else {
            argmax[i] = argmaxClipped(w, x, base, oh, ow);
          }
        }
      }
    }
  }

  /**
   * The argmax of a window with every tap inside the image, its first tap at {@code first},
   * without a data-dependent branch: on activations the comparisons go either way at random, and
   * mispredicting them cost 5 ns a tap (LeNet's 2x2 pools: 21 ns a window with branches, 3.3 ns
   * like this). The best value is read back through its index so that the only value carried
   * from tap to tap is an int, which C2 selects with a conditional move (it branches on a float
   * select). A tap wins when v > best, or v is NaN and best is not.
   */
  private static int argmaxInside(double[] x, int first, int kernelH, int kernelW, int rowStep, int colStep) {
    int best = first;
    for (int kh = 0, row = first; kh < kernelH; kh++, row += rowStep) {
      for (int kw = 0, at = row; kw < kernelW; kw++, at += colStep) {
        double v = x[at], bestValue = x[best];
        best = !(v <= bestValue) & bestValue == bestValue ? at : best;
      }
    }
    return best;
  }

  /** The argmax of a window that reaches into the padding: taps outside the image are skipped. */
  private static int argmaxClipped(Window w, double[] x, int base, int oh, int ow) {
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int kh = 0; kh < w.kernelH(); kh++) {
      int ih = oh * w.strideH() - w.padH() + kh * w.dilationH();
      if (ih < 0 || ih >= w.height()) continue;
      for (int kw = 0; kw < w.kernelW(); kw++) {
        int iw = ow * w.strideW() - w.padW() + kw * w.dilationW();
        if (iw < 0 || iw >= w.width()) continue;
        int at = base + ih * w.width() + iw;
        double v = x[at];
        if (best < 0 || v > bestValue || (v != v && bestValue == bestValue)) {
          best = at;
          bestValue = v;
        }
      }
    }
    return best;
  }

  /**
   * Copies the image of x at {@code xOff} ({@code w.channels()} planes of height×width) into the
   * interior of padded planes (paddedHeight×paddedWidth each) at {@code pOff}; the border is not
   * written, so a zeroed buffer stays zero there.
   */
  public static void padInto(Window w, double[] x, int xOff, double[] padded, int pOff) {
    int height = w.height(), width = w.width(), paddedWidth = w.paddedWidth();
    int plane = height * width, paddedPlane = w.paddedHeight() * paddedWidth;
    if (paddedWidth == width && w.paddedHeight() == height) {
      System.arraycopy(x, xOff, padded, pOff, w.channels() * plane);
      return;
    }
    for (int c = 0; c < w.channels(); c++) {
      int from = xOff + c * plane, to = pOff + c * paddedPlane + w.padH() * paddedWidth + w.padW();
      for (int ih = 0; ih < height; ih++) System.arraycopy(x, from + ih * width, padded, to + ih * paddedWidth, width);
    }
  }

  /** out[i] = x[index[i]] for every i of index (a gather). */
  public static void take(double[] x, int[] index, double[] out) {
    for (int i = 0; i < index.length; i++) out[i] = x[index[i]];
  }

  /** out[index[i]] += x[i] for every i of index, in order (a scatter-add, the adjoint of take). */
  public static void scatterAdd(double[] x, int[] index, double[] out) {
    for (int i = 0; i < index.length; i++) out[index[i]] += x[i];
  }
}
