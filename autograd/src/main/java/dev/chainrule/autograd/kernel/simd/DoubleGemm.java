package dev.chainrule.autograd.kernel.simd;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double matrix products on the Vector API: the blocked Goto/BLIS-style gemm of {@link FloatGemm}
 * with 6-row micro-tiles at every width (not tuned further: float64 serves gradient checks), and
 * a plain loop for tiny products. No dot-product path for A·Bᵀ.
 *
 * <p>NOTE: this class is also defined as a hidden class per extra vector width (see
 * {@link VectorWidth}); it must therefore stay self-contained: no nested classes, no lambdas.
 */
final class DoubleGemm implements GemmOps<double[]> {
  /** The species: a static final constant, which C2 needs to emit real vector instructions. */
  static final VectorSpecies<Double> S = VectorSpecies.of(double.class,
      VectorWidth.shape(VectorWidth.classBits(MethodHandles.lookup())));
  private static final int L = S.length();

  // ---- gemm blocking, in units of this species' lanes ----
  /** Rows of C per micro-tile: 6 rows x 2 vectors = 12 accumulators + 2 B vectors + 1 broadcast
   *  fit the 16 registers of AVX2 and leave room on AVX-512, and 12 independent FMA chains cover
   *  2 pipes x 4 cycles of latency. Not tuned against other shapes (4x3, 8x2) yet. */
  private static final int MR = 6;
  /** Rows per micro-tile when at most one vector of columns is left (narrow C, last strip):
   *  12 independent accumulators keep both FMA pipes busy despite the 4-cycle latency. */
  private static final int MR1 = 2 * MR;
  /** Columns of C per micro-tile: two vectors. */
  private static final int NR = 2 * L;
  /** Depth of a k-block: the B micro-panel (KC x NR elements) then takes 24 KiB at any width
   *  and stays in a 32-48 KiB L1 while the micro-kernel sweeps down the rows of A. */
  private static final int KC = 24 * 1024 / (NR * Double.BYTES);
  /** Rows of A per block (a multiple of MR): MC x KC of A (~384 KiB in double) stays in a 1 MiB
   *  L2 while all column strips reuse it. */
  private static final int MC = 504;
  /** Below this many multiply-adds (16^3) the blocking bookkeeping costs more than it saves. */
  private static final long SMALL_GEMM = 4096;
  /** With fewer rows than this, B is read in place instead of packed: packing costs one copy of
   *  B, which m rows of work amortise only when m is large. The threshold is the float kernel's
   *  (measured there, see {@link FloatGemm}), not measured again for double. B^T is always packed. */
  private static final int PACK_B_MIN_M = 4 * MR;

  /** Per-thread packing buffer; grows to the largest panel seen and is never shrunk. */
  private static final ThreadLocal<double[]> SCRATCH = new ThreadLocal<>();

  DoubleGemm() {}

  /**
   * Blocked GEMM in the Goto/BLIS style, single-threaded.
   *
   * <p>Every operand is addressed through a row and a column stride, so transposes cost nothing
   * where the access pattern allows. The micro-kernel broadcasts single elements of the left
   * operand (any strides will do) and loads contiguous vectors from rows of the right operand,
   * which is read in place when its columns are contiguous and m is small, and otherwise packed
   * into zero-padded KC x NR panels in a thread-local buffer.
   *
   * <p>NOTE: op(B) = B^T with few rows of A (the MNIST backward dy·W^T: m = 10, n = 784) would
   * spend more time transposing B into panels than multiplying, since each element of B meets
   * only m rows. There we compute C^T = op(B)^T · op(A)^T instead: B^T^T = B is then the
   * broadcast operand read in place, only the small op(A) is packed, and C is written
   * transposed from the spilled tiles.
   */
  @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                             boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
      }
      return;
    }
    if ((long) m * n * k <= SMALL_GEMM) {
      smallGemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
      return;
    }
    final int rsA = transA ? 1 : k;   // op(A)(i, p) = a[aOff + i*rsA + p*csA]
    final int csA = transA ? m : 1;
    final int rsB = transB ? 1 : n;   // op(B)(p, j) = b[bOff + p*rsB + j*csB]
    final int csB = transB ? k : 1;
    if (transB && m <= NR && n >= 4 * NR) {
      blocked(n, m, k, b, bOff, csB, rsB, a, aOff, csA, rsA, c, cOff, 1, n, accumulate);
    } else {
      blocked(m, n, k, a, aOff, rsA, csA, b, bOff, rsB, csB, c, cOff, n, 1, accumulate);
    }
  }

  /**
   * C (+)= X · Y with X m x k, Y k x n, each element addressed by a row and a column stride.
   * Loop nest: k-blocks (KC) / row blocks of X (MC, kept in L2) / column strips of Y (NR: a
   * KC x NR micro-panel kept in L1) / row strips (MR) -> micro-kernel. Edge strips run the same
   * micro-kernel on clamped rows and zero-padded columns and store only the valid part.
   */
  private static void blocked(int m, int n, int k,
                              double[] x, int xOff, int rsX, int csX,
                              double[] y, int yOff, int rsY, int csY,
                              double[] c, int cOff, int rsC, int csC, boolean accumulate) {
    final boolean packAll = csY != 1 || m >= PACK_B_MIN_M;
    final int strips = (n + NR - 1) / NR;
    final int fullStrips = n / NR;
    final int kBlocks = (k + KC - 1) / KC;
    final int kcMax = (k + kBlocks - 1) / kBlocks;      // balanced: 784 -> 4 x 196, not 3 x 256 + 16
    final int mBlocks = (m + MC - 1) / MC;
    final int mcMax = ((m + mBlocks - 1) / mBlocks + MR - 1) / MR * MR;
    double[] buf = scratch((packAll ? strips : 1) * kcMax * NR);
    double[] tile = new double[MR1 * L > MR * NR ? MR1 * L : MR * NR];

    for (int pc = 0; pc < k; pc += kcMax) {
      final int kc = Math.min(kcMax, k - pc);
      final boolean add = accumulate || pc > 0;
      if (packAll) {
        for (int s = 0; s < strips; s++) {
          pack(y, yOff, rsY, csY, n, pc, kc, s * NR, buf, s * kc * NR);
        }
      } else if (fullStrips < strips) {
        pack(y, yOff, rsY, csY, n, pc, kc, fullStrips * NR, buf, 0);
      }
      for (int ic = 0; ic < m; ic += mcMax) {
        final int mc = Math.min(mcMax, m - ic);
        for (int s = 0; s < strips; s++) {
          final int jc = s * NR;
          final int nr = Math.min(NR, n - jc);
          final double[] bp;
          final int bi;
          final int ldb;
          if (packAll) {
            bp = buf;
            bi = s * kc * NR;
            ldb = nr > L ? NR : L;
          } else if (s < fullStrips) {
            bp = y;
            bi = yOff + pc * rsY + jc;
            ldb = rsY;
          } else {
            bp = buf;
            bi = 0;
            ldb = nr > L ? NR : L;
          }
          if (nr > L) {
            for (int ir = 0; ir < mc; ir += MR) {
              final int rows = Math.min(MR, mc - ir);
              final int xi = xOff + (ic + ir) * rsX + pc * csX;
              final int ci = cOff + (ic + ir) * rsC + jc * csC;
              kernel2(kc, x, xi, rsX, csX, rows, bp, bi, ldb, c, ci, rsC, csC, nr, add, tile);
            }
          } else {
            for (int ir = 0; ir < mc; ir += MR1) {
              final int rows = Math.min(MR1, mc - ir);
              final int xi = xOff + (ic + ir) * rsX + pc * csX;
              final int ci = cOff + (ic + ir) * rsC + jc * csC;
              kernel1(kc, x, xi, rsX, csX, rows, bp, bi, ldb, c, ci, rsC, csC, nr, add, tile);
            }
          }
        }
      }
    }
  }

  private static double[] scratch(int size) {
    double[] buf = SCRATCH.get();
    if (buf == null || buf.length < size) {
      buf = new double[size];
      SCRATCH.set(buf);
    }
    return buf;
  }

  /**
   * Copies rows [pc, pc+kc) and columns [jc, jc+width) of Y to dst as a kc x width row-major
   * panel, width = NR, or L when at most L columns are left; columns past n become 0.
   */
  private static void pack(double[] y, int yOff, int rsY, int csY, int n, int pc, int kc,
                           int jc, double[] dst, int dOff) {
    final int nr = Math.min(NR, n - jc);
    final int width = nr > L ? NR : L;
    if (csY != 1) {
      // Transposing: walk each column of the panel along its stride, write with stride width.
      for (int j = 0; j < nr; j++) {
        int src = yOff + pc * rsY + (jc + j) * csY;
        for (int p = 0, d = dOff + j; p < kc; p++, d += width, src += rsY) dst[d] = y[src];
      }
      for (int j = nr; j < width; j++) {
        for (int p = 0, d = dOff + j; p < kc; p++, d += width) dst[d] = 0.0;
      }
    } else if (nr == NR) {
      for (int p = 0; p < kc; p++) {
        int src = yOff + (pc + p) * rsY + jc;
        int d = dOff + p * NR;
        DoubleVector.fromArray(S, y, src).intoArray(dst, d);
        DoubleVector.fromArray(S, y, src + L).intoArray(dst, d + L);
      }
    } else {
      for (int p = 0; p < kc; p++) {
        int src = yOff + (pc + p) * rsY + jc;
        int d = dOff + p * width;
        System.arraycopy(y, src, dst, d, nr);
        java.util.Arrays.fill(dst, d + nr, d + width, 0.0);
      }
    }
  }

  /**
   * C[rows x cols] (+)= op(A)[rows x kc] * B[kc x 2L] for one micro-tile: 6 x 2 vector
   * accumulators, each step broadcasts one element per row of A and fuses it with two vectors of
   * the B row. Rows past {@code rows} re-read the last valid row of A (so every index stays in
   * bounds) and are not stored.
   */
  private static void kernel2(int kc, double[] a, int ai, int rsA, int csA, int rows,
                              double[] b, int bi, int ldb, double[] c, int ci, int ldc, int csC,
                              int cols, boolean add, double[] tile) {
    final int a0 = ai;
    final int a1 = ai + Math.min(1, rows - 1) * rsA;
    final int a2 = ai + Math.min(2, rows - 1) * rsA;
    final int a3 = ai + Math.min(3, rows - 1) * rsA;
    final int a4 = ai + Math.min(4, rows - 1) * rsA;
    final int a5 = ai + Math.min(5, rows - 1) * rsA;
    DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (int p = 0, ap = 0; p < kc; p++, ap += csA, bi += ldb) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
      DoubleVector x = DoubleVector.broadcast(S, a[a0 + ap]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(S, a[a1 + ap]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(S, a[a2 + ap]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(S, a[a3 + ap]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(S, a[a4 + ap]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(S, a[a5 + ap]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    if (rows == MR && cols == NR && csC == 1) {
      store(c, ci, c00, add);
      store(c, ci + L, c01, add);
      store(c, ci + ldc, c10, add);
      store(c, ci + ldc + L, c11, add);
      store(c, ci + 2 * ldc, c20, add);
      store(c, ci + 2 * ldc + L, c21, add);
      store(c, ci + 3 * ldc, c30, add);
      store(c, ci + 3 * ldc + L, c31, add);
      store(c, ci + 4 * ldc, c40, add);
      store(c, ci + 4 * ldc + L, c41, add);
      store(c, ci + 5 * ldc, c50, add);
      store(c, ci + 5 * ldc + L, c51, add);
      return;
    }
    // Edge tile: spill to the buffer and copy the valid part. NOTE: vectors must not be passed
    // to a method C2 might not inline (like a partial-store helper): that forces boxing.
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
    c40.intoArray(tile, 4 * NR);
    c41.intoArray(tile, 4 * NR + L);
    c50.intoArray(tile, 5 * NR);
    c51.intoArray(tile, 5 * NR + L);
    copyTile(tile, NR, rows, cols, c, ci, ldc, csC, add);
  }

  /**
   * As {@link #kernel2} with one vector of columns and twice the rows (12 x 1 accumulators), for
   * the last strip when at most L columns remain and for narrow C (the transposed dy·W^T).
   */
  private static void kernel1(int kc, double[] a, int ai, int rsA, int csA, int rows,
                              double[] b, int bi, int ldb, double[] c, int ci, int ldc, int csC,
                              int cols, boolean add, double[] tile) {
    final int a0 = ai;
    final int a1 = ai + Math.min(1, rows - 1) * rsA;
    final int a2 = ai + Math.min(2, rows - 1) * rsA;
    final int a3 = ai + Math.min(3, rows - 1) * rsA;
    final int a4 = ai + Math.min(4, rows - 1) * rsA;
    final int a5 = ai + Math.min(5, rows - 1) * rsA;
    final int a6 = ai + Math.min(6, rows - 1) * rsA;
    final int a7 = ai + Math.min(7, rows - 1) * rsA;
    final int a8 = ai + Math.min(8, rows - 1) * rsA;
    final int a9 = ai + Math.min(9, rows - 1) * rsA;
    final int a10 = ai + Math.min(10, rows - 1) * rsA;
    final int a11 = ai + Math.min(11, rows - 1) * rsA;
    DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
    DoubleVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
    for (int p = 0, ap = 0; p < kc; p++, ap += csA, bi += ldb) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
      c0 = DoubleVector.broadcast(S, a[a0 + ap]).fma(b0, c0);
      c1 = DoubleVector.broadcast(S, a[a1 + ap]).fma(b0, c1);
      c2 = DoubleVector.broadcast(S, a[a2 + ap]).fma(b0, c2);
      c3 = DoubleVector.broadcast(S, a[a3 + ap]).fma(b0, c3);
      c4 = DoubleVector.broadcast(S, a[a4 + ap]).fma(b0, c4);
      c5 = DoubleVector.broadcast(S, a[a5 + ap]).fma(b0, c5);
      c6 = DoubleVector.broadcast(S, a[a6 + ap]).fma(b0, c6);
      c7 = DoubleVector.broadcast(S, a[a7 + ap]).fma(b0, c7);
      c8 = DoubleVector.broadcast(S, a[a8 + ap]).fma(b0, c8);
      c9 = DoubleVector.broadcast(S, a[a9 + ap]).fma(b0, c9);
      c10 = DoubleVector.broadcast(S, a[a10 + ap]).fma(b0, c10);
      c11 = DoubleVector.broadcast(S, a[a11 + ap]).fma(b0, c11);
    }
    if (rows == MR1 && cols == L && csC == 1) {
      store(c, ci, c0, add);
      store(c, ci + ldc, c1, add);
      store(c, ci + 2 * ldc, c2, add);
      store(c, ci + 3 * ldc, c3, add);
      store(c, ci + 4 * ldc, c4, add);
      store(c, ci + 5 * ldc, c5, add);
      store(c, ci + 6 * ldc, c6, add);
      store(c, ci + 7 * ldc, c7, add);
      store(c, ci + 8 * ldc, c8, add);
      store(c, ci + 9 * ldc, c9, add);
      store(c, ci + 10 * ldc, c10, add);
      store(c, ci + 11 * ldc, c11, add);
      return;
    }
    c0.intoArray(tile, 0);
    c1.intoArray(tile, L);
    c2.intoArray(tile, 2 * L);
    c3.intoArray(tile, 3 * L);
    c4.intoArray(tile, 4 * L);
    c5.intoArray(tile, 5 * L);
    c6.intoArray(tile, 6 * L);
    c7.intoArray(tile, 7 * L);
    c8.intoArray(tile, 8 * L);
    c9.intoArray(tile, 9 * L);
    c10.intoArray(tile, 10 * L);
    c11.intoArray(tile, 11 * L);
    copyTile(tile, L, rows, cols, c, ci, ldc, csC, add);
  }

  private static void store(double[] c, int ci, DoubleVector v, boolean add) {
    (add ? v.add(DoubleVector.fromArray(S, c, ci)) : v).intoArray(c, ci);
  }

  /**
   * C[rows x cols] (+)= the top-left corner of a tile spilled with row stride {@code width};
   * C's element (r, j) is at ci + r*rsC + j*csC (csC = 1 normally, rsC = 1 for a transposed C).
   */
  private static void copyTile(double[] tile, int width, int rows, int cols, double[] c, int ci,
                               int rsC, int csC, boolean add) {
    if (csC != 1) {
      // Transposed C: walk C's rows (tile columns) so the stores run contiguously along rsC = 1;
      // the strided reads stay in the small, L1-resident tile.
      for (int j = 0; j < cols; j++) {
        int o = ci + j * csC;
        for (int r = 0, t = j; r < rows; r++, t += width) {
          int idx = o + r * rsC;
          c[idx] = add ? c[idx] + tile[t] : tile[t];
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int t = r * width;
      int o = ci + r * rsC;
      if (add) {
        for (int j = 0; j < cols; j++) c[o + j] += tile[t + j];
      } else {
        System.arraycopy(tile, t, c, o, cols);
      }
    }
  }

  /** Tiny products: a plain triple loop, i-p-j order so the inner loop runs along rows of C. */
  private static void smallGemm(boolean transA, boolean transB, int m, int n, int k,
                                double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      if (!accumulate) {
        java.util.Arrays.fill(c, ci, ci + n, 0.0);
      }
      for (int p = 0; p < k; p++) {
        double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        if (transB) {
          for (int j = 0; j < n; j++) c[ci + j] += av * b[bOff + j * k + p];
        } else {
          int bi = bOff + p * n;
          for (int j = 0; j < n; j++) c[ci + j] += av * b[bi + j];
        }
      }
    }
  }
}
