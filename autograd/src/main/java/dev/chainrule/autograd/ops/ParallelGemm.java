package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Runs large matrix products on several cores by splitting the rows of C into fixed blocks.
 *
 * <p>Why fixed blocks: the blocks are the same whatever the number of threads, and each element
 * of C is computed by the same kernel code in the same order inside its block, so 1 thread and 8
 * give the same bits. Only products of at least {@link #MIN_MULTIPLY_ADDS} multiply-adds with at
 * least two blocks of rows are split; a training step on a small batch never is.
 * {@code -Dchainrule.threads=N} sets the pool size (default: the number of processors; 1 = off).
 */
final class ParallelGemm {
  /** Rows of C per block. */
  static final int BLOCK_ROWS = 64;
  /** Below this a task's overhead (~10 µs) is not worth it: 2²² multiply-adds is ~40 µs of work. */
  static final long MIN_MULTIPLY_ADDS = 1L << 22;

  private static final int THREADS = Integer.getInteger("chainrule.threads", Runtime.getRuntime().availableProcessors());
  private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS) : null;

  private ParallelGemm() {}

  /**
   * C[n×m] (+)= A[n×k]·op(B) for row-major A (not transposed), one product of a batch at the
   * given offsets; B is k×m, or m×k with {@code transB}.
   */
  static void gemm(Kernels kernels, boolean transB, int n, int m, int k, Tensor a, int aOff, Tensor b, int bOff,
                   Tensor c, int cOff, boolean accumulate) {
    int blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
    if (blocks < 2 || (long) n * m * k < MIN_MULTIPLY_ADDS) {
      rows(kernels, transB, 0, n, m, k, a, aOff, b, bOff, c, cOff, accumulate);
      return;
    }
    if (transB) {
      // Every block would transpose B again into its packed panels (10000x784 @ (100x784)^T: 157
      // times, more time than the products); transposed once here, the blocks copy contiguous
      // rows. Same values in the same order, so the same bits. 10000x784 -> 100 linear, GFLOP/s
      // on one thread / two: 94 / 127 before, 141 / 251 after.
      b = transpose(b, bOff, m, k);
      bOff = 0;
    }
    final Tensor bb = b;   // from here on B is plain (transposed above if it was not)
    final int bbOff = bOff;
    if (POOL == null) {   // one thread: the same blocks in order, so the bits match any thread count
      for (int r = 0; r < n; r += BLOCK_ROWS) rows(kernels, false, r, Math.min(n, r + BLOCK_ROWS), m, k, a, aOff, bb, bbOff, c, cOff, accumulate);
      return;
    }
    List<ForkJoinTask<?>> tasks = new ArrayList<>(blocks);
    for (int r = BLOCK_ROWS; r < n; r += BLOCK_ROWS) {
      final int from = r, to = Math.min(n, r + BLOCK_ROWS);
      tasks.add(POOL.submit(() -> rows(kernels, false, from, to, m, k, a, aOff, bb, bbOff, c, cOff, accumulate)));
    }
    rows(kernels, false, 0, Math.min(n, BLOCK_ROWS), m, k, a, aOff, bb, bbOff, c, cOff, accumulate);
    for (ForkJoinTask<?> t : tasks) t.join();
  }

  /** B[rows×cols] at offset off, transposed into a new cols×rows tensor (in 32x32 tiles, so both sides stay in cache). */
  private static Tensor transpose(Tensor b, int off, int rows, int cols) {
    return Tensor.wrap(Shape.of(cols, rows), b.storage().transposed(off, rows, cols));
  }

  private static void rows(Kernels kernels, boolean transB, int from, int to, int m, int k, Tensor a, int aOff,
                           Tensor b, int bOff, Tensor c, int cOff, boolean accumulate) {
    int rows = to - from;
    if (rows == 0) return;
    a.storage().gemm(kernels, false, transB, rows, m, k, aOff + from * k, b.storage(), bOff, c.storage(), cOff + from * m, accumulate);
  }
}
