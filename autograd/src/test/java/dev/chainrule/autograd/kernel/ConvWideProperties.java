package dev.chainrule.autograd.kernel;

import static dev.chainrule.autograd.kernel.KernelAsserts.assertBitExact;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.kernel.simd.SimdKernels;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The direct convolution kernels' SIMD twin against the scalar reference, at the preferred width
 * and at 128 bits, on awkward sizes: no outputs, no taps, lengths that are not a whole number of
 * vectors, output channels past the 4-channel blocks, taps past the pairs, several images at
 * offsets. The forward agrees bit for bit (each output is one FMA chain in tap order in both); the
 * weight gradient, which the SIMD twin sums lane by lane, within rounding.
 */
@AddLifecycleHook(NeedsVectorApi.class)
class ConvWideProperties {
  private static final ScalarKernels REF = new ScalarKernels();

  @Provide
  Arbitrary<Kernels> simd() {
    SimdKernels wide = new SimdKernels();
    return wide.name().equals("simd-128") ? Arbitraries.just(wide) : Arbitraries.of(wide, new SimdKernels(128));
  }

  @Property(tries = 200)
  void forwardIsBitIdenticalToTheScalarTwin(@ForAll("simd") Kernels simd, @ForAll @IntRange(max = 9) int outChannels,
                                            @ForAll @IntRange(max = 11) int tapCount, @ForAll @IntRange(max = 70) int length,
                                            @ForAll @IntRange(max = 5) int offset, @ForAll long seed) {
    Random rnd = new Random(seed);
    int[] taps = randomTaps(rnd, tapCount);
    int span = length + 40 + offset;
    float[] x = floats(rnd, span), w = floats(rnd, offset + outChannels * tapCount);
    int outStride = length + 3;
    float[] want = new float[offset + outChannels * outStride], got = want.clone();
    REF.convWide(x, offset, taps, w, offset, outChannels, want, offset, outStride, length);
    simd.convWide(x, offset, taps, w, offset, outChannels, got, offset, outStride, length);
    assertBitExact(simd.name() + " convWide", x, want, got);

    double[] xd = doubles(x), wd = doubles(w), wantD = new double[want.length], gotD = new double[want.length];
    REF.convWide(xd, offset, taps, wd, offset, outChannels, wantD, offset, outStride, length);
    simd.convWide(xd, offset, taps, wd, offset, outChannels, gotD, offset, outStride, length);
    assertBitExact(simd.name() + " convWide double", xd, wantD, gotD);
  }

  @Property(tries = 200)
  void weightGradientAgreesWithTheScalarTwin(@ForAll("simd") Kernels simd, @ForAll @IntRange(max = 9) int outChannels,
                                             @ForAll @IntRange(max = 11) int tapCount, @ForAll @IntRange(max = 70) int length,
                                             @ForAll @IntRange(max = 3) int images, @ForAll @IntRange(max = 5) int offset,
                                             @ForAll long seed) {
    Random rnd = new Random(seed);
    int[] taps = randomTaps(rnd, tapCount);
    int xImage = length + 40, dyStride = length + 2, dyImage = outChannels * dyStride + 1;
    float[] x = floats(rnd, offset + images * xImage + 40), dy = floats(rnd, offset + images * dyImage);
    float[] start = floats(rnd, offset + outChannels * tapCount);   // accumulates into what is there
    float[] want = start.clone(), got = start.clone();
    REF.convWideWeightGrad(x, offset, xImage, taps, dy, offset, dyImage, dyStride, outChannels, images, length, want, offset);
    simd.convWideWeightGrad(x, offset, xImage, taps, dy, offset, dyImage, dyStride, outChannels, images, length, got, offset);
    for (int i = 0; i < want.length; i++) {
      double scale = 1 + Math.abs(start[i]) + images * length;   // |terms| < 1, so this bounds the sum's magnitude
      assertEquals(want[i], got[i], 1e-6 * scale, simd.name() + " convWideWeightGrad, element " + i);
    }
  }

  /** Offsets of each tap into x: a few rows of a made-up padded width, any order. */
  private static int[] randomTaps(Random rnd, int count) {
    int[] taps = new int[count];
    for (int j = 0; j < count; j++) taps[j] = rnd.nextInt(40);
    return taps;
  }

  private static float[] floats(Random rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2 - 1;
    return a;
  }

  private static double[] doubles(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) d[i] = a[i];
    return d;
  }
}
