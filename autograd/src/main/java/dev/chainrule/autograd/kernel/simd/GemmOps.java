package dev.chainrule.autograd.kernel.simd;

/**
 * The matrix product of {@link dev.chainrule.autograd.kernel.Kernels} for one element type,
 * implemented by {@link FloatGemm}, {@link DoubleGemm} and their hidden copies.
 *
 * @param <A> the array type, {@code float[]} or {@code double[]}
 */
interface GemmOps<A> {
  /** C (+)= op(A)·op(B), row-major, as {@link dev.chainrule.autograd.kernel.Kernels#gemm}. */
  void gemm(boolean transA, boolean transB, int m, int n, int k,
            A a, int aOff, A b, int bOff, A c, int cOff, boolean accumulate);
}
