package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.ReduceOp;

/**
 * The reductions of {@link dev.chainrule.autograd.kernel.Kernels} for one element type,
 * implemented by {@link FloatReductions}, {@link DoubleReductions} and their hidden copies.
 *
 * @param <A> the array type, {@code float[]} or {@code double[]}
 */
interface ReduceOps<A> {
  /** Reduces the middle axis of x viewed as [outer, axis, inner] into out. */
  void reduceAxis(ReduceOp op, A x, int outer, int axis, int inner, A out);
}
