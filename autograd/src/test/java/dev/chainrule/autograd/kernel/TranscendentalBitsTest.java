package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autograd.kernel.simd.SimdKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Pins the bits of every transcendental the kernels compute (exp, log, tanh, sigmoid, pow, and
 * sqrt), in float64 and float32, on both twins. The table holds for every JDK: CI runs it on
 * JDK 17 and JDK 25.
 *
 * <p>Float64 on both twins, and float32 on the scalar twin, are fdlibm's results
 * ({@link StrictMath}, the same bits on every JVM; float32 rounds the float64 result), sigmoid
 * being {@link ScalarMath#sigmoid} on fdlibm's exp. The SIMD twin's float32 exp, log, tanh and
 * sigmoid are its own polynomials (VectorMath), pinned here so that any change to them shows; its
 * float32 pow and sqrt are the scalar ones. Rows whose comment says "differs" are inputs where
 * {@link Math} gives other bits than {@link StrictMath} on this project's machine (exp, log, pow
 * and sigmoid on JDK 17 and 25, tanh on JDK 25), so kernels that went back to {@code Math} fail
 * here. Every input fills {@value #BODY} elements, a whole number of vectors at every width, plus
 * a scalar tail of {@value #TAIL}; the SIMD twin runs at its preferred width and at 128 bits.
 * NaN results compare as NaN: Java does not specify NaN payloads.
 *
 * <p>The tables were generated once from {@code StrictMath} on JDK 25 (JDK 17 gives the same
 * bits) and, for the SIMD columns, from {@code SimdKernels} at 512 bits.
 */
class TranscendentalBitsTest {
  private static final int BODY = 64;
  private static final int TAIL = 3;
  private static final int N = BODY + TAIL;
  /** The functions of the F64 and F32 columns, in column order. */
  private static final UnaryOp[] COLUMNS = {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.SQRT};
  /** F32 columns from here on are the SIMD twin's (VectorMath), for the first four functions. */
  private static final int SIMD_COLUMNS = 1 + COLUMNS.length;

  @Test
  void float64OnTheScalarTwin() {
    assertNoMismatches(float64(new ScalarKernels()));
  }

  @Test
  void float64OnTheSimdTwin() {
    assumeTrue(KernelProvider.vectorApiAvailable(),
        "jdk.incubator.vector not loaded: run with --add-modules jdk.incubator.vector");
    List<String> bad = new ArrayList<>();
    for (Kernels simd : simdWidths()) bad.addAll(float64(simd));
    assertNoMismatches(bad);
  }

  @Test
  void float32OnTheScalarTwin() {
    assertNoMismatches(float32(new ScalarKernels(), false));
  }

  @Test
  void float32OnTheSimdTwin() {
    assumeTrue(KernelProvider.vectorApiAvailable(),
        "jdk.incubator.vector not loaded: run with --add-modules jdk.incubator.vector");
    List<String> bad = new ArrayList<>();
    for (Kernels simd : simdWidths()) bad.addAll(float32(simd, true));
    assertNoMismatches(bad);
  }

  /** The preferred width, and 128 bits when that is narrower. Call only with the Vector API loaded. */
  private static List<Kernels> simdWidths() {
    SimdKernels wide = new SimdKernels();
    return wide.name().equals("simd-128") ? List.of(wide) : List.of(wide, new SimdKernels(128));
  }

  private static List<String> float64(Kernels k) {
    List<String> bad = new ArrayList<>();
    for (long[] row : F64) {
      double x = Double.longBitsToDouble(row[0]);
      for (int c = 0; c < COLUMNS.length; c++) {
        double[] out = new double[N];
        k.unary(COLUMNS[c], filled(x), out, N);
        expect(bad, k.name() + " float64 " + name(COLUMNS[c]) + "(" + x + ")", out, row[1 + c], row[1 + c]);
      }
    }
    for (long[] row : F64_POW) {
      double a = Double.longBitsToDouble(row[0]), b = Double.longBitsToDouble(row[1]);
      double[] out = new double[N];
      k.binary(BinaryOp.POW, filled(a), filled(b), out, N);
      expect(bad, k.name() + " float64 pow(" + a + ", " + b + ")", out, row[2], row[2]);
      k.scalar(ScalarOp.POW, filled(a), b, out, N);
      expect(bad, k.name() + " float64 pow(" + a + ", scalar " + b + ")", out, row[2], row[2]);
    }
    return bad;
  }

  /** @param vectorMath whether the vector body computes exp, log, tanh and sigmoid with VectorMath (the SIMD twin) */
  private static List<String> float32(Kernels k, boolean vectorMath) {
    List<String> bad = new ArrayList<>();
    for (int[] row : F32) {
      float x = Float.intBitsToFloat(row[0]);
      for (int c = 0; c < COLUMNS.length; c++) {
        float[] out = new float[N];
        k.unary(COLUMNS[c], filled(x), out, N);
        int tail = row[1 + c];
        int body = vectorMath && COLUMNS[c] != UnaryOp.SQRT ? row[SIMD_COLUMNS + c] : tail;
        expect(bad, k.name() + " float32 " + name(COLUMNS[c]) + "(" + x + ")", out, body, tail);
      }
    }
    for (int[] row : F32_POW) {
      float a = Float.intBitsToFloat(row[0]), b = Float.intBitsToFloat(row[1]);
      float[] out = new float[N];
      k.binary(BinaryOp.POW, filled(a), filled(b), out, N);
      expect(bad, k.name() + " float32 pow(" + a + ", " + b + ")", out, row[2], row[2]);
      k.scalar(ScalarOp.POW, filled(a), b, out, N);
      expect(bad, k.name() + " float32 pow(" + a + ", scalar " + b + ")", out, row[2], row[2]);
    }
    return bad;
  }

  /** Elements [0, BODY) must have the bits {@code body}, the tail {@code tail}; the first miss of each part is reported. */
  private static void expect(List<String> bad, String what, double[] out, long body, long tail) {
    for (int i = 0; i < N; i++) {
      long want = i < BODY ? body : tail;
      long got = Double.doubleToLongBits(out[i]);   // canonical NaN
      if (got != want) {
        bad.add(String.format("%s, element %d of %d: got 0x%016x (%s), expected 0x%016x (%s)",
            what, i, N, got, out[i], want, Double.longBitsToDouble(want)));
        if (i >= BODY) return;
        i = BODY - 1;   // on to the tail
      }
    }
  }

  private static void expect(List<String> bad, String what, float[] out, int body, int tail) {
    for (int i = 0; i < N; i++) {
      int want = i < BODY ? body : tail;
      int got = Float.floatToIntBits(out[i]);   // canonical NaN
      if (got != want) {
        bad.add(String.format("%s, element %d of %d: got 0x%08x (%s), expected 0x%08x (%s)",
            what, i, N, got, out[i], want, Float.intBitsToFloat(want)));
        if (i >= BODY) return;
        i = BODY - 1;
      }
    }
  }

  private static void assertNoMismatches(List<String> bad) {
    assertTrue(bad.isEmpty(), () -> bad.size() + " results differ from the pinned bits:\n  " + String.join("\n  ", bad));
  }

  private static String name(UnaryOp op) {
    return op.name().toLowerCase(Locale.ROOT);
  }

  private static double[] filled(double v) {
    double[] a = new double[N];
    Arrays.fill(a, v);
    return a;
  }

  private static float[] filled(float v) {
    float[] a = new float[N];
    Arrays.fill(a, v);
    return a;
  }

  /** x, then exp, log, tanh, sigmoid and sqrt of x (float64 bits). */
  static final long[][] F64 = {
      {0x0000000000000000L, 0x3ff0000000000000L, 0xfff0000000000000L, 0x0000000000000000L, 0x3fe0000000000000L, 0x0000000000000000L},   // 0.0
      {0x8000000000000000L, 0x3ff0000000000000L, 0xfff0000000000000L, 0x8000000000000000L, 0x3fe0000000000000L, 0x8000000000000000L},   // -0.0
      {0x3ff0000000000000L, 0x4005bf0a8b14576aL, 0x0000000000000000L, 0x3fe85efab514f394L, 0x3fe764d4f5d5a2bdL, 0x3ff0000000000000L},   // 1.0
      {0xbff0000000000000L, 0x3fd78b56362cef38L, 0x7ff8000000000000L, 0xbfe85efab514f394L, 0x3fd136561454ba86L, 0x7ff8000000000000L},   // -1.0
      {0x3fe0000000000000L, 0x3ffa61298e1e069cL, 0xbfe62e42fefa39efL, 0x3fdd9353d7568af3L, 0x3fe3eb2fd4d34391L, 0x3fe6a09e667f3bcdL},   // 0.5
      {0xbfe0000000000000L, 0x3fe368b2fc6f960aL, 0x7ff8000000000000L, 0xbfdd9353d7568af3L, 0x3fd829a0565978dfL, 0x7ff8000000000000L},   // -0.5
      {0x4000000000000000L, 0x401d8e64b8d4ddaeL, 0x3fe62e42fefa39efL, 0x3feed9505e1bc3d4L, 0x3fec2f7d5a8a79c9L, 0x3ff6a09e667f3bcdL},   // 2.0
      {0xc000000000000000L, 0x3fc152aaa3bf81ccL, 0x7ff8000000000000L, 0xbfeed9505e1bc3d4L, 0x3fbe84152bac31aeL, 0x7ff8000000000000L},   // -2.0
      {0x3fb999999999999aL, 0x3ff1aec7b35a00d4L, 0xc0026bb1bbb55515L, 0x3fb983d7795f413aL, 0x3fe0cca12729afb8L, 0x3fd43d136248490fL},   // 0.1
      {0x3e112e0be826d695L, 0x3ff000000044b830L, 0xc034b927f32bffb8L, 0x3e112e0be826d695L, 0x3fe0000000225c18L, 0x3f009456549be1bdL},   // 1.0E-9
      {0xbe112e0be826d695L, 0x3fefffffff768fa1L, 0x7ff8000000000000L, 0xbe112e0be826d695L, 0x3fdfffffffbb47d1L, 0x7ff8000000000000L},   // -1.0E-9
      {0x4024000000000000L, 0x40d5829dcf950560L, 0x40026bb1bbb55516L, 0x3feffffffdc96f35L, 0x3fefffa0cb346f89L, 0x40094c583ada5b53L},   // 10.0
      {0xc024000000000000L, 0x3f07cd79b5647c9aL, 0x7ff8000000000000L, 0xbfeffffffdc96f35L, 0x3f07cd32e41dd95fL, 0x7ff8000000000000L},   // -10.0
      {0x4034000000000000L, 0x41bceb088b68e804L, 0x4007f7427b73e391L, 0x3ff0000000000000L, 0x3feffffffee4b79aL, 0x4011e3779b97f4a8L},   // 20.0
      {0xc034000000000000L, 0x3e21b48655f37267L, 0x7ff8000000000000L, 0xbff0000000000000L, 0x3e21b4865556b5d4L, 0x7ff8000000000000L},   // -20.0
      {0x40862d999999999aL, 0x7fed75ae7a50ee14L, 0x401a42660825ce24L, 0x3ff0000000000000L, 0x3ff0000000000000L, 0x403aa3e3d50f592dL},   // 709.7
      {0x4086300000000000L, 0x7ff0000000000000L, 0x401a42d4d1ff8154L, 0x3ff0000000000000L, 0x3ff0000000000000L, 0x403aa554ccb17776L},   // 710.0
      {0xc087480000000000L, 0x0000000000000001L, 0x7ff8000000000000L, 0xbff0000000000000L, 0x0000000000000001L, 0x7ff8000000000000L},   // -745.0
      {0xc087500000000000L, 0x0000000000000000L, 0x7ff8000000000000L, 0xbff0000000000000L, 0x0000000000000000L, 0x7ff8000000000000L},   // -746.0
      {0x0000000000000001L, 0x3ff0000000000000L, 0xc0874385446d71c3L, 0x0000000000000001L, 0x3fe0000000000000L, 0x1e60000000000000L},   // 4.9E-324
      {0x0010000000000000L, 0x3ff0000000000000L, 0xc086232bdd7abcd2L, 0x0010000000000000L, 0x3fe0000000000000L, 0x2000000000000000L},   // 2.2250738585072014E-308
      {0x7e37e43c8800759cL, 0x7ff0000000000000L, 0x4085963447f87fb5L, 0x3ff0000000000000L, 0x3ff0000000000000L, 0x5f138d352e5096afL},   // 1.0E300
      {0x7fefffffffffffffL, 0x7ff0000000000000L, 0x40862e42fefa39efL, 0x3ff0000000000000L, 0x3ff0000000000000L, 0x5fefffffffffffffL},   // 1.7976931348623157E308
      {0x400921fb54442d18L, 0x403724046eb09339L, 0x3ff250d048e7a1bdL, 0x3fefe175fa292810L, 0x3feeaca7ed72415cL, 0x3ffc5bf891b4ef6aL},   // 3.141592653589793
      {0x7ff8000000000000L, 0x7ff8000000000000L, 0x7ff8000000000000L, 0x7ff8000000000000L, 0x7ff8000000000000L, 0x7ff8000000000000L},   // NaN
      {0x7ff0000000000000L, 0x7ff0000000000000L, 0x7ff0000000000000L, 0x3ff0000000000000L, 0x3ff0000000000000L, 0x7ff0000000000000L},   // Infinity
      {0xfff0000000000000L, 0x0000000000000000L, 0x7ff8000000000000L, 0xbff0000000000000L, 0x0000000000000000L, 0x7ff8000000000000L},   // -Infinity
      {0x3fa08ebcc6c54bcfL, 0x3ff086a029fe1847L, 0xc00b73ac7e09b715L, 0x3fa08d42a8b1e5faL, 0x3fe0423978dea3feL, 0x3fc704af5e08dbd5L},   // 0.032339: JDK 25 Math.tanh differs
      {0xc01ac91bc5586445L, 0x3f543d76da325686L, 0x7ff8000000000000L, 0xbfeffff9995b5417L, 0x3f5437123a783c20L, 0x7ff8000000000000L},   // -6.696395: Math.exp differs
      {0xc01dfe1650a45d42L, 0x3f422848697ccc2aL, 0x7ff8000000000000L, 0xbfeffffeb64f8117L, 0x3f4225b565ed9c3cL, 0x7ff8000000000000L},   // -7.498132: Math.exp differs
      {0x4003a6dce39b456bL, 0x402753c825b26916L, 0x3fecc260cf02e7d6L, 0x3fef8871abbe9f8cL, 0x3fed791bc0178659L, 0x3ff913b8ca3d71baL},   // 2.456476: sigmoid on Math.exp differs
      {0x3fc31151611ba3caL, 0x3ff291f47611950fL, 0xbffe76efb2882deeL, 0x3fc2ed8754bd7061L, 0x3fe13084fa78c392L, 0x3fd8b396583eb171L},   // 0.148966: Math.log differs
      {0x401f341f644955b4L, 0x40a3159a995077c2L, 0x40006f14fb8a5a2eL, 0x3fefffff4c0fd498L, 0x3feffca5d93f9b5aL, 0x4006581543bba3e8L},   // 7.800901: Math.log differs
      {0xc0156e653868fd1aL, 0x3f734c12f8955068L, 0x7ff8000000000000L, 0xbfefffa2e82c5f42L, 0x3f7334e8d20418b5L, 0x7ff8000000000000L},   // -5.357808: Math.exp differs
      {0xbfa355ef1fddebd9L, 0x3feed065e132bcdaL, 0x7ff8000000000000L, 0xbfa353950d155758L, 0x3fdf65553baa8121L, 0x7ff8000000000000L},   // -0.037765: JDK 25 Math.tanh differs
      {0xc00f78ca8198f1d4L, 0x3f94090448b405dcL, 0x7ff8000000000000L, 0xbfeff9baf9587534L, 0x3f93a69709a43900L, 0x7ff8000000000000L},   // -3.93398: sigmoid on Math.exp differs
      {0x3fcf26d8b1dd5d3eL, 0x3ff468a1276c337cL, 0xbff69c4db1e27af8L, 0x3fce8d09cfbd2ab7L, 0x3fe1effb726904b5L, 0x3fdf92b1a9b8e9baL},   // 0.243373: JDK 25 Math.tanh differs
      {0xc00eed4ed2cbea4fL, 0x3f9572824fed9998L, 0x7ff8000000000000L, 0xbfeff8d0dc24060fL, 0x3f9501df1ae93a78L, 0x7ff8000000000000L},   // -3.865873: sigmoid on Math.exp differs
      {0x3fdc4128bf3bea92L, 0x3ff8e14a0d28ad99L, 0xbfea2a0509b9a5b0L, 0x3fda8d3269d63c9dL, 0x3fe379bd986d0626L, 0x3fe54312214359adL},   // 0.441477: Math.log differs
      {0x3fcefbb0e5e67946L, 0x3ff461c0d1b3488cL, 0xbff6b2876aa9f67aL, 0x3fce64541cdeb84dL, 0x3fe1ed5307a31a89L, 0x3fdf7ccb77ba4088L},   // 0.242056: sigmoid on Math.exp differs
  };
  /** a, b, then a^b (float64 bits). */
  static final long[][] F64_POW = {
      {0x4000000000000000L, 0x3fe0000000000000L, 0x3ff6a09e667f3bcdL},   // 2.0 ^ 0.5
      {0x4000000000000000L, 0x4024000000000000L, 0x4090000000000000L},   // 2.0 ^ 10.0
      {0xc000000000000000L, 0x4008000000000000L, 0xc020000000000000L},   // -2.0 ^ 3.0
      {0xc000000000000000L, 0x3fe0000000000000L, 0x7ff8000000000000L},   // -2.0 ^ 0.5
      {0x0000000000000000L, 0xbff0000000000000L, 0x7ff0000000000000L},   // 0.0 ^ -1.0
      {0x8000000000000000L, 0xbff0000000000000L, 0xfff0000000000000L},   // -0.0 ^ -1.0
      {0x7ff8000000000000L, 0x0000000000000000L, 0x3ff0000000000000L},   // NaN ^ 0.0
      {0x3ff0000000000000L, 0x7ff8000000000000L, 0x7ff8000000000000L},   // 1.0 ^ NaN
      {0x4024000000000000L, 0xc008000000000000L, 0x3f50624dd2f1a9fcL},   // 10.0 ^ -3.0
      {0x3ff8000000000000L, 0x4000000000000000L, 0x4002000000000000L},   // 1.5 ^ 2.0
      {0x3feccccccccccccdL, 0x4059000000000000L, 0x3efbda056ed49410L},   // 0.9 ^ 100.0
      {0x7ff0000000000000L, 0xbfe0000000000000L, 0x0000000000000000L},   // Infinity ^ -0.5
      {0x4005bf0a8b145769L, 0x400921fb54442d18L, 0x403724046eb09338L},   // 2.718281828459045 ^ 3.141592653589793
      {0xc020000000000000L, 0x3fd5555555555555L, 0x7ff8000000000000L},   // -8.0 ^ 0.3333333333333333
      {0x40193a43fe5c91d1L, 0x3ffc6113404ea4a9L, 0x403a38554ce27d64L},   // 6.3069 ^ 1.7737: Math.pow differs
      {0x3ff9b295e9e1b08aL, 0xbfe65c91d14e3bcdL, 0x3fe6faf6577d9ec6L},   // 1.6061 ^ -0.6988: Math.pow differs
      {0x40087559b3d07c85L, 0xbff9acd9e83e425bL, 0x3fc54ce7c23a4cbcL},   // 3.0573 ^ -1.6047: Math.pow differs
      {0x3fec84b5dcc63f14L, 0x3fca40b780346dc6L, 0x3fef40bc00aef974L},   // 0.8912 ^ 0.2051: Math.pow differs
  };
  /**
   * x, then exp, log, tanh, sigmoid and sqrt of x by the scalar twin (the float64 functions, rounded),
   * then exp, log, tanh and sigmoid by the SIMD twin's VectorMath (float32 bits).
   */
  static final int[][] F32 = {
      {0x00000000, 0x3f800000, 0xff800000, 0x00000000, 0x3f000000, 0x00000000, 0x3f800000, 0xff800000, 0x00000000, 0x3f000000},   // 0.0
      {0x80000000, 0x3f800000, 0xff800000, 0x80000000, 0x3f000000, 0x80000000, 0x3f800000, 0xff800000, 0x00000000, 0x3f000000},   // -0.0
      {0x3f800000, 0x402df854, 0x00000000, 0x3f42f7d6, 0x3f3b26a8, 0x3f800000, 0x402df854, 0x00000000, 0x3f42f7d6, 0x3f3b26a8},   // 1.0
      {0xbf800000, 0x3ebc5ab2, 0x7fc00000, 0xbf42f7d6, 0x3e89b2b1, 0x7fc00000, 0x3ebc5ab2, 0x7fc00000, 0xbf42f7d6, 0x3e89b2b1},   // -1.0
      {0x3f000000, 0x3fd3094c, 0xbf317218, 0x3eec9a9f, 0x3f1f597f, 0x3f3504f3, 0x3fd3094c, 0xbf317218, 0x3eec9a9f, 0x3f1f597f},   // 0.5
      {0xbf000000, 0x3f1b4598, 0x7fc00000, 0xbeec9a9f, 0x3ec14d03, 0x7fc00000, 0x3f1b4598, 0x7fc00000, 0xbeec9a9f, 0x3ec14d03},   // -0.5
      {0x40000000, 0x40ec7326, 0x3f317218, 0x3f76ca83, 0x3f617beb, 0x3fb504f3, 0x40ec7326, 0x3f317218, 0x3f76ca83, 0x3f617bea},   // 2.0
      {0xc0000000, 0x3e0a9555, 0x7fc00000, 0xbf76ca83, 0x3df420a9, 0x7fc00000, 0x3e0a9555, 0x7fc00000, 0xbf76ca83, 0x3df420a8},   // -2.0
      {0x3dcccccd, 0x3f8d763e, 0xc0135d8e, 0x3dcc1ebc, 0x3f066509, 0x3ea1e89b, 0x3f8d763e, 0xc0135d8e, 0x3dcc1ebc, 0x3f066509},   // 0.1
      {0x358637bd, 0x3f800008, 0xc15d0c55, 0x358637bd, 0x3f000004, 0x3a83126f, 0x3f800008, 0xc15d0c55, 0x358637bd, 0x3f000004},   // 1.0E-6
      {0xb58637bd, 0x3f7fffef, 0x7fc00000, 0xb58637bd, 0x3efffff8, 0x7fc00000, 0x3f7fffef, 0x7fc00000, 0xb58637bd, 0x3efffff7},   // -1.0E-6
      {0x3f200000, 0x3fef22af, 0xbef0a451, 0x3f0dfa3f, 0x3f26bf31, 0x3f4a62c2, 0x3fef22af, 0xbef0a451, 0x3f0dfa40, 0x3f26bf32},   // 0.625
      {0x41100000, 0x45fd38ac, 0x400c9f54, 0x3f7fffff, 0x3f7ff7ea, 0x40400000, 0x45fd38ac, 0x400c9f54, 0x3f7fffff, 0x3f7ff7ea},   // 9.0
      {0x41200000, 0x46ac14ee, 0x40135d8e, 0x3f800000, 0x3f7ffd06, 0x404a62c2, 0x46ac14ee, 0x40135d8e, 0x3f800000, 0x3f7ffd06},   // 10.0
      {0xc1200000, 0x383e6bce, 0x7fc00000, 0xbf800000, 0x383e6997, 0x7fc00000, 0x383e6bce, 0x7fc00000, 0xbf800000, 0x383e6997},   // -10.0
      {0x41700000, 0x4a478665, 0x402d50b2, 0x3f800000, 0x3f7ffffb, 0x4077def6, 0x4a478666, 0x402d50b2, 0x3f800000, 0x3f7ffffa},   // 15.0
      {0xc1700000, 0x34a43ae5, 0x7fc00000, 0xbf800000, 0x34a43ae2, 0x7fc00000, 0x34a43ae5, 0x7fc00000, 0xbf800000, 0x34a43ae1},   // -15.0
      {0x42b170a4, 0x7f7f4648, 0x408f8919, 0x3f800000, 0x3f800000, 0x4116b4c1, 0x7f7f4648, 0x408f8919, 0x3f800000, 0x3f800000},   // 88.72
      {0x42b20000, 0x7f800000, 0x408fa2e9, 0x3f800000, 0x3f800000, 0x4116f196, 0x7f800000, 0x408fa2e9, 0x3f800000, 0x3f800000},   // 89.0
      {0xc2ae999a, 0x0084c38b, 0x7fc00000, 0xbf800000, 0x0084c38b, 0x7fc00000, 0x0084c38b, 0x7fc00000, 0xbf800000, 0x0084c38b},   // -87.3
      {0xc2cfcccd, 0x00000001, 0x7fc00000, 0xbf800000, 0x00000001, 0x7fc00000, 0x00000001, 0x7fc00000, 0xbf800000, 0x00000001},   // -103.9
      {0xc2d00000, 0x00000000, 0x7fc00000, 0xbf800000, 0x00000000, 0x7fc00000, 0x00000000, 0x7fc00000, 0xbf800000, 0x00000000},   // -104.0
      {0x00000001, 0x3f800000, 0xc2ce8ed0, 0x00000001, 0x3f000000, 0x1a3504f3, 0x3f800000, 0xc2ce8ed0, 0x00000001, 0x3f000000},   // 1.4E-45
      {0x00800000, 0x3f800000, 0xc2aeac50, 0x00800000, 0x3f000000, 0x20000000, 0x3f800000, 0xc2aeac50, 0x00800000, 0x3f000000},   // 1.1754944E-38
      {0x7f7fffff, 0x7f800000, 0x42b17218, 0x3f800000, 0x3f800000, 0x5f7fffff, 0x7f800000, 0x42b17218, 0x3f800000, 0x3f800000},   // 3.4028235E38
      {0x40490fdb, 0x41b92025, 0x3f928683, 0x3f7f0bb0, 0x3f75653f, 0x3fe2dfc5, 0x41b92024, 0x3f928682, 0x3f7f0bb0, 0x3f75653f},   // 3.1415927
      {0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000},   // NaN
      {0x7f800000, 0x7f800000, 0x7f800000, 0x3f800000, 0x3f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x3f800000, 0x3f800000},   // Infinity
      {0xff800000, 0x00000000, 0x7fc00000, 0xbf800000, 0x00000000, 0x7fc00000, 0x00000000, 0x7fc00000, 0xbf800000, 0x00000000},   // -Infinity
      {0xbf14538f, 0x3f0f6b86, 0x7fc00000, 0xbf05b0d0, 0x3eb7d81c, 0x7fc00000, 0x3f0f6b86, 0x7fc00000, 0xbf05b0d0, 0x3eb7d81d},   // -0.5794
      {0x3f9d0e56, 0x405a4d84, 0x3e517b5e, 0x3f577a1b, 0x3f45f689, 0x3f8dc920, 0x405a4d84, 0x3e517b5e, 0x3f577a1b, 0x3f45f689},   // 1.227
      {0xc107f41f, 0x3955f8c1, 0x7fc00000, 0xbf7fffff, 0x3955ed94, 0x7fc00000, 0x3955f8c1, 0x7fc00000, 0xbf7fffff, 0x3955ed94},   // -8.4971
      {0xbfbf03b0, 0x3e66405c, 0x7fc00000, 0xbf675bf8, 0x3e3bfb8c, 0x7fc00000, 0x3e66405c, 0x7fc00000, 0xbf675bf8, 0x3e3bfb8b},   // -1.4923
      {0x3fa8bac7, 0x406f25eb, 0x3e8d72e4, 0x3f5dc82b, 0x3f49f42d, 0x3f92f5e3, 0x406f25eb, 0x3e8d72e4, 0x3f5dc82c, 0x3f49f42e},   // 1.3182
      {0x3ff7f2e5, 0x40de0903, 0x3f2943e2, 0x3f7594e9, 0x3f5fc0a4, 0x3fb2266b, 0x40de0903, 0x3f2943e2, 0x3f7594e9, 0x3f5fc0a4},   // 1.9371
  };
  /** a, b, then a^b (float32 bits; the float64 pow, rounded). */
  static final int[][] F32_POW = {
      {0x40000000, 0x3f000000, 0x3fb504f3},   // 2.0 ^ 0.5
      {0x40000000, 0x41200000, 0x44800000},   // 2.0 ^ 10.0
      {0xc0000000, 0x40400000, 0xc1000000},   // -2.0 ^ 3.0
      {0xc0000000, 0x3f000000, 0x7fc00000},   // -2.0 ^ 0.5
      {0x00000000, 0xbf800000, 0x7f800000},   // 0.0 ^ -1.0
      {0x80000000, 0xbf800000, 0xff800000},   // -0.0 ^ -1.0
      {0x7fc00000, 0x00000000, 0x3f800000},   // NaN ^ 0.0
      {0x3f800000, 0x7fc00000, 0x7fc00000},   // 1.0 ^ NaN
      {0x41200000, 0xc0400000, 0x3a83126f},   // 10.0 ^ -3.0
      {0x3fc00000, 0x40000000, 0x40100000},   // 1.5 ^ 2.0
      {0x3f666666, 0x42c80000, 0x37ded005},   // 0.9 ^ 100.0
      {0x7f800000, 0xbf000000, 0x00000000},   // Infinity ^ -0.5
      {0x402df854, 0x40490fdb, 0x41b92023},   // 2.7182817 ^ 3.1415927
      {0xc1000000, 0x3eaaaaab, 0x7fc00000},   // -8.0 ^ 0.33333334
      {0x40c9d220, 0x3fe3089a, 0x41d1c2aa},   // 6.3069 ^ 1.7737
      {0x3fcd94af, 0xbf32e48f, 0x3f37d7b3},   // 1.6061 ^ -0.6988
      {0x4043aace, 0xbfcd66cf, 0x3e2a673e},   // 3.0573 ^ -1.6047
      {0x3f6425af, 0x3e5205bc, 0x3f7a05e0},   // 0.8912 ^ 0.2051
  };
}
