package dev.chainrule.autograd.kernel.simd;

/**
 * The direct convolution kernels of {@link dev.chainrule.autograd.kernel.Kernels} for one element
 * type, implemented by {@link FloatConv} and its hidden copies.
 *
 * @param <A> the array type
 */
interface ConvOps<A> {
  /** As {@link dev.chainrule.autograd.kernel.Kernels#convWide(float[], int, int[], float[], int, int, float[], int, int, int)}. */
  void convWide(A x, int xOff, int[] taps, A w, int wOff, int outChannels, A out, int outOff, int outStride, int length);

  /** As {@link dev.chainrule.autograd.kernel.Kernels#convWideWeightGrad(float[], int, int, int[], float[], int, int, int, int, int, int, float[], int)}. */
  void convWideWeightGrad(A x, int xOff, int xImage, int[] taps, A dy, int dyOff, int dyImage, int dyStride,
                          int outChannels, int images, int length, A dw, int dwOff);
}
