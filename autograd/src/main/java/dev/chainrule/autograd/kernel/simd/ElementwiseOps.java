package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/**
 * The elementwise part of {@link dev.chainrule.autograd.kernel.Kernels} for one element type
 * ({@code A} is {@code float[]} or {@code double[]}), implemented by {@link FloatElementwise},
 * {@link DoubleElementwise} and their hidden copies for other vector widths (see {@link VectorWidth}).
 *
 * @param <A> the array type
 */
interface ElementwiseOps<A> {
  /** out[i] = op(x[i]). */
  void unary(UnaryOp op, A x, A out, int n);

  /** out[i] = op(a[i], b[i]). */
  void binary(BinaryOp op, A a, A b, A out, int n);

  /** out[outOff + i] = op(a[aOff + i], b[bOff + i]). */
  void binary(BinaryOp op, A a, int aOff, A b, int bOff, A out, int outOff, int n);

  /** out[i] = op(x[i], s); a float kernel rounds s to float once. */
  void scalar(ScalarOp op, A x, double s, A out, int n);

  /** y[i] += alpha * x[i]; a float kernel rounds alpha to float once. */
  void axpy(double alpha, A x, A y, int n);

  /** out[i] = cond[i] != 0 ? a[i] : b[i]. */
  void where(A cond, A a, A b, A out, int n);
}
