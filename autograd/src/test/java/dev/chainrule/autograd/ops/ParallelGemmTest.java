package dev.chainrule.autograd.ops;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Splitting rows over threads must not change a single bit: results depend on the shape only. */
class ParallelGemmTest {
  @ParameterizedTest
  @CsvSource({"1000, 784, 100, true", "1000, 784, 100, false", "300, 200, 90, true", "129, 300, 200, false",
      "700, 100, 65, true", "961, 300, 100, true"})
  void sameBitsAsTheBlocksInOrder(int n, int k, int m, boolean transB) {
    SplittableRandom rng = new SplittableRandom(n * 31L + k);
    Kernels kernels = KernelProvider.kernels();
    Tensor a = Tensor.rand(rng, DType.F32, -1, 1, n, k);
    Tensor b = transB ? Tensor.rand(rng, DType.F32, -1, 1, m, k) : Tensor.rand(rng, DType.F32, -1, 1, k, m);
    Tensor parallel = Tensor.zeros(DType.F32, Shape.of(n, m));
    ParallelGemm.gemm(kernels, transB, n, m, k, a, 0, b, 0, parallel, 0, false);
    // The definition: a transposed B is transposed once (when there are blocks to split), then
    // each block of rows is one plain kernel call, in order, on this thread.
    float[] plainB = b.f32();
    if (transB && n > ParallelGemm.BLOCK_ROWS && (long) n * m * k >= ParallelGemm.MIN_MULTIPLY_ADDS) {
      plainB = new float[k * m];
      for (int j = 0; j < m; j++) for (int p = 0; p < k; p++) plainB[p * m + j] = b.f32()[j * k + p];
    }
    boolean splitTransB = transB && plainB == b.f32();
    float[] blocks = new float[n * m];
    for (int r = 0; r < n; r += ParallelGemm.BLOCK_ROWS) {
      int rows = Math.min(ParallelGemm.BLOCK_ROWS, n - r);
      kernels.gemm(false, splitTransB, rows, m, k, a.f32(), r * k, plainB, 0, blocks, r * m, false);
    }
    assertArrayEquals(blocks, parallel.f32(), 0f, "bit for bit, whatever the thread count");
  }
}
