package dev.chainrule.autograd.kernel;

import static dev.chainrule.autograd.kernel.KernelAsserts.assertAllClose;
import static dev.chainrule.autograd.kernel.KernelAsserts.assertBitExact;
import static dev.chainrule.autograd.kernel.KernelAsserts.assertWithinUlps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autograd.kernel.simd.SimdKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks {@link SimdKernels} against {@link ScalarKernels} on every length 0..300, on
 * lanes±1, 2·lanes±1 and 4·lanes±1 of each width, and on 784, 1000 and 4099, with inputs full of
 * NaN, ±Inf, -0.0, subnormals, huge and tiny values. Runs for the CPU's preferred width and for
 * 128-bit vectors, which exercise different body/tail splits.
 */
class KernelsCrossTest {
  private static final ScalarKernels REF = new ScalarKernels();

  @BeforeAll
  static void vectorApiPresent() {
    assumeTrue(KernelProvider.vectorApiAvailable(),
        "jdk.incubator.vector not loaded: run with --add-modules jdk.incubator.vector");
  }

  /** The widths under test: the preferred one, and 128 bits when that is narrower. */
  static Stream<Kernels> simd() {
    if (!KernelProvider.vectorApiAvailable()) {
      return Stream.of();   // the @BeforeAll assumption reports the skip
    }
    SimdKernels wide = new SimdKernels();
    return wide.name().equals("simd-128") ? Stream.of(wide) : Stream.of(wide, new SimdKernels(128));
  }

  /** 0..300, lanes±1, 2·lanes±1, 4·lanes±1 for both element types at every width, 784, 1000, 4099. */
  static int[] lengths() {
    TreeSet<Integer> set = new TreeSet<>();
    for (int n = 0; n <= 300; n++) set.add(n);
    for (int bits = 128; bits <= 512; bits *= 2) {
      for (int lanes : new int[] {bits / 32, bits / 64}) {
        for (int mult : new int[] {1, 2, 4}) {
          set.add(mult * lanes - 1);
          set.add(mult * lanes);
          set.add(mult * lanes + 1);
        }
      }
    }
    set.add(784);
    set.add(1000);
    set.add(4099);
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  // ------------------------------------------------------------------ elementwise

  @ParameterizedTest @MethodSource("simd")
  void unaryMatchesScalarOnEveryLength(Kernels simd) {
    for (int n : lengths()) {
      float[] x = Inputs.floats(new Random(n), n + 3);
      double[] xd = Inputs.doubles(new Random(n), n + 3);
      for (UnaryOp op : UnaryOp.values()) {
        float[] want = Inputs.floats(new Random(-1), n + 3);   // junk past n must survive
        float[] got = want.clone();
        REF.unary(op, x, want, n);
        simd.unary(op, x, got, n);
        double[] wantD = Inputs.doubles(new Random(-1), n + 3);
        double[] gotD = wantD.clone();
        REF.unary(op, xd, wantD, n);
        simd.unary(op, xd, gotD, n);
        String what = simd.name() + " unary " + op + " n=" + n;
        long ulps = KernelAsserts.ulpBound(op);
        if (ulps == 0) {
          assertBitExact(what, x, want, got);
          assertBitExact(what, xd, wantD, gotD);
        } else {
          assertWithinUlps(what, x, want, got, ulps);
          assertWithinUlps(what, xd, wantD, gotD, ulps);
        }
      }
    }
  }

  /** The row kernel of broadcasting (views): offsets into all three arrays, the same bits as the scalar twin and as a whole-array call. */
  @ParameterizedTest @MethodSource("simd")
  void binaryRowsAtOffsetsMatchScalarOnEveryLength(Kernels simd) {
    for (int n : lengths()) {
      Random rnd = new Random(31 + n);
      float[] a = Inputs.floats(rnd, n + 5);
      float[] b = Inputs.floats(rnd, n + 7);
      double[] ad = Inputs.doubles(rnd, n + 5);
      double[] bd = Inputs.doubles(rnd, n + 7);
      for (BinaryOp op : BinaryOp.values()) {
        float[] want = new float[n + 2], got = new float[n + 2], whole = new float[n + 2];
        REF.binary(op, a, 5, b, 7, want, 2, n);
        simd.binary(op, a, 5, b, 7, got, 2, n);
        simd.binary(op, java.util.Arrays.copyOfRange(a, 5, n + 5), java.util.Arrays.copyOfRange(b, 7, n + 7), whole, n);
        double[] wantD = new double[n + 2], gotD = new double[n + 2];
        REF.binary(op, ad, 5, bd, 7, wantD, 2, n);
        simd.binary(op, ad, 5, bd, 7, gotD, 2, n);
        String what = simd.name() + " binary rows " + op + " n=" + n;
        long ulps = KernelAsserts.ulpBound(op);
        if (ulps == 0) {
          assertBitExact(what, a, want, got);
          assertBitExact(what, ad, wantD, gotD);
        } else {
          assertWithinUlps(what, a, want, got, ulps);
          assertWithinUlps(what, ad, wantD, gotD, ulps);
        }
        assertBitExact(what + " vs whole array", a, java.util.Arrays.copyOfRange(got, 2, n + 2), java.util.Arrays.copyOf(whole, n));
        assertEquals(0f, got[0], what + ": wrote before outOff");
      }
    }
  }

  @ParameterizedTest @MethodSource("simd")
  void binaryMatchesScalarOnEveryLength(Kernels simd) {
    for (int n : lengths()) {
      Random rnd = new Random(n);
      float[] a = Inputs.floats(rnd, n + 3);
      float[] b = Inputs.floats(rnd, n + 3);
      double[] ad = Inputs.doubles(rnd, n + 3);
      double[] bd = Inputs.doubles(rnd, n + 3);
      // Share some lanes so EQ, MAX and MIN meet equal operands (and ±0 pairs).
      for (int i = 0; i < n; i += 5) {
        b[i] = i % 10 == 0 ? a[i] : -a[i];
        bd[i] = i % 10 == 0 ? ad[i] : -ad[i];
      }
      for (BinaryOp op : BinaryOp.values()) {
        float[] want = new float[n + 3];
        float[] got = new float[n + 3];
        REF.binary(op, a, b, want, n);
        simd.binary(op, a, b, got, n);
        double[] wantD = new double[n + 3];
        double[] gotD = new double[n + 3];
        REF.binary(op, ad, bd, wantD, n);
        simd.binary(op, ad, bd, gotD, n);
        String what = simd.name() + " binary " + op + " n=" + n;
        long ulps = KernelAsserts.ulpBound(op);
        if (ulps == 0) {
          assertBitExact(what, a, want, got);
          assertBitExact(what, ad, wantD, gotD);
        } else {
          assertWithinUlps(what, a, want, got, ulps);
          assertWithinUlps(what, ad, wantD, gotD, ulps);
        }
      }
    }
  }

  @ParameterizedTest @MethodSource("simd")
  void scalarOpsMatchScalarOnEveryLength(Kernels simd) {
    double[] scalars = {0.0, -0.0, 1.5, -2.0, 3.0, Double.NaN, Double.POSITIVE_INFINITY, 1e-40, 0.3};
    for (int n : lengths()) {
      Random rnd = new Random(n);
      float[] x = Inputs.floats(rnd, n);
      double[] xd = Inputs.doubles(rnd, n);
      double s = scalars[n % scalars.length];
      for (ScalarOp op : ScalarOp.values()) {
        float[] want = new float[n];
        float[] got = new float[n];
        REF.scalar(op, x, s, want, n);
        simd.scalar(op, x, s, got, n);
        double[] wantD = new double[n];
        double[] gotD = new double[n];
        REF.scalar(op, xd, s, wantD, n);
        simd.scalar(op, xd, s, gotD, n);
        String what = simd.name() + " scalar " + op + " s=" + s + " n=" + n;
        long ulps = op == ScalarOp.POW ? KernelAsserts.POW_ULPS : 0;
        if (ulps == 0) {
          assertBitExact(what, x, want, got);
          assertBitExact(what, xd, wantD, gotD);
        } else {
          assertWithinUlps(what, x, want, got, ulps);
          assertWithinUlps(what, xd, wantD, gotD, ulps);
        }
      }
    }
  }

  /** axpy is mul-then-add in both twins (no FMA), so it is bit-exact, in place, junk past n kept. */
  @ParameterizedTest @MethodSource("simd")
  void axpyAndWhereAreBitExact(Kernels simd) {
    for (int n : lengths()) {
      Random rnd = new Random(n);
      float[] x = Inputs.floats(rnd, n + 2);
      float[] y = Inputs.floats(rnd, n + 2);
      double[] xd = Inputs.doubles(rnd, n + 2);
      double[] yd = Inputs.doubles(rnd, n + 2);
      double alpha = n % 3 == 0 ? 0.1 : -3.0;   // 0.1 rounds differently in float and double
      float[] want = y.clone();
      float[] got = y.clone();
      REF.axpy(alpha, x, want, n);
      simd.axpy(alpha, x, got, n);
      assertBitExact(simd.name() + " axpy n=" + n, x, want, got);
      double[] wantD = yd.clone();
      double[] gotD = yd.clone();
      REF.axpy(alpha, xd, wantD, n);
      simd.axpy(alpha, xd, gotD, n);
      assertBitExact(simd.name() + " axpy n=" + n, xd, wantD, gotD);

      float[] cond = Inputs.floats(rnd, n + 2);
      double[] condD = Inputs.doubles(rnd, n + 2);
      for (int i = 0; i < n; i += 3) {
        cond[i] = i % 2 == 0 ? 0f : -0f;   // zeros of both signs must pick b
        condD[i] = i % 2 == 0 ? 0.0 : -0.0;
      }
      float[] w = new float[n + 2];
      float[] g = new float[n + 2];
      REF.where(cond, x, y, w, n);
      simd.where(cond, x, y, g, n);
      assertBitExact(simd.name() + " where n=" + n, cond, w, g);
      double[] wd = new double[n + 2];
      double[] gd = new double[n + 2];
      REF.where(condD, xd, yd, wd, n);
      simd.where(condD, xd, yd, gd, n);
      assertBitExact(simd.name() + " where n=" + n, condD, wd, gd);
    }
  }

  @ParameterizedTest @MethodSource("simd")
  void elementwiseWorksInPlace(Kernels simd) {
    float[] x = Inputs.floats(new Random(7), 1000);
    float[] want = new float[1000];
    REF.unary(UnaryOp.RELU, x, want, 1000);
    simd.unary(UnaryOp.RELU, x, x, 1000);
    assertBitExact(simd.name() + " in-place relu", want, want, x);
    double[] xd = Inputs.doubles(new Random(7), 1000);
    double[] yd = Inputs.doubles(new Random(8), 1000);
    double[] wantD = new double[1000];
    REF.binary(BinaryOp.MUL, xd, yd, wantD, 1000);
    simd.binary(BinaryOp.MUL, xd, yd, xd, 1000);
    assertBitExact(simd.name() + " in-place mul", wantD, wantD, xd);
  }

  /**
   * Transcendentals over the whole range: a strided sweep of all 2^32 float bit patterns
   * (so x < -88 for sigmoid, subnormals, huge and NaN inputs), random double bit patterns, and
   * a dense moderate range where the functions are not saturated.
   */
  @ParameterizedTest @MethodSource("simd")
  void transcendentalsStayWithinUlpBoundsOverTheWholeRange(Kernels simd) {
    final int n = 1 << 18;
    float[] x = new float[n];
    float[] y = new float[n];
    double[] xd = new double[n];
    double[] yd = new double[n];
    Random rnd = new Random(2024);
    for (int i = 0; i < n; i++) {
      x[i] = i < n / 4 ? (float) (rnd.nextGaussian() * 30)
          : Float.intBitsToFloat(i * 16411 + rnd.nextInt(16411));
      y[i] = i % 2 == 0 ? (float) (rnd.nextGaussian() * 4) : Float.intBitsToFloat(rnd.nextInt());
      xd[i] = i < n / 4 ? rnd.nextGaussian() * 300 : Double.longBitsToDouble(rnd.nextLong());
      yd[i] = i % 2 == 0 ? rnd.nextGaussian() * 4 : Double.longBitsToDouble(rnd.nextLong());
    }
    float[] want = new float[n];
    float[] got = new float[n];
    double[] wantD = new double[n];
    double[] gotD = new double[n];
    for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID}) {
      REF.unary(op, x, want, n);
      simd.unary(op, x, got, n);
      assertWithinUlps(simd.name() + " sweep " + op, x, want, got, KernelAsserts.ulpBound(op));
      REF.unary(op, xd, wantD, n);
      simd.unary(op, xd, gotD, n);
      assertWithinUlps(simd.name() + " sweep " + op, xd, wantD, gotD, KernelAsserts.ulpBound(op));
    }
    REF.binary(BinaryOp.POW, x, y, want, n);
    simd.binary(BinaryOp.POW, x, y, got, n);
    assertWithinUlps(simd.name() + " sweep pow", x, want, got, KernelAsserts.POW_ULPS);
    REF.binary(BinaryOp.POW, xd, yd, wantD, n);
    simd.binary(BinaryOp.POW, xd, yd, gotD, n);
    assertWithinUlps(simd.name() + " sweep pow", xd, wantD, gotD, KernelAsserts.POW_ULPS);
  }

  @ParameterizedTest @MethodSource("simd")
  void sigmoidKeepsTinyValuesForVeryNegativeInputs(Kernels simd) {
    float[] x = {-80f, -88.5f, -95f, -100f, -103f, -104f, -200f, Float.NEGATIVE_INFINITY,
        -1e30f, -87.3f, -89f, -90f, -91f, -92f, -93f, -94f, -96f, -97f};
    float[] got = new float[x.length];
    simd.unary(UnaryOp.SIGMOID, x, got, x.length);
    for (int i = 0; i < x.length; i++) {
      float want = (float) Math.exp(x[i]);   // sigmoid(x) ~ e^x for x << 0
      String msg = simd.name() + " sigmoid(" + x[i] + ") = " + got[i] + ", expected ~" + want;
      assertTrue(got[i] >= 0f && KernelAsserts.ulps(want, got[i]) <= KernelAsserts.SIGMOID_ULPS, msg);
    }
    assertTrue(got[1] > 0f, "sigmoid(-88.5) must not flush to zero");
  }

  // ------------------------------------------------------------------ reductions

  @ParameterizedTest @MethodSource("simd")
  void rowReductionsMatchWithinRounding(Kernels simd) {
    for (int len : lengths()) {
      for (int outer : new int[] {1, 3}) {
        Random rnd = new Random(len * 31L + outer);
        float[] x = Inputs.finiteFloats(rnd, outer * len);
        double[] xd = Inputs.finiteDoubles(rnd, outer * len);
        checkReduce(simd, x, xd, outer, len, 1);
      }
    }
  }

  @ParameterizedTest @MethodSource("simd")
  void columnReductionsMatch(Kernels simd) {
    int[] inners = {2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 1025, 2100};
    int[] axes = {0, 1, 2, 3, 10, 57};
    for (int inner : inners) {
      for (int axis : axes) {
        Random rnd = new Random(inner * 131L + axis);
        int outer = 1 + (inner + axis) % 3;
        float[] x = Inputs.floats(rnd, outer * axis * inner);
        double[] xd = Inputs.doubles(rnd, outer * axis * inner);
        checkReduce(simd, x, xd, outer, axis, inner);
      }
    }
  }

  private static void checkReduce(Kernels simd, float[] x, double[] xd, int outer, int axis, int inner) {
    String what = simd.name() + " reduce [" + outer + ", " + axis + ", " + inner + "]";
    int size = outer * inner;
    for (ReduceOp op : ReduceOp.values()) {
      float[] want = new float[size];
      float[] got = new float[size];
      REF.reduceAxis(op, x, outer, axis, inner, want);
      simd.reduceAxis(op, x, outer, axis, inner, got);
      double[] wantD = new double[size];
      double[] gotD = new double[size];
      REF.reduceAxis(op, xd, outer, axis, inner, wantD);
      simd.reduceAxis(op, xd, outer, axis, inner, gotD);
      if (op == ReduceOp.MAX || inner > 1) {
        // MAX is order-free; column sums add rows in the scalar order.
        assertBitExact(what + " " + op, want, want, got);
        assertBitExact(what + " " + op, wantD, wantD, gotD);
      } else {
        assertAllClose(what + " SUM", want, got, absSums(x, outer, axis), axis, Math.ulp(1f));
        assertAllClose(what + " SUM", wantD, gotD, absSums(xd, outer, axis), axis, Math.ulp(1.0));
      }
    }
  }

  private static double[] absSums(float[] x, int outer, int axis) {
    double[] s = new double[outer];
    for (int o = 0; o < outer; o++) for (int a = 0; a < axis; a++) s[o] += Math.abs(x[o * axis + a]);
    return s;
  }

  private static double[] absSums(double[] x, int outer, int axis) {
    double[] s = new double[outer];
    for (int o = 0; o < outer; o++) for (int a = 0; a < axis; a++) s[o] += Math.abs(x[o * axis + a]);
    return s;
  }

  @ParameterizedTest @MethodSource("simd")
  void rowReductionsPropagateNanAndInfinity(Kernels simd) {
    for (int len : new int[] {1, 5, 16, 17, 64, 100, 1000}) {
      for (int pos : new int[] {0, len / 2, len - 1}) {
        float[] x = Inputs.finiteFloats(new Random(len + pos), len);
        double[] xd = Inputs.finiteDoubles(new Random(len + pos), len);
        float[] out = new float[1];
        double[] outD = new double[1];
        x[pos] = Float.NaN;
        xd[pos] = Double.NaN;
        simd.reduceAxis(ReduceOp.MAX, x, 1, len, 1, out);
        simd.reduceAxis(ReduceOp.MAX, xd, 1, len, 1, outD);
        assertTrue(Float.isNaN(out[0]) && Double.isNaN(outD[0]), simd.name() + " max with NaN at " + pos);
        simd.reduceAxis(ReduceOp.SUM, x, 1, len, 1, out);
        simd.reduceAxis(ReduceOp.SUM, xd, 1, len, 1, outD);
        assertTrue(Float.isNaN(out[0]) && Double.isNaN(outD[0]), simd.name() + " sum with NaN at " + pos);
        x[pos] = Float.POSITIVE_INFINITY;
        xd[pos] = Double.POSITIVE_INFINITY;
        simd.reduceAxis(ReduceOp.SUM, x, 1, len, 1, out);
        simd.reduceAxis(ReduceOp.SUM, xd, 1, len, 1, outD);
        assertEquals(Float.POSITIVE_INFINITY, out[0], simd.name() + " sum with +Inf");
        assertEquals(Double.POSITIVE_INFINITY, outD[0], simd.name() + " sum with +Inf");
      }
    }
  }

  @ParameterizedTest @MethodSource("simd")
  void emptyAxisGivesIdentity(Kernels simd) {
    float[] out = {7f, 7f, 7f, 7f, 7f, 7f};
    for (int inner : new int[] {1, 3}) {
      simd.reduceAxis(ReduceOp.MAX, new float[0], 2, 0, inner, out);
      for (int i = 0; i < 2 * inner; i++) assertEquals(Float.NEGATIVE_INFINITY, out[i]);
      simd.reduceAxis(ReduceOp.SUM, new float[0], 2, 0, inner, out);
      for (int i = 0; i < 2 * inner; i++) assertEquals(0, Float.floatToRawIntBits(out[i]));
    }
    double[] outD = {7, 7};
    simd.reduceAxis(ReduceOp.MAX, new double[0], 2, 0, 1, outD);
    assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, outD);
  }

  // ------------------------------------------------------------------ gemm

  /** Random shapes in 0..70, all four transpose cases, accumulate on and off, nonzero offsets. */
  @ParameterizedTest @MethodSource("simd")
  void gemmMatchesOnRandomShapes(Kernels simd) {
    Random rnd = new Random(99);
    List<int[]> shapes = new ArrayList<>();
    for (int[] edge : new int[][] {{0, 0, 0}, {0, 5, 3}, {4, 0, 3}, {4, 5, 0}, {1, 1, 1}, {1, 70, 1},
        {70, 1, 1}, {1, 1, 70}, {6, 32, 1}, {7, 33, 2}, {13, 17, 19}}) {
      shapes.add(edge);
    }
    for (int t = 0; t < 60; t++) {
      shapes.add(new int[] {rnd.nextInt(71), rnd.nextInt(71), rnd.nextInt(71)});
    }
    for (int[] s : shapes) {
      for (int flags = 0; flags < 8; flags++) {
        Gemm.check(simd, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, rnd);
      }
    }
  }

  /**
   * The dot-product path (x·Wᵀ with few rows) fixes its order of additions: lane l of the
   * accumulator takes p = l, l + L, ... by fused multiply-add, the lanes are added in lane order
   * from lane 0, then the tail past the last full vector, in order. Pinned bit for bit, so the
   * result cannot depend on the JDK's choice of reduction order (JDK 25's compiled reduceLanes
   * adds as a tree, and the same seed trained to different weights from one run to the next).
   */
  @ParameterizedTest @MethodSource("simd")
  void dotProductsAddInAFixedOrder(Kernels simd) {
    int lanes = Integer.parseInt(simd.name().substring("simd-".length())) / 32;
    Random rnd = new Random(17);
    for (int[] s : new int[][] {{10, 100, 784}, {7, 103, 300}, {3, 5, 1000}, {16, 9, 257}}) {
      int m = s[0], n = s[1], k = s[2];
      float[] a = new float[m * k], b = new float[n * k], c = new float[m * n], want = new float[m * n];
      for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
      for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
      // Many times over, so that the last call runs compiled: the order must not change when
      // the JIT takes over (the interpreter always added in lane order).
      for (int rep = 0; rep < 400; rep++) simd.gemm(false, true, m, n, k, a, 0, b, 0, c, 0, false);
      int kv = k / lanes * lanes;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float[] acc = new float[lanes];
          for (int p = 0; p < kv; p++) acc[p % lanes] = Math.fma(a[i * k + p], b[j * k + p], acc[p % lanes]);
          float dot = 0f;
          for (float lane : acc) dot += lane;
          float tail = 0f;
          for (int p = kv; p < k; p++) tail += a[i * k + p] * b[j * k + p];
          want[i * n + j] = dot + tail;
        }
      }
      assertBitExact(simd.name() + " x·Wᵀ " + m + "x" + k + "x" + n + " (input: row of A)", a, want, c);
    }
  }

  /** MNIST forward and both backward products, plus shapes that cross the k- and m-blocking. */
  @ParameterizedTest @MethodSource("simd")
  void gemmMatchesOnMnistAndBlockingShapes(Kernels simd) {
    Random rnd = new Random(5);
    int[][] shapes = { // m, n, k, transA, transB
        {10, 100, 784, 0, 0},     // x[10x784] @ W[784x100]
        {10, 784, 100, 0, 1},     // dy[10x100] @ W^T: dx
        {784, 100, 10, 1, 0},     // x^T[784x10] @ dy[10x100]: dW
        {10, 100, 784, 0, 1},     // x[10x784] @ W[100x784]^T: the Dense forward, dot products
        {100, 784, 10, 1, 0},     // dy^T[100x10] @ x[10x784]: the Dense dW
        {7, 103, 300, 0, 1},      // dot products: 5 x 4 tiles plus leftover rows, columns, k-tail
        {16, 9, 257, 0, 1},
        {1000, 100, 784, 0, 0},   // a slice of the 10000-row batch
        {600, 40, 1700, 0, 0},    // several k-blocks at every width, two m-blocks
        {37, 77, 800, 1, 1},
        {20, 300, 50, 1, 1},      // B^T with few rows: computed as C^T = B·op(A)^T
        {33, 300, 50, 0, 1},      // just too many rows for that
        {520, 35, 30, 1, 0},
    };
    for (int[] s : shapes) {
      for (boolean acc : new boolean[] {false, true}) {
        Gemm.check(simd, s[0], s[1], s[2], s[3] == 1, s[4] == 1, acc, rnd);
      }
    }
  }

  @ParameterizedTest @MethodSource("simd")
  void gemmPropagatesNanAndInfinity(Kernels simd) {
    Random rnd = new Random(11);
    for (int[] s : new int[][] {{3, 5, 4}, {9, 40, 33}, {30, 70, 50}}) {
      int m = s[0], n = s[1], k = s[2];
      for (int flags = 0; flags < 4; flags++) {
        boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
        float[] a = Inputs.finiteFloats(rnd, m * k);
        float[] b = Inputs.finiteFloats(rnd, k * n);
        a[rnd.nextInt(a.length)] = Float.NaN;
        a[rnd.nextInt(a.length)] = Float.POSITIVE_INFINITY;
        b[rnd.nextInt(b.length)] = Float.NEGATIVE_INFINITY;
        float[] want = new float[m * n];
        float[] got = new float[m * n];
        REF.gemm(ta, tb, m, n, k, a, 0, b, 0, want, 0, false);
        simd.gemm(ta, tb, m, n, k, a, 0, b, 0, got, 0, false);
        for (int i = 0; i < want.length; i++) {
          if (!Float.isFinite(want[i]) || !Float.isFinite(got[i])) {
            assertEquals(want[i], got[i], simd.name() + " gemm non-finite at " + i + " of " + m + "x" + n + "x" + k);
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ width selection

  @Test
  void namesTheWidthAndRejectsUnsupportedOnes() {
    assertEquals("simd-128", new SimdKernels(128).name());
    assertTrue(new SimdKernels().name().matches("simd-(128|256|512)"));
    assertThrows(IllegalArgumentException.class, () -> new SimdKernels(100));
    assertThrows(IllegalArgumentException.class, () -> new SimdKernels(64));
    assertThrows(IllegalArgumentException.class, () -> new SimdKernels(4096));
  }
}
