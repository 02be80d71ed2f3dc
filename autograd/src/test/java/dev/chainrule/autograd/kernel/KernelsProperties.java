package dev.chainrule.autograd.kernel;

import static dev.chainrule.autograd.kernel.KernelAsserts.assertAllClose;
import static dev.chainrule.autograd.kernel.KernelAsserts.assertBitExact;
import static dev.chainrule.autograd.kernel.KernelAsserts.assertWithinUlps;

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
 * jqwik twin of {@link KernelsCrossTest}: arbitrary arrays drawn from whole IEEE range (raw bit
 * patterns, NaN, ±Inf, ±0, subnormals, huge, tiny), arbitrary reduction and gemm shapes, at
 * the preferred width and at 128 bits; jqwik shrinks a failure to a small array.
 */
@AddLifecycleHook(NeedsVectorApi.class)
class KernelsProperties {
  private static final ScalarKernels REF = new ScalarKernels();

  @Provide
  Arbitrary<Kernels> simd() {
    SimdKernels wide = new SimdKernels();
    return wide.name().equals("simd-128") ? Arbitraries.just(wide)
        : Arbitraries.of(wide, new SimdKernels(128));
  }

  @Provide
  Arbitrary<float[]> floats() {
    Arbitrary<Float> value = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.of(box(Inputs.SPECIAL_FLOATS))),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().map(Float::intBitsToFloat)),
        net.jqwik.api.Tuple.of(6, Arbitraries.floats().between(-20f, 20f)));
    return value.array(float[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<double[]> doubles() {
    Arbitrary<Double> value = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.of(box(Inputs.SPECIAL_DOUBLES))),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble)),
        net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(-20, 20)));
    return value.array(double[].class).ofMaxSize(300);
  }

  private static Float[] box(float[] xs) {
    Float[] out = new Float[xs.length];
    for (int i = 0; i < xs.length; i++) out[i] = xs[i];
    return out;
  }

  private static Double[] box(double[] xs) {
    Double[] out = new Double[xs.length];
    for (int i = 0; i < xs.length; i++) out[i] = xs[i];
    return out;
  }

  @Property(tries = 300)
  void unaryFloat(@ForAll("simd") Kernels simd, @ForAll UnaryOp op, @ForAll("floats") float[] x) {
    float[] want = new float[x.length];
    float[] got = new float[x.length];
    REF.unary(op, x, want, x.length);
    simd.unary(op, x, got, x.length);
    assertWithinUlps(simd.name() + " " + op, x, want, got, KernelAsserts.ulpBound(op));
  }

  @Property(tries = 300)
  void unaryDouble(@ForAll("simd") Kernels simd, @ForAll UnaryOp op, @ForAll("doubles") double[] x) {
    double[] want = new double[x.length];
    double[] got = new double[x.length];
    REF.unary(op, x, want, x.length);
    simd.unary(op, x, got, x.length);
    assertWithinUlps(simd.name() + " " + op, x, want, got, KernelAsserts.ulpBound(op));
  }

  /** b is a shifted copy of a with some lanes flipped, so equal and ±0 pairs occur. */
  @Property(tries = 300)
  void binaryFloat(@ForAll("simd") Kernels simd, @ForAll BinaryOp op, @ForAll("floats") float[] a,
                   @ForAll @IntRange(max = 5) int shift) {
    int n = a.length;
    float[] b = new float[n];
    for (int i = 0; i < n; i++) b[i] = (i % 3 == 0 ? -1 : 1) * a[(i + shift) % n];
    float[] want = new float[n];
    float[] got = new float[n];
    REF.binary(op, a, b, want, n);
    simd.binary(op, a, b, got, n);
    assertWithinUlps(simd.name() + " " + op, a, want, got, KernelAsserts.ulpBound(op));
  }

  @Property(tries = 300)
  void binaryDouble(@ForAll("simd") Kernels simd, @ForAll BinaryOp op, @ForAll("doubles") double[] a,
                    @ForAll @IntRange(max = 5) int shift) {
    int n = a.length;
    double[] b = new double[n];
    for (int i = 0; i < n; i++) b[i] = (i % 3 == 0 ? -1 : 1) * a[(i + shift) % n];
    double[] want = new double[n];
    double[] got = new double[n];
    REF.binary(op, a, b, want, n);
    simd.binary(op, a, b, got, n);
    assertWithinUlps(simd.name() + " " + op, a, want, got, KernelAsserts.ulpBound(op));
  }

  @Property(tries = 300)
  void scalarAxpyWhere(@ForAll("simd") Kernels simd, @ForAll ScalarOp op, @ForAll("floats") float[] x,
                       @ForAll("doubles") double[] xd, @ForAll double s) {
    float[] want = new float[x.length];
    float[] got = new float[x.length];
    REF.scalar(op, x, s, want, x.length);
    simd.scalar(op, x, s, got, x.length);
    long ulps = op == ScalarOp.POW ? KernelAsserts.POW_ULPS : 0;
    assertWithinUlps(simd.name() + " scalar " + op + " " + s, x, want, got, ulps);
    double[] wantD = new double[xd.length];
    double[] gotD = new double[xd.length];
    REF.scalar(op, xd, s, wantD, xd.length);
    simd.scalar(op, xd, s, gotD, xd.length);
    assertWithinUlps(simd.name() + " scalar " + op + " " + s, xd, wantD, gotD, ulps);

    float[] y = x.clone();
    float[] yRef = x.clone();
    REF.axpy(s, x, yRef, x.length);
    simd.axpy(s, x, y, x.length);
    assertBitExact(simd.name() + " axpy " + s, x, yRef, y);
    float[] w = new float[x.length];
    float[] wRef = new float[x.length];
    float[] cond = want;   // holds 0, ±0, NaN and ordinary values
    REF.where(cond, x, got, wRef, x.length);
    simd.where(cond, x, got, w, x.length);
    assertBitExact(simd.name() + " where", cond, wRef, w);
  }

  @Property(tries = 200)
  void reduceAxis(@ForAll("simd") Kernels simd, @ForAll @IntRange(max = 4) int outer,
                  @ForAll @IntRange(max = 80) int axis, @ForAll @IntRange(min = 1, max = 40) int inner,
                  @ForAll long seed) {
    Random rnd = new Random(seed);
    float[] x = Inputs.finiteFloats(rnd, outer * axis * inner);
    double[] xd = Inputs.finiteDoubles(rnd, outer * axis * inner);
    String what = simd.name() + " reduce [" + outer + ", " + axis + ", " + inner + "]";
    float[] want = new float[outer * inner];
    float[] got = new float[outer * inner];
    REF.reduceAxis(ReduceOp.MAX, x, outer, axis, inner, want);
    simd.reduceAxis(ReduceOp.MAX, x, outer, axis, inner, got);
    assertBitExact(what + " MAX", x, want, got);
    REF.reduceAxis(ReduceOp.SUM, x, outer, axis, inner, want);
    simd.reduceAxis(ReduceOp.SUM, x, outer, axis, inner, got);
    double[] wantD = new double[outer * inner];
    double[] gotD = new double[outer * inner];
    REF.reduceAxis(ReduceOp.SUM, xd, outer, axis, inner, wantD);
    simd.reduceAxis(ReduceOp.SUM, xd, outer, axis, inner, gotD);
    double[] abs = new double[outer * inner];
    double[] absD = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int a = 0; a < axis; a++) {
        for (int i = 0; i < inner; i++) {
          abs[o * inner + i] += Math.abs(x[(o * axis + a) * inner + i]);
          absD[o * inner + i] += Math.abs(xd[(o * axis + a) * inner + i]);
        }
      }
    }
    assertAllClose(what + " SUM", want, got, abs, axis, Math.ulp(1f));
    assertAllClose(what + " SUM", wantD, gotD, absD, axis, Math.ulp(1.0));
  }

  @Property(tries = 200)
  void gemm(@ForAll("simd") Kernels simd, @ForAll @IntRange(max = 70) int m,
            @ForAll @IntRange(max = 70) int n, @ForAll @IntRange(max = 70) int k,
            @ForAll boolean transA, @ForAll boolean transB, @ForAll boolean accumulate,
            @ForAll long seed) {
    Gemm.check(simd, m, n, k, transA, transB, accumulate, new Random(seed));
  }
}
