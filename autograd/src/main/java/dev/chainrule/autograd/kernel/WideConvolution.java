package dev.chainrule.autograd.kernel;

/**
 * The scalar reference of the direct convolution kernels ({@link Kernels#convWide} and its weight
 * gradient), in float and double, line for line the same: plain loops over the positions q and
 * the taps j. The forward sums each output from zero in tap order with fused multiply-adds, as
 * the SIMD twin does lane by lane, so the two agree bit for bit; the weight gradient sums images
 * and positions in order (the SIMD twin sums lanes apart, so agrees within rounding).
 */
public final class WideConvolution {
  private WideConvolution() {}

  /** out[o·outStride + q] = Σ_j w[o·J + j]·x[q + taps[j]] (offsets added), J = taps.length. */
  public static void convWide(float[] x, int xOff, int[] taps, float[] w, int wOff, int outChannels,
                              float[] out, int outOff, int outStride, int length) {
    int J = taps.length;
    for (int o = 0; o < outChannels; o++) {
      for (int q = 0; q < length; q++) {
        float sum = 0f;
        for (int j = 0; j < J; j++) sum = Math.fma(w[wOff + o * J + j], x[xOff + q + taps[j]], sum);
        out[outOff + o * outStride + q] = sum;
      }
    }
  }

  /** dw[o·J + j] += Σ_n Σ_q dy[n·dyImage + o·dyStride + q]·x[n·xImage + q + taps[j]] (offsets added). */
  public static void convWideWeightGrad(float[] x, int xOff, int xImage, int[] taps, float[] dy, int dyOff, int dyImage,
                                        int dyStride, int outChannels, int images, int length, float[] dw, int dwOff) {
    int J = taps.length;
    for (int o = 0; o < outChannels; o++) {
      for (int j = 0; j < J; j++) {
        float sum = 0f;
        for (int n = 0; n < images; n++) {
          int d = dyOff + n * dyImage + o * dyStride, xi = xOff + n * xImage + taps[j];
          for (int q = 0; q < length; q++) sum += dy[d + q] * x[xi + q];
        }
        dw[dwOff + o * J + j] += sum;
      }
    }
  }

  /** out[o·outStride + q] = Σ_j w[o·J + j]·x[q + taps[j]] (offsets added), J = taps.length. */
  public static void convWide(double[] x, int xOff, int[] taps, double[] w, int wOff, int outChannels,
                              double[] out, int outOff, int outStride, int length) {
    int J = taps.length;
    for (int o = 0; o < outChannels; o++) {
      for (int q = 0; q < length; q++) {
        double sum = 0.0;
        for (int j = 0; j < J; j++) sum = Math.fma(w[wOff + o * J + j], x[xOff + q + taps[j]], sum);
        out[outOff + o * outStride + q] = sum;
      }
    }
  }

  /** dw[o·J + j] += Σ_n Σ_q dy[n·dyImage + o·dyStride + q]·x[n·xImage + q + taps[j]] (offsets added). */
  public static void convWideWeightGrad(double[] x, int xOff, int xImage, int[] taps, double[] dy, int dyOff, int dyImage,
                                        int dyStride, int outChannels, int images, int length, double[] dw, int dwOff) {
    int J = taps.length;
    for (int o = 0; o < outChannels; o++) {
      for (int j = 0; j < J; j++) {
        double sum = 0.0;
        for (int n = 0; n < images; n++) {
          int d = dyOff + n * dyImage + o * dyStride, xi = xOff + n * xImage + taps[j];
          for (int q = 0; q < length; q++) sum += dy[d + q] * x[xi + q];
        }
        dw[dwOff + o * J + j] += sum;
      }
    }
  }
}
