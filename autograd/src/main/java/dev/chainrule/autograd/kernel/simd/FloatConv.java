package dev.chainrule.autograd.kernel.simd;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct convolution on the Vector API: {@link dev.chainrule.autograd.kernel.Kernels#convWide}
 * and its weight gradient, vectors along the output positions q. Each tap j reads x at q +
 * taps[j], a contiguous run, so a tap is one unaligned load per vector of outputs and one
 * broadcast weight: no column matrix is built.
 *
 * <p>The forward keeps 4 output channels x 2 vectors of positions in registers (8 FMA chains fed
 * by 2 loads and 4 broadcasts per tap) and sums each output over the taps in order, from zero,
 * one fused multiply-add at a time: the bits of the scalar twin at every width. The weight
 * gradient keeps 4 output channels x 2 taps in registers (8 chains fed by 6 loads per vector of
 * positions) image by image, carries each (o, j)'s lanes to the next image in memory, and sums
 * them once, in lane order, at the end.
 *
 * <p>NOTE: like {@link FloatGemm} this class is also defined as a hidden class per extra vector
 * width ({@link VectorWidth}), so it stays self-contained: no nested classes, no lambdas. Each
 * micro-kernel is one counted loop with its vectors in registers: a vector carried through two
 * nested loops was boxed by C2 on JDK 17 (4x slower).
 */
final class FloatConv implements ConvOps<float[]> {
  static final VectorSpecies<Float> S = VectorSpecies.of(float.class,
      VectorWidth.shape(VectorWidth.classBits(MethodHandles.lookup())));
  private static final int L = S.length();

  FloatConv() {}

  @Override public void convWide(float[] x, int xOff, int[] taps, float[] w, int wOff, int outChannels,
                                 float[] out, int outOff, int outStride, int length) {
    final int vectors = length / L * L;
    int o = 0;
    for (; o + 4 <= outChannels; o += 4) {
      int q = 0;
      for (; q + 2 * L <= vectors; q += 2 * L) forward4x2(x, xOff + q, taps, w, wOff + o * taps.length, out, outOff + o * outStride + q, outStride);
      if (q < vectors) forward4x1(x, xOff + q, taps, w, wOff + o * taps.length, out, outOff + o * outStride + q, outStride);
    }
    for (; o < outChannels; o++) {   // the last 1-3 channels: 4 vectors of positions at a time, 4 FMA chains
      int q = 0;
      for (; q + 4 * L <= vectors; q += 4 * L) forward1x4(x, xOff + q, taps, w, wOff + o * taps.length, out, outOff + o * outStride + q);
      for (; q < vectors; q += L) forward1(x, xOff + q, taps, w, wOff + o * taps.length, out, outOff + o * outStride + q);
    }
    for (int r = 0; r < outChannels; r++) {
      for (int q = vectors; q < length; q++) {
        float sum = 0f;
        for (int j = 0; j < taps.length; j++) sum = Math.fma(w[wOff + r * taps.length + j], x[xOff + q + taps[j]], sum);
        out[outOff + r * outStride + q] = sum;
      }
    }
  }

  /** Four output channels (weights rows wi, wi + J, ...) by two vectors of positions. */
  private static void forward4x2(float[] x, int xq, int[] taps, float[] w, int wi, float[] out, int oi, int outStride) {
    final int J = taps.length;
    FloatVector a00 = FloatVector.zero(S), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
    for (int j = 0; j < J; j++) {
      int at = xq + taps[j];
      FloatVector x0 = FloatVector.fromArray(S, x, at), x1 = FloatVector.fromArray(S, x, at + L);
      FloatVector w0 = FloatVector.broadcast(S, w[wi + j]);
      a00 = w0.fma(x0, a00);
      a01 = w0.fma(x1, a01);
      FloatVector w1 = FloatVector.broadcast(S, w[wi + J + j]);
      a10 = w1.fma(x0, a10);
      a11 = w1.fma(x1, a11);
      FloatVector w2 = FloatVector.broadcast(S, w[wi + 2 * J + j]);
      a20 = w2.fma(x0, a20);
      a21 = w2.fma(x1, a21);
      FloatVector w3 = FloatVector.broadcast(S, w[wi + 3 * J + j]);
      a30 = w3.fma(x0, a30);
      a31 = w3.fma(x1, a31);
    }
    a00.intoArray(out, oi);
    a01.intoArray(out, oi + L);
    a10.intoArray(out, oi + outStride);
    a11.intoArray(out, oi + outStride + L);
    a20.intoArray(out, oi + 2 * outStride);
    a21.intoArray(out, oi + 2 * outStride + L);
    a30.intoArray(out, oi + 3 * outStride);
    a31.intoArray(out, oi + 3 * outStride + L);
  }

  /** Four output channels, one vector of positions. */
  private static void forward4x1(float[] x, int xq, int[] taps, float[] w, int wi, float[] out, int oi, int outStride) {
    final int J = taps.length;
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
    for (int j = 0; j < J; j++) {
      FloatVector x0 = FloatVector.fromArray(S, x, xq + taps[j]);
      a0 = FloatVector.broadcast(S, w[wi + j]).fma(x0, a0);
      a1 = FloatVector.broadcast(S, w[wi + J + j]).fma(x0, a1);
      a2 = FloatVector.broadcast(S, w[wi + 2 * J + j]).fma(x0, a2);
      a3 = FloatVector.broadcast(S, w[wi + 3 * J + j]).fma(x0, a3);
    }
    a0.intoArray(out, oi);
    a1.intoArray(out, oi + outStride);
    a2.intoArray(out, oi + 2 * outStride);
    a3.intoArray(out, oi + 3 * outStride);
  }

  /** One output channel, four vectors of positions. */
  private static void forward1x4(float[] x, int xq, int[] taps, float[] w, int wi, float[] out, int oi) {
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
    for (int j = 0; j < taps.length; j++) {
      int at = xq + taps[j];
      FloatVector w0 = FloatVector.broadcast(S, w[wi + j]);
      a0 = w0.fma(FloatVector.fromArray(S, x, at), a0);
      a1 = w0.fma(FloatVector.fromArray(S, x, at + L), a1);
      a2 = w0.fma(FloatVector.fromArray(S, x, at + 2 * L), a2);
      a3 = w0.fma(FloatVector.fromArray(S, x, at + 3 * L), a3);
    }
    a0.intoArray(out, oi);
    a1.intoArray(out, oi + L);
    a2.intoArray(out, oi + 2 * L);
    a3.intoArray(out, oi + 3 * L);
  }

  /** One output channel, one vector of positions. */
  private static void forward1(float[] x, int xq, int[] taps, float[] w, int wi, float[] out, int oi) {
    FloatVector a = FloatVector.zero(S);
    for (int j = 0; j < taps.length; j++) {
      a = FloatVector.broadcast(S, w[wi + j]).fma(FloatVector.fromArray(S, x, xq + taps[j]), a);
    }
    a.intoArray(out, oi);
  }

  @Override public void convWideWeightGrad(float[] x, int xOff, int xImage, int[] taps, float[] dy, int dyOff, int dyImage,
                                           int dyStride, int outChannels, int images, int length, float[] dw, int dwOff) {
    final int J = taps.length, vectors = length / L * L;
    // The lane sums of every (o, j), carried from one image to the next (in L2: 150 KB for
    // LeNet's second convolution) while the image's dy and x sit in L1.
    final float[] partial = partialSums(outChannels * J * L);
    for (int n = 0; n < images && vectors > 0; n++) {
      final int xi = xOff + n * xImage, di = dyOff + n * dyImage;
      int o = 0;
      for (; o + 4 <= outChannels; o += 4) {
        int j = 0;
        for (; j + 2 <= J; j += 2) weightGrad4x2(x, xi, taps[j], taps[j + 1], dy, di + o * dyStride, dyStride, vectors, partial, (o * J + j) * L, J * L);
        for (; j < J; j++) weightGrad4x1(x, xi, taps[j], dy, di + o * dyStride, dyStride, vectors, partial, (o * J + j) * L, J * L);
      }
      for (; o < outChannels; o++) {
        int j = 0;
        for (; j + 4 <= J; j += 4) weightGrad1x4(x, xi, taps, j, dy, di + o * dyStride, vectors, partial, (o * J + j) * L);
        for (; j < J; j++) weightGrad1(x, xi + taps[j], dy, di + o * dyStride, vectors, partial, (o * J + j) * L);
      }
    }
    for (int i = 0; i < outChannels * J; i++) {
      float tail = 0f;
      if (vectors < length) {   // positions past the last full vector, in order
        int o = i / J, t = taps[i - o * J];
        for (int n = 0; n < images; n++) {
          int d = dyOff + n * dyImage + o * dyStride, xn = xOff + n * xImage + t;
          for (int q = vectors; q < length; q++) tail += dy[d + q] * x[xn + q];
        }
      }
      dw[dwOff + i] += sumInOrder(partial, i * L) + tail;
    }
  }

  /**
   * partial[at + r·rowStep + k·L ..] += the lanes of Σ_q dy[o + r][q]·x[q + tap k] over one image's
   * full vectors, for four output channels r and two taps k (rowStep = J·L between channels).
   */
  private static void weightGrad4x2(float[] x, int xi, int t0, int t1, float[] dy, int di, int dyStride, int vectors,
                                    float[] partial, int at, int rowStep) {
    FloatVector a00 = FloatVector.fromArray(S, partial, at), a01 = FloatVector.fromArray(S, partial, at + L);
    FloatVector a10 = FloatVector.fromArray(S, partial, at + rowStep), a11 = FloatVector.fromArray(S, partial, at + rowStep + L);
    FloatVector a20 = FloatVector.fromArray(S, partial, at + 2 * rowStep), a21 = FloatVector.fromArray(S, partial, at + 2 * rowStep + L);
    FloatVector a30 = FloatVector.fromArray(S, partial, at + 3 * rowStep), a31 = FloatVector.fromArray(S, partial, at + 3 * rowStep + L);
    for (int q = 0; q < vectors; q += L) {
      FloatVector x0 = FloatVector.fromArray(S, x, xi + q + t0), x1 = FloatVector.fromArray(S, x, xi + q + t1);
      FloatVector d = FloatVector.fromArray(S, dy, di + q);
      a00 = d.fma(x0, a00);
      a01 = d.fma(x1, a01);
      d = FloatVector.fromArray(S, dy, di + dyStride + q);
      a10 = d.fma(x0, a10);
      a11 = d.fma(x1, a11);
      d = FloatVector.fromArray(S, dy, di + 2 * dyStride + q);
      a20 = d.fma(x0, a20);
      a21 = d.fma(x1, a21);
      d = FloatVector.fromArray(S, dy, di + 3 * dyStride + q);
      a30 = d.fma(x0, a30);
      a31 = d.fma(x1, a31);
    }
    a00.intoArray(partial, at);
    a01.intoArray(partial, at + L);
    a10.intoArray(partial, at + rowStep);
    a11.intoArray(partial, at + rowStep + L);
    a20.intoArray(partial, at + 2 * rowStep);
    a21.intoArray(partial, at + 2 * rowStep + L);
    a30.intoArray(partial, at + 3 * rowStep);
    a31.intoArray(partial, at + 3 * rowStep + L);
  }

  /** As weightGrad4x2 for one tap t. */
  private static void weightGrad4x1(float[] x, int xi, int t, float[] dy, int di, int dyStride, int vectors,
                                    float[] partial, int at, int rowStep) {
    FloatVector a0 = FloatVector.fromArray(S, partial, at), a1 = FloatVector.fromArray(S, partial, at + rowStep);
    FloatVector a2 = FloatVector.fromArray(S, partial, at + 2 * rowStep), a3 = FloatVector.fromArray(S, partial, at + 3 * rowStep);
    for (int q = 0; q < vectors; q += L) {
      FloatVector x0 = FloatVector.fromArray(S, x, xi + q + t);
      a0 = FloatVector.fromArray(S, dy, di + q).fma(x0, a0);
      a1 = FloatVector.fromArray(S, dy, di + dyStride + q).fma(x0, a1);
      a2 = FloatVector.fromArray(S, dy, di + 2 * dyStride + q).fma(x0, a2);
      a3 = FloatVector.fromArray(S, dy, di + 3 * dyStride + q).fma(x0, a3);
    }
    a0.intoArray(partial, at);
    a1.intoArray(partial, at + rowStep);
    a2.intoArray(partial, at + 2 * rowStep);
    a3.intoArray(partial, at + 3 * rowStep);
  }

  /** As weightGrad4x2 for one output channel and the four taps j..j+3 (their lanes adjacent in partial). */
  private static void weightGrad1x4(float[] x, int xi, int[] taps, int j, float[] dy, int di, int vectors,
                                    float[] partial, int at) {
    final int t0 = xi + taps[j], t1 = xi + taps[j + 1], t2 = xi + taps[j + 2], t3 = xi + taps[j + 3];
    FloatVector a0 = FloatVector.fromArray(S, partial, at), a1 = FloatVector.fromArray(S, partial, at + L);
    FloatVector a2 = FloatVector.fromArray(S, partial, at + 2 * L), a3 = FloatVector.fromArray(S, partial, at + 3 * L);
    for (int q = 0; q < vectors; q += L) {
      FloatVector d = FloatVector.fromArray(S, dy, di + q);
      a0 = d.fma(FloatVector.fromArray(S, x, t0 + q), a0);
      a1 = d.fma(FloatVector.fromArray(S, x, t1 + q), a1);
      a2 = d.fma(FloatVector.fromArray(S, x, t2 + q), a2);
      a3 = d.fma(FloatVector.fromArray(S, x, t3 + q), a3);
    }
    a0.intoArray(partial, at);
    a1.intoArray(partial, at + L);
    a2.intoArray(partial, at + 2 * L);
    a3.intoArray(partial, at + 3 * L);
  }

  /** partial[at ..] += the lanes of Σ_q dy[q]·x[xi + q] over one image's full vectors. */
  private static void weightGrad1(float[] x, int xi, float[] dy, int di, int vectors, float[] partial, int at) {
    FloatVector a = FloatVector.fromArray(S, partial, at);
    for (int q = 0; q < vectors; q += L) a = FloatVector.fromArray(S, dy, di + q).fma(FloatVector.fromArray(S, x, xi + q), a);
    a.intoArray(partial, at);
  }

  /**
   * n zeros at the start of this thread's lane-sum buffer, which grows to the largest seen and is
   * kept (150 KB for LeNet's second convolution would otherwise be new garbage every step).
   * A plain ThreadLocal, not withInitial: a hidden copy of this class cannot link a lambda.
   */
  private static float[] partialSums(int n) {
    float[] buf = PARTIAL.get();
    if (buf == null || buf.length < n) {
      buf = new float[n];
      PARTIAL.set(buf);
    } else {
      java.util.Arrays.fill(buf, 0, n, 0f);
    }
    return buf;
  }

  private static final ThreadLocal<float[]> PARTIAL = new ThreadLocal<>();

  /** The L lanes at t[off..] added from lane 0 (see FloatGemm.sumInOrder for why not reduceLanes). */
  private static float sumInOrder(float[] t, int off) {
    float s = 0f;
    for (int l = 0; l < L; l++) s += t[off + l];
    return s;
  }
}
