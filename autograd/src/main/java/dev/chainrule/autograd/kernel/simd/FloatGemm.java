package dev.chainrule.autograd.kernel.simd;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float matrix products on the Vector API: a blocked Goto/BLIS-style gemm with register-tiled
 * micro-kernels, dot-product rows for A·Bᵀ with few rows, and a plain loop for tiny products.
 * The blocking constants below were measured; see benchmarks/KERNELS.md.
 *
 * <p>NOTE: this class is also defined as a hidden class per extra vector width (see
 * {@link VectorWidth}); it must therefore stay self-contained: no nested classes, no lambdas.
 */
final class FloatGemm implements GemmOps<float[]> {
  /** The species: a static final constant, which C2 needs to emit real vector instructions. */
  static final VectorSpecies<Float> S = VectorSpecies.of(float.class,
      VectorWidth.shape(VectorWidth.classBits(MethodHandles.lookup())));
  private static final int L = S.length();

  // ---- gemm blocking, in units of this species' lanes ----
  /** Rows of C per micro-tile. Up to 256-bit: 6 rows x 2 vectors = 12 accumulators + 2 B vectors
   *  + 1 broadcast fit AVX2's 16 registers, and 12 independent FMA chains cover 2 pipes x 4
   *  cycles of latency. 512-bit (32 registers): 10 x 2 = 20 accumulators, and a batch of 10 is
   *  one tile. Measured on Zen 5 (GFLOP/s, 6 rows -> 10): 10x784x100 91 -> 125, 10000x784x100
   *  123 -> 161, 512^3 205 -> 227; 8 and 12 rows were slower than 10. */
  private static final int MR = S.length() >= 16 ? 10 : 6;
  /** Rows per micro-tile when at most one vector of columns is left (narrow C, last strip):
   *  10 or 12 independent accumulators keep both FMA pipes busy despite the 4-cycle latency. */
  private static final int MR1 = S.length() >= 16 ? 10 : 12;
  /** Columns of C per micro-tile: two vectors. */
  private static final int NR = 2 * L;
  /** Depth of a k-block. Up to 256-bit: the B micro-panel (KC x NR elements) takes 24 KiB and
   *  stays in a 32-48 KiB L1 while the micro-kernel sweeps down the rows of A. 512-bit: 1024, so
   *  the MNIST and 512^3 products run as one block; the 10-row tile hides the panel's trips to
   *  L2, and each k-block costs a pass over C. Measured on Zen 5 (GFLOP/s, 24 KiB panels ->
   *  1024 deep with MC = 250): 512^3 227 -> 242, 1024^3 221 -> 237, 10000x784x100 157 -> 193. */
  private static final int KC = S.length() >= 16 ? 1024 : 24 * 1024 / (NR * Float.BYTES);
  /** Rows of A per block (a multiple of MR): the rows that meet one B panel before the next
   *  strip. Up to 256-bit, MC x KC of A (~384 KiB in float) stays in a 1 MiB L2 while all column
   *  strips reuse it; 512-bit: 250 rows (see KC). */
  private static final int MC = S.length() >= 16 ? 250 : 504;
  /** Below this many multiply-adds (16^3) the blocking bookkeeping costs more than it saves. */
  private static final long SMALL_GEMM = 4096;
  /** With fewer rows than this, B is read in place instead of packed: packing costs one copy of
   *  B, which m rows of work amortise only when m is large. Measured (float, 512-bit, best of
   *  40): always packing takes 10x784 @ 784x100 from 93 to 72 GFLOP/s; never packing takes
   *  512^3 from ~190 to 152 (row strides of 2 KiB collide in L1 sets). B^T is always packed. */
  private static final int PACK_B_MIN_M = 4 * MR;

  /** A·Bᵀ with at most this many rows of A runs as row-by-row dot products (see dotRows). */
  private static final int DOT_MAX_M = 16;
  /** ...and at least this many vectors per dot product: each one ends in a horizontal reduction,
   *  which short rows do not amortise (10x100x784: 29 GFLOP/s as dot products, ~70 transposed). */
  private static final int DOT_MIN_VECTORS = 16;

  /** Per-thread packing buffer; grows to the largest panel seen and is never shrunk. */
  private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

  FloatGemm() {}

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
                             float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                             boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
      }
      return;
    }
    if ((long) m * n * k <= SMALL_GEMM) {
      smallGemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
      return;
    }
    if (transB && !transA && m <= DOT_MAX_M && k >= DOT_MIN_VECTORS * L) {
      dotRows(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
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
   * C (+)= A·Bᵀ for few rows of A (the forward of a dense layer on a small batch, x·Wᵀ with
   * m = 10): C[i][j] is the dot product of row i of A and row j of B, both contiguous, so the
   * vectors run along k and nothing is packed or transposed. On 512-bit vectors rows go in 5 x 4
   * tiles of C ({@link #dot5x4}); the rest in 2 x 4 tiles, 8 accumulators from 6 loads per
   * k-step; edges fall back to 1 x 1 dot products. Each dot product is summed in a fixed order
   * (the same in every tile shape), so results are reproducible.
   */
  private static void dotRows(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                              float[] c, int cOff, boolean accumulate) {
    final int kv = S.loopBound(k);
    final float[] tile = tile();
    int i = 0;
    if (MR == 10) {   // 512-bit: 32 registers hold a 5 x 4 tile
      for (; i + 5 <= m; i += 5) {
        for (int j = dot5x4(i, n, k, kv, a, aOff, b, bOff, c, cOff, accumulate, tile); j < n; j++) {
          for (int r = i; r < i + 5; r++) dot1(c, cOff + r * n + j, a, aOff + r * k, b, bOff + j * k, kv, k, accumulate, tile);
        }
      }
    }
    for (; i + 2 <= m; i += 2) {
      final int a0 = aOff + i * k, a1 = a0 + k;
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        final int b0 = bOff + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        for (int p = 0; p < kv; p += L) {
          FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
          FloatVector y = FloatVector.fromArray(S, b, b0 + p);
          c00 = x0.fma(y, c00);
          c10 = x1.fma(y, c10);
          y = FloatVector.fromArray(S, b, b1 + p);
          c01 = x0.fma(y, c01);
          c11 = x1.fma(y, c11);
          y = FloatVector.fromArray(S, b, b2 + p);
          c02 = x0.fma(y, c02);
          c12 = x1.fma(y, c12);
          y = FloatVector.fromArray(S, b, b3 + p);
          c03 = x0.fma(y, c03);
          c13 = x1.fma(y, c13);
        }
        // Spilled and summed from the array: a vector handed to a call C2 does not inline is boxed.
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c03.intoArray(tile, 3 * L);
        c10.intoArray(tile, 4 * L);
        c11.intoArray(tile, 5 * L);
        c12.intoArray(tile, 6 * L);
        c13.intoArray(tile, 7 * L);
        reduceDotTile(tile, 2, i, j, n, k, kv, a, a0, b, b0, c, cOff, accumulate);
      }
      for (; j < n; j++) {
        dot1(c, cOff + i * n + j, a, a0, b, bOff + j * k, kv, k, accumulate, tile);
        dot1(c, cOff + (i + 1) * n + j, a, a1, b, bOff + j * k, kv, k, accumulate, tile);
      }
    }
    for (; i < m; i++) {
      // A last single row (LeNet's 16 or 6 output channels after the 5-row tiles) in 1 x 4 tiles:
      // four independent FMA chains instead of dot1's one, which waits out each FMA's latency.
      final int a0 = aOff + i * k;
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        final int b0 = bOff + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        for (int p = 0; p < kv; p += L) {
          FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
          c0 = x0.fma(FloatVector.fromArray(S, b, b0 + p), c0);
          c1 = x0.fma(FloatVector.fromArray(S, b, b1 + p), c1);
          c2 = x0.fma(FloatVector.fromArray(S, b, b2 + p), c2);
          c3 = x0.fma(FloatVector.fromArray(S, b, b3 + p), c3);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        reduceDotTile(tile, 1, i, j, n, k, kv, a, a0, b, b0, c, cOff, accumulate);
      }
      for (; j < n; j++) dot1(c, cOff + i * n + j, a, a0, b, bOff + j * k, kv, k, accumulate, tile);
    }
  }

  /**
   * Rows [i, i+5) of C = A·Bᵀ as 5 x 4 tiles of dot products (512-bit vectors): 20 accumulators
   * fed by 9 loads per k-step, against 8 from 6 in the 2 x 4 tiles. The tile is spilled and
   * reduced in {@link #reduceDotTile}, which keeps this method under C2's inlining node budget;
   * each dot product is still summed in the same order, so the bits are those of the 2 x 4 path.
   * Returns the first column not done (the rest of these rows is left to the caller).
   */
  private static int dot5x4(int i, int n, int k, int kv, float[] a, int aOff, float[] b, int bOff,
                            float[] c, int cOff, boolean accumulate, float[] tile) {
    final int a0 = aOff + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k;
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      final int b0 = bOff + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00,
          c12 = c00, c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00,
          c32 = c00, c33 = c00, c40 = c00, c41 = c00, c42 = c00, c43 = c00;
      for (int p = 0; p < kv; p += L) {
        FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
        FloatVector x2 = FloatVector.fromArray(S, a, a2 + p), x3 = FloatVector.fromArray(S, a, a3 + p);
        FloatVector x4 = FloatVector.fromArray(S, a, a4 + p);
        FloatVector y0 = FloatVector.fromArray(S, b, b0 + p);
        c00 = x0.fma(y0, c00);
        c10 = x1.fma(y0, c10);
        c20 = x2.fma(y0, c20);
        c30 = x3.fma(y0, c30);
        c40 = x4.fma(y0, c40);
        FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
        c01 = x0.fma(y1, c01);
        c11 = x1.fma(y1, c11);
        c21 = x2.fma(y1, c21);
        c31 = x3.fma(y1, c31);
        c41 = x4.fma(y1, c41);
        FloatVector y2 = FloatVector.fromArray(S, b, b2 + p);
        c02 = x0.fma(y2, c02);
        c12 = x1.fma(y2, c12);
        c22 = x2.fma(y2, c22);
        c32 = x3.fma(y2, c32);
        c42 = x4.fma(y2, c42);
        FloatVector y3 = FloatVector.fromArray(S, b, b3 + p);
        c03 = x0.fma(y3, c03);
        c13 = x1.fma(y3, c13);
        c23 = x2.fma(y3, c23);
        c33 = x3.fma(y3, c33);
        c43 = x4.fma(y3, c43);
      }
      c00.intoArray(tile, 0);
      c01.intoArray(tile, L);
      c02.intoArray(tile, 2 * L);
      c03.intoArray(tile, 3 * L);
      c10.intoArray(tile, 4 * L);
      c11.intoArray(tile, 5 * L);
      c12.intoArray(tile, 6 * L);
      c13.intoArray(tile, 7 * L);
      c20.intoArray(tile, 8 * L);
      c21.intoArray(tile, 9 * L);
      c22.intoArray(tile, 10 * L);
      c23.intoArray(tile, 11 * L);
      c30.intoArray(tile, 12 * L);
      c31.intoArray(tile, 13 * L);
      c32.intoArray(tile, 14 * L);
      c33.intoArray(tile, 15 * L);
      c40.intoArray(tile, 16 * L);
      c41.intoArray(tile, 17 * L);
      c42.intoArray(tile, 18 * L);
      c43.intoArray(tile, 19 * L);
      reduceDotTile(tile, 5, i, j, n, k, kv, a, a0, b, b0, c, cOff, accumulate);
    }
    return j;
  }

  /** C[i..i+rows][j..j+4] (+)= the lanes of a spilled rows x 4 tile plus each dot product's tail. */
  private static void reduceDotTile(float[] tile, int rows, int i, int j, int n, int k, int kv, float[] a,
                                    int a0, float[] b, int b0, float[] c, int cOff, boolean accumulate) {
    for (int r = 0; r < rows; r++) {
      for (int q = 0; q < 4; q++) {
        float dot = sumInOrder(tile, (r * 4 + q) * L);
        put(c, cOff + (i + r) * n + j + q, dot + tail(a, a0 + r * k, b, b0 + q * k, kv, k), accumulate);
      }
    }
  }

  /**
   * The L lanes at t[off..] added one after another, from lane 0. Why not reduceLanes(ADD): the
   * Vector API leaves the order to the JDK, and JDK 25's compiled code adds as a tree while its
   * interpreter (and JDK 17 throughout) adds in lane order, so the same seed gave different
   * weights from one run to the next on JDK 25. This is JDK 17's order, so its results stand.
   */
  private static float sumInOrder(float[] t, int off) {
    float s = 0f;
    for (int l = 0; l < L; l++) s += t[off + l];
    return s;
  }

  /** The part of a dot product past the last full vector, summed in order. */
  private static float tail(float[] a, int ai, float[] b, int bi, int kv, int k) {
    float sum = 0f;
    for (int p = kv; p < k; p++) sum += a[ai + p] * b[bi + p];
    return sum;
  }

  private static void put(float[] c, int ci, float value, boolean accumulate) {
    c[ci] = accumulate ? c[ci] + value : value;
  }

  /** One dot product of a row of A and a row of B. */
  private static void dot1(float[] c, int ci, float[] a, int ai, float[] b, int bi, int kv, int k, boolean accumulate,
                           float[] scratch) {
    FloatVector acc = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) acc = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), acc);
    acc.intoArray(scratch, 0);
    put(c, ci, sumInOrder(scratch, 0) + tail(a, ai, b, bi, kv, k), accumulate);
  }

  /**
   * C (+)= X · Y with X m x k, Y k x n, each element addressed by a row and a column stride.
   * Loop nest: k-blocks (KC) / row blocks of X (MC, kept in L2) / column strips of Y (NR: a
   * KC x NR micro-panel kept in L1) / row strips (MR) -> micro-kernel. Edge strips run the same
   * micro-kernel on clamped rows and zero-padded columns and store only the valid part.
   */
  private static void blocked(int m, int n, int k,
                              float[] x, int xOff, int rsX, int csX,
                              float[] y, int yOff, int rsY, int csY,
                              float[] c, int cOff, int rsC, int csC, boolean accumulate) {
    final boolean packAll = csY != 1 || m >= PACK_B_MIN_M;
    final int strips = (n + NR - 1) / NR;
    final int fullStrips = n / NR;
    // One row strip (m <= MR) meets each B panel once, so k-blocks buy no reuse, only extra
    // passes over C.
    final int kBlocks = m <= MR ? 1 : (k + KC - 1) / KC;
    final int kcMax = (k + kBlocks - 1) / kBlocks;      // balanced: 784 -> 4 x 196, not 3 x 256 + 16
    final int mBlocks = (m + MC - 1) / MC;
    final int mcMax = ((m + mBlocks - 1) / mBlocks + MR - 1) / MR * MR;
    float[] buf = scratch((packAll ? strips : 1) * kcMax * NR);
    float[] tile = tile();
    // A ragged last strip (n = 100: 4 columns past three full strips) is, where C is written
    // fresh in one pass, moved left to end at column n: it recomputes a few columns of the strip
    // before, bit for bit the same values, and stores whole vectors instead of spilling.
    final int rem = n - fullStrips * NR;
    final int tailWidth = rem > L ? NR : L;
    final boolean overlapTail = !accumulate && kBlocks == 1 && csC == 1 && rem % L != 0 && n >= tailWidth;
    final int lastStart = overlapTail ? n - tailWidth : fullStrips * NR;

    for (int pc = 0; pc < k; pc += kcMax) {
      final int kc = Math.min(kcMax, k - pc);
      final boolean add = accumulate || pc > 0;
      if (packAll) {
        for (int s = 0; s < strips; s++) {
          pack(y, yOff, rsY, csY, n, pc, kc, s < fullStrips ? s * NR : lastStart, buf, s * kc * NR);
        }
      } else if (fullStrips < strips && !overlapTail) {
        pack(y, yOff, rsY, csY, n, pc, kc, fullStrips * NR, buf, 0);
      }
      for (int ic = 0; ic < m; ic += mcMax) {
        final int mc = Math.min(mcMax, m - ic);
        for (int s = 0; s < strips; s++) {
          final int jc = s < fullStrips ? s * NR : lastStart;
          final int nr = Math.min(NR, n - jc);
          final float[] bp;
          final int bi;
          final int ldb;
          if (packAll) {
            bp = buf;
            bi = s * kc * NR;
            ldb = nr > L ? NR : L;
          } else if (s < fullStrips || overlapTail) {
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
              if (MR == 6) {   // a constant: C2 keeps one branch
                kernel2(kc, x, xi, rsX, csX, rows, bp, bi, ldb, c, ci, rsC, csC, nr, add, tile);
              } else if (rsX == 1 && rows == 10) {
                kernel10x2T(kc, x, xi, csX, bp, bi, ldb, c, ci, rsC, csC, nr, add, tile);
              } else {
                kernel10x2(kc, x, xi, rsX, csX, rows, bp, bi, ldb, c, ci, rsC, csC, nr, add, tile);
              }
            }
          } else {
            for (int ir = 0; ir < mc; ir += MR1) {
              final int rows = Math.min(MR1, mc - ir);
              final int xi = xOff + (ic + ir) * rsX + pc * csX;
              final int ci = cOff + (ic + ir) * rsC + jc * csC;
              if (MR1 == 12) {
                kernel1(kc, x, xi, rsX, csX, rows, bp, bi, ldb, c, ci, rsC, csC, nr, add, tile);
              } else if (rsX == 1 && rows == 10) {
                kernel10x1T(kc, x, xi, csX, bp, bi, ldb, c, ci, rsC, csC, nr, add, tile);
              } else {
                kernel10x1(kc, x, xi, rsX, csX, rows, bp, bi, ldb, c, ci, rsC, csC, nr, add, tile);
              }
            }
          }
        }
      }
    }
  }

  /**
   * The thread's spill area for micro-tiles of C (written whole before every read), kept like
   * the packing scratch: a new one per product was a steady training step's largest remaining
   * allocation (2.6 KB per course step, issue 12).
   */
  private static float[] tile() {
    float[] tile = TILE.get();
    if (tile == null) {
      tile = new float[Math.max(20 * L, Math.max(MR1 * L, MR * NR))];
      TILE.set(tile);
    }
    return tile;
  }

  // Not ThreadLocal.withInitial: with it, KernelsCrossTest's narrow-vector copy of the kernels
  // failed with NoClassDefFoundError on the lambda; the SCRATCH pattern works for both.
  private static final ThreadLocal<float[]> TILE = new ThreadLocal<>();

  private static float[] scratch(int size) {
    float[] buf = SCRATCH.get();
    if (buf == null || buf.length < size) {
      buf = new float[size];
      SCRATCH.set(buf);
    }
    return buf;
  }

  /**
   * Copies rows [pc, pc+kc) and columns [jc, jc+width) of Y to dst as a kc x width row-major
   * panel, width = NR, or L when at most L columns are left; columns past n become 0.
   */
  private static void pack(float[] y, int yOff, int rsY, int csY, int n, int pc, int kc,
                           int jc, float[] dst, int dOff) {
    final int nr = Math.min(NR, n - jc);
    final int width = nr > L ? NR : L;
    if (csY != 1) {
      // Transposing: walk each column of the panel along its stride, write with stride width.
      for (int j = 0; j < nr; j++) {
        int src = yOff + pc * rsY + (jc + j) * csY;
        for (int p = 0, d = dOff + j; p < kc; p++, d += width, src += rsY) dst[d] = y[src];
      }
      for (int j = nr; j < width; j++) {
        for (int p = 0, d = dOff + j; p < kc; p++, d += width) dst[d] = 0f;
      }
    } else if (nr == NR) {
      for (int p = 0; p < kc; p++) {
        int src = yOff + (pc + p) * rsY + jc;
        int d = dOff + p * NR;
        FloatVector.fromArray(S, y, src).intoArray(dst, d);
        FloatVector.fromArray(S, y, src + L).intoArray(dst, d + L);
      }
    } else {
      for (int p = 0; p < kc; p++) {
        int src = yOff + (pc + p) * rsY + jc;
        int d = dOff + p * width;
        System.arraycopy(y, src, dst, d, nr);
        java.util.Arrays.fill(dst, d + nr, d + width, 0f);
      }
    }
  }

  /**
   * C[rows x cols] (+)= op(A)[rows x kc] * B[kc x 2L] for one 10-row micro-tile (512-bit vectors):
   * as {@link #kernel2} with 10 x 2 accumulators. A fresh full tile is stored directly; otherwise
   * it goes to C through {@link #flushTile}: 20 load-add-store sequences written out here would
   * push the method past C2's inlining node budget (NodeCountInliningCutoff), and a vector handed
   * to a call that is not inlined is boxed, which halved the speed.
   */
  private static void kernel10x2(int kc, float[] a, int ai, int rsA, int csA, int rows,
                                 float[] b, int bi, int ldb, float[] c, int ci, int ldc, int csC,
                                 int cols, boolean add, float[] tile) {
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
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
        c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00,
        c70 = c00, c71 = c00, c80 = c00, c81 = c00, c90 = c00, c91 = c00;
    for (int p = 0, ap = 0; p < kc; p++, ap += csA, bi += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bi);
      FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector x0 = FloatVector.broadcast(S, a[a0 + ap]);
      c00 = x0.fma(b0, c00);
      c01 = x0.fma(b1, c01);
      FloatVector x1 = FloatVector.broadcast(S, a[a1 + ap]);
      c10 = x1.fma(b0, c10);
      c11 = x1.fma(b1, c11);
      FloatVector x2 = FloatVector.broadcast(S, a[a2 + ap]);
      c20 = x2.fma(b0, c20);
      c21 = x2.fma(b1, c21);
      FloatVector x3 = FloatVector.broadcast(S, a[a3 + ap]);
      c30 = x3.fma(b0, c30);
      c31 = x3.fma(b1, c31);
      FloatVector x4 = FloatVector.broadcast(S, a[a4 + ap]);
      c40 = x4.fma(b0, c40);
      c41 = x4.fma(b1, c41);
      FloatVector x5 = FloatVector.broadcast(S, a[a5 + ap]);
      c50 = x5.fma(b0, c50);
      c51 = x5.fma(b1, c51);
      FloatVector x6 = FloatVector.broadcast(S, a[a6 + ap]);
      c60 = x6.fma(b0, c60);
      c61 = x6.fma(b1, c61);
      FloatVector x7 = FloatVector.broadcast(S, a[a7 + ap]);
      c70 = x7.fma(b0, c70);
      c71 = x7.fma(b1, c71);
      FloatVector x8 = FloatVector.broadcast(S, a[a8 + ap]);
      c80 = x8.fma(b0, c80);
      c81 = x8.fma(b1, c81);
      FloatVector x9 = FloatVector.broadcast(S, a[a9 + ap]);
      c90 = x9.fma(b0, c90);
      c91 = x9.fma(b1, c91);
    }
    if (!add && rows == 10 && cols == NR && csC == 1) {
      // Fresh full tile (k fits one block, e.g. a weight gradient with k = batch): store directly.
      c00.intoArray(c, ci);
      c01.intoArray(c, ci + L);
      c10.intoArray(c, ci + ldc);
      c11.intoArray(c, ci + ldc + L);
      c20.intoArray(c, ci + 2 * ldc);
      c21.intoArray(c, ci + 2 * ldc + L);
      c30.intoArray(c, ci + 3 * ldc);
      c31.intoArray(c, ci + 3 * ldc + L);
      c40.intoArray(c, ci + 4 * ldc);
      c41.intoArray(c, ci + 4 * ldc + L);
      c50.intoArray(c, ci + 5 * ldc);
      c51.intoArray(c, ci + 5 * ldc + L);
      c60.intoArray(c, ci + 6 * ldc);
      c61.intoArray(c, ci + 6 * ldc + L);
      c70.intoArray(c, ci + 7 * ldc);
      c71.intoArray(c, ci + 7 * ldc + L);
      c80.intoArray(c, ci + 8 * ldc);
      c81.intoArray(c, ci + 8 * ldc + L);
      c90.intoArray(c, ci + 9 * ldc);
      c91.intoArray(c, ci + 9 * ldc + L);
      return;
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, 0 + L);
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
    c60.intoArray(tile, 6 * NR);
    c61.intoArray(tile, 6 * NR + L);
    c70.intoArray(tile, 7 * NR);
    c71.intoArray(tile, 7 * NR + L);
    c80.intoArray(tile, 8 * NR);
    c81.intoArray(tile, 8 * NR + L);
    c90.intoArray(tile, 9 * NR);
    c91.intoArray(tile, 9 * NR + L);
    flushTile(tile, NR, rows, cols, c, ci, ldc, csC, add);
  }

  /**
   * As {@link #kernel10x2} for a full tile whose 10 rows sit side by side at each k-step (A
   * stored transposed, rsA = 1, as in the weight gradient dyᵀ·x): the broadcasts read a[ap..ap+9],
   * so C2 checks their bounds once per step instead of once per row, and no register is spent on
   * ten row offsets. With k = 10 (a batch of ten) this overhead was most of the tile's time.
   */
  private static void kernel10x2T(int kc, float[] a, int ai, int csA, float[] b, int bi, int ldb,
                                  float[] c, int ci, int ldc, int csC, int cols, boolean add, float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
        c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00,
        c70 = c00, c71 = c00, c80 = c00, c81 = c00, c90 = c00, c91 = c00;
    for (int p = 0, ap = ai; p < kc; p++, ap += csA, bi += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bi);
      FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector x0 = FloatVector.broadcast(S, a[ap]);
      c00 = x0.fma(b0, c00);
      c01 = x0.fma(b1, c01);
      FloatVector x1 = FloatVector.broadcast(S, a[ap + 1]);
      c10 = x1.fma(b0, c10);
      c11 = x1.fma(b1, c11);
      FloatVector x2 = FloatVector.broadcast(S, a[ap + 2]);
      c20 = x2.fma(b0, c20);
      c21 = x2.fma(b1, c21);
      FloatVector x3 = FloatVector.broadcast(S, a[ap + 3]);
      c30 = x3.fma(b0, c30);
      c31 = x3.fma(b1, c31);
      FloatVector x4 = FloatVector.broadcast(S, a[ap + 4]);
      c40 = x4.fma(b0, c40);
      c41 = x4.fma(b1, c41);
      FloatVector x5 = FloatVector.broadcast(S, a[ap + 5]);
      c50 = x5.fma(b0, c50);
      c51 = x5.fma(b1, c51);
      FloatVector x6 = FloatVector.broadcast(S, a[ap + 6]);
      c60 = x6.fma(b0, c60);
      c61 = x6.fma(b1, c61);
      FloatVector x7 = FloatVector.broadcast(S, a[ap + 7]);
      c70 = x7.fma(b0, c70);
      c71 = x7.fma(b1, c71);
      FloatVector x8 = FloatVector.broadcast(S, a[ap + 8]);
      c80 = x8.fma(b0, c80);
      c81 = x8.fma(b1, c81);
      FloatVector x9 = FloatVector.broadcast(S, a[ap + 9]);
      c90 = x9.fma(b0, c90);
      c91 = x9.fma(b1, c91);
    }
    if (!add && cols == NR && csC == 1) {
      c00.intoArray(c, ci);
      c01.intoArray(c, ci + L);
      c10.intoArray(c, ci + ldc);
      c11.intoArray(c, ci + ldc + L);
      c20.intoArray(c, ci + 2 * ldc);
      c21.intoArray(c, ci + 2 * ldc + L);
      c30.intoArray(c, ci + 3 * ldc);
      c31.intoArray(c, ci + 3 * ldc + L);
      c40.intoArray(c, ci + 4 * ldc);
      c41.intoArray(c, ci + 4 * ldc + L);
      c50.intoArray(c, ci + 5 * ldc);
      c51.intoArray(c, ci + 5 * ldc + L);
      c60.intoArray(c, ci + 6 * ldc);
      c61.intoArray(c, ci + 6 * ldc + L);
      c70.intoArray(c, ci + 7 * ldc);
      c71.intoArray(c, ci + 7 * ldc + L);
      c80.intoArray(c, ci + 8 * ldc);
      c81.intoArray(c, ci + 8 * ldc + L);
      c90.intoArray(c, ci + 9 * ldc);
      c91.intoArray(c, ci + 9 * ldc + L);
      return;
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, 0 + L);
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
    c60.intoArray(tile, 6 * NR);
    c61.intoArray(tile, 6 * NR + L);
    c70.intoArray(tile, 7 * NR);
    c71.intoArray(tile, 7 * NR + L);
    c80.intoArray(tile, 8 * NR);
    c81.intoArray(tile, 8 * NR + L);
    c90.intoArray(tile, 9 * NR);
    c91.intoArray(tile, 9 * NR + L);
    flushTile(tile, NR, 10, cols, c, ci, ldc, csC, add);
  }

  /** As {@link #kernel10x2T} with one vector of columns. */
  private static void kernel10x1T(int kc, float[] a, int ai, int csA, float[] b, int bi, int ldb,
                                  float[] c, int ci, int ldc, int csC, int cols, boolean add, float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00,
        c60 = c00, c70 = c00, c80 = c00, c90 = c00;
    for (int p = 0, ap = ai; p < kc; p++, ap += csA, bi += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bi);
      c00 = FloatVector.broadcast(S, a[ap]).fma(b0, c00);
      c10 = FloatVector.broadcast(S, a[ap + 1]).fma(b0, c10);
      c20 = FloatVector.broadcast(S, a[ap + 2]).fma(b0, c20);
      c30 = FloatVector.broadcast(S, a[ap + 3]).fma(b0, c30);
      c40 = FloatVector.broadcast(S, a[ap + 4]).fma(b0, c40);
      c50 = FloatVector.broadcast(S, a[ap + 5]).fma(b0, c50);
      c60 = FloatVector.broadcast(S, a[ap + 6]).fma(b0, c60);
      c70 = FloatVector.broadcast(S, a[ap + 7]).fma(b0, c70);
      c80 = FloatVector.broadcast(S, a[ap + 8]).fma(b0, c80);
      c90 = FloatVector.broadcast(S, a[ap + 9]).fma(b0, c90);
    }
    if (!add && cols == L && csC == 1) {
      c00.intoArray(c, ci);
      c10.intoArray(c, ci + ldc);
      c20.intoArray(c, ci + 2 * ldc);
      c30.intoArray(c, ci + 3 * ldc);
      c40.intoArray(c, ci + 4 * ldc);
      c50.intoArray(c, ci + 5 * ldc);
      c60.intoArray(c, ci + 6 * ldc);
      c70.intoArray(c, ci + 7 * ldc);
      c80.intoArray(c, ci + 8 * ldc);
      c90.intoArray(c, ci + 9 * ldc);
      return;
    }
    c00.intoArray(tile, 0);
    c10.intoArray(tile, L);
    c20.intoArray(tile, 2 * L);
    c30.intoArray(tile, 3 * L);
    c40.intoArray(tile, 4 * L);
    c50.intoArray(tile, 5 * L);
    c60.intoArray(tile, 6 * L);
    c70.intoArray(tile, 7 * L);
    c80.intoArray(tile, 8 * L);
    c90.intoArray(tile, 9 * L);
    flushTile(tile, L, 10, cols, c, ci, ldc, csC, add);
  }

  /** As {@link #kernel10x2} with one vector of columns (the last strip, or a narrow C). */
  private static void kernel10x1(int kc, float[] a, int ai, int rsA, int csA, int rows,
                                 float[] b, int bi, int ldb, float[] c, int ci, int ldc, int csC,
                                 int cols, boolean add, float[] tile) {
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
    FloatVector c00 = FloatVector.zero(S), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00,
        c60 = c00, c70 = c00, c80 = c00, c90 = c00;
    for (int p = 0, ap = 0; p < kc; p++, ap += csA, bi += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bi);
      c00 = FloatVector.broadcast(S, a[a0 + ap]).fma(b0, c00);
      c10 = FloatVector.broadcast(S, a[a1 + ap]).fma(b0, c10);
      c20 = FloatVector.broadcast(S, a[a2 + ap]).fma(b0, c20);
      c30 = FloatVector.broadcast(S, a[a3 + ap]).fma(b0, c30);
      c40 = FloatVector.broadcast(S, a[a4 + ap]).fma(b0, c40);
      c50 = FloatVector.broadcast(S, a[a5 + ap]).fma(b0, c50);
      c60 = FloatVector.broadcast(S, a[a6 + ap]).fma(b0, c60);
      c70 = FloatVector.broadcast(S, a[a7 + ap]).fma(b0, c70);
      c80 = FloatVector.broadcast(S, a[a8 + ap]).fma(b0, c80);
      c90 = FloatVector.broadcast(S, a[a9 + ap]).fma(b0, c90);
    }
    if (!add && rows == 10 && cols == L && csC == 1) {
      c00.intoArray(c, ci);
      c10.intoArray(c, ci + ldc);
      c20.intoArray(c, ci + 2 * ldc);
      c30.intoArray(c, ci + 3 * ldc);
      c40.intoArray(c, ci + 4 * ldc);
      c50.intoArray(c, ci + 5 * ldc);
      c60.intoArray(c, ci + 6 * ldc);
      c70.intoArray(c, ci + 7 * ldc);
      c80.intoArray(c, ci + 8 * ldc);
      c90.intoArray(c, ci + 9 * ldc);
      return;
    }
    c00.intoArray(tile, 0);
    c10.intoArray(tile, L);
    c20.intoArray(tile, 2 * L);
    c30.intoArray(tile, 3 * L);
    c40.intoArray(tile, 4 * L);
    c50.intoArray(tile, 5 * L);
    c60.intoArray(tile, 6 * L);
    c70.intoArray(tile, 7 * L);
    c80.intoArray(tile, 8 * L);
    c90.intoArray(tile, 9 * L);
    flushTile(tile, L, rows, cols, c, ci, ldc, csC, add);
  }

  /**
   * C[rows x cols] (+)= a micro-tile spilled to {@code tile} with row stride {@code width} (a
   * multiple of L): whole vectors for a full-width tile of a row-major C, else via copyTile.
   */
  private static void flushTile(float[] tile, int width, int rows, int cols, float[] c, int ci, int ldc,
                                int csC, boolean add) {
    if (cols != width || csC != 1) {
      copyTile(tile, width, rows, cols, c, ci, ldc, csC, add);
      return;
    }
    for (int r = 0; r < rows; r++) {
      for (int j = 0, t = r * width, o = ci + r * ldc; j < width; j += L) {
        FloatVector v = FloatVector.fromArray(S, tile, t + j);
        (add ? v.add(FloatVector.fromArray(S, c, o + j)) : v).intoArray(c, o + j);
      }
    }
  }

  /**
   * C[rows x cols] (+)= op(A)[rows x kc] * B[kc x 2L] for one micro-tile: 6 x 2 vector
   * accumulators, each step broadcasts one element per row of A and fuses it with two vectors of
   * the B row. Rows past {@code rows} re-read the last valid row of A (so every index stays in
   * bounds) and are not stored.
   */
  private static void kernel2(int kc, float[] a, int ai, int rsA, int csA, int rows,
                              float[] b, int bi, int ldb, float[] c, int ci, int ldc, int csC,
                              int cols, boolean add, float[] tile) {
    final int a0 = ai;
    final int a1 = ai + Math.min(1, rows - 1) * rsA;
    final int a2 = ai + Math.min(2, rows - 1) * rsA;
    final int a3 = ai + Math.min(3, rows - 1) * rsA;
    final int a4 = ai + Math.min(4, rows - 1) * rsA;
    final int a5 = ai + Math.min(5, rows - 1) * rsA;
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (int p = 0, ap = 0; p < kc; p++, ap += csA, bi += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bi);
      FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[a1 + ap]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[a2 + ap]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[a3 + ap]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[a4 + ap]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[a5 + ap]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    if (rows == 6 && cols == NR && csC == 1) {
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
  private static void kernel1(int kc, float[] a, int ai, int rsA, int csA, int rows,
                                 float[] b, int bi, int ldb, float[] c, int ci, int ldc, int csC,
                                 int cols, boolean add, float[] tile) {
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
    FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
    FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
    for (int p = 0, ap = 0; p < kc; p++, ap += csA, bi += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bi);
      c0 = FloatVector.broadcast(S, a[a0 + ap]).fma(b0, c0);
      c1 = FloatVector.broadcast(S, a[a1 + ap]).fma(b0, c1);
      c2 = FloatVector.broadcast(S, a[a2 + ap]).fma(b0, c2);
      c3 = FloatVector.broadcast(S, a[a3 + ap]).fma(b0, c3);
      c4 = FloatVector.broadcast(S, a[a4 + ap]).fma(b0, c4);
      c5 = FloatVector.broadcast(S, a[a5 + ap]).fma(b0, c5);
      c6 = FloatVector.broadcast(S, a[a6 + ap]).fma(b0, c6);
      c7 = FloatVector.broadcast(S, a[a7 + ap]).fma(b0, c7);
      c8 = FloatVector.broadcast(S, a[a8 + ap]).fma(b0, c8);
      c9 = FloatVector.broadcast(S, a[a9 + ap]).fma(b0, c9);
      c10 = FloatVector.broadcast(S, a[a10 + ap]).fma(b0, c10);
      c11 = FloatVector.broadcast(S, a[a11 + ap]).fma(b0, c11);
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

  private static void store(float[] c, int ci, FloatVector v, boolean add) {
    (add ? v.add(FloatVector.fromArray(S, c, ci)) : v).intoArray(c, ci);
  }

  /**
   * C[rows x cols] (+)= the top-left corner of a tile spilled with row stride {@code width};
   * C's element (r, j) is at ci + r*rsC + j*csC (csC = 1 normally, rsC = 1 for a transposed C).
   */
  private static void copyTile(float[] tile, int width, int rows, int cols, float[] c, int ci,
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
                                float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                                boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      if (!accumulate) {
        java.util.Arrays.fill(c, ci, ci + n, 0f);
      }
      for (int p = 0; p < k; p++) {
        float av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
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
