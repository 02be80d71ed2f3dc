package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * One gemm cross-check: random operands at random offsets inside larger arrays, C prefilled
 * (used when accumulating, overwritten otherwise), both element types. Every entry must match
 * within 2·(k+1)·eps·(Σ_p |a_ip·b_pj| + |c_ij|), and nothing outside C's block may change.
 */
final class Gemm {
  private static final ScalarKernels REF = new ScalarKernels();

  private Gemm() {}

  static void check(Kernels simd, int m, int n, int k, boolean transA, boolean transB,
                    boolean accumulate, Random rnd) {
    String what = simd.name() + " gemm m=" + m + " n=" + n + " k=" + k + " transA=" + transA
        + " transB=" + transB + " accumulate=" + accumulate;
    int aOff = rnd.nextInt(8);
    int bOff = rnd.nextInt(8);
    int cOff = rnd.nextInt(8);
    int pad = rnd.nextInt(5);
    float[] a = Inputs.finiteFloats(rnd, aOff + m * k + pad);
    float[] b = Inputs.finiteFloats(rnd, bOff + k * n + pad);
    float[] c0 = Inputs.finiteFloats(rnd, cOff + m * n + pad);
    float[] want = c0.clone();
    float[] got = c0.clone();
    REF.gemm(transA, transB, m, n, k, a, aOff, b, bOff, want, cOff, accumulate);
    simd.gemm(transA, transB, m, n, k, a, aOff, b, bOff, got, cOff, accumulate);

    double[] ad = new double[a.length];
    double[] bd = new double[b.length];
    double[] cd0 = new double[c0.length];
    for (int i = 0; i < a.length; i++) ad[i] = a[i] * (1 + 1e-9 * rnd.nextGaussian());
    for (int i = 0; i < b.length; i++) bd[i] = b[i] * (1 + 1e-9 * rnd.nextGaussian());
    for (int i = 0; i < c0.length; i++) cd0[i] = c0[i];
    double[] wantD = cd0.clone();
    double[] gotD = cd0.clone();
    REF.gemm(transA, transB, m, n, k, ad, aOff, bd, bOff, wantD, cOff, accumulate);
    simd.gemm(transA, transB, m, n, k, ad, aOff, bd, bOff, gotD, cOff, accumulate);

    for (int idx = 0; idx < c0.length; idx++) {
      int rel = idx - cOff;
      if (rel < 0 || rel >= m * n) {
        if (Float.floatToIntBits(got[idx]) != Float.floatToIntBits(c0[idx])
            || Double.doubleToLongBits(gotD[idx]) != Double.doubleToLongBits(cd0[idx])) {
          fail(what + ": wrote outside C at array index " + idx);
        }
        continue;
      }
      int i = rel / n;
      int j = rel % n;
      double mag = accumulate ? Math.abs(c0[idx]) : 0;
      for (int p = 0; p < k; p++) {
        double av = transA ? ad[aOff + p * m + i] : ad[aOff + i * k + p];
        double bv = transB ? bd[bOff + j * k + p] : bd[bOff + p * n + j];
        mag += Math.abs(av * bv);
      }
      double tolF = 2.0 * (k + 1) * Math.ulp(1f) * mag + Float.MIN_VALUE;
      double tolD = 2.0 * (k + 1) * Math.ulp(1.0) * mag + Double.MIN_VALUE;
      if (!(Math.abs((double) got[idx] - want[idx]) <= tolF)) {
        fail(what + " (float): C[" + i + "][" + j + "] scalar " + want[idx] + ", simd " + got[idx]
            + ", |diff| " + Math.abs((double) got[idx] - want[idx]) + " > " + tolF);
      }
      if (!(Math.abs(gotD[idx] - wantD[idx]) <= tolD)) {
        fail(what + " (double): C[" + i + "][" + j + "] scalar " + wantD[idx] + ", simd "
            + gotD[idx] + ", |diff| " + Math.abs(gotD[idx] - wantD[idx]) + " > " + tolD);
      }
    }
  }
}
