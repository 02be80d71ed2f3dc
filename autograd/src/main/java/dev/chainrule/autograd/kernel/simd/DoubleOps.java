package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/**
 * The double half of {@link dev.chainrule.autograd.kernel.Kernels}, implemented by
 * {@link DoubleSimd} and its hidden copies for other vector widths (see {@link VectorWidth}).
 */
interface DoubleOps {
  void unary(UnaryOp op, double[] x, double[] out, int n);

  void binary(BinaryOp op, double[] a, double[] b, double[] out, int n);

  void scalar(ScalarOp op, double[] x, double s, double[] out, int n);

  void axpy(double alpha, double[] x, double[] y, int n);

  void where(double[] cond, double[] a, double[] b, double[] out, int n);

  void reduceAxis(ReduceOp op, double[] x, int outer, int axis, int inner, double[] out);

  void gemm(boolean transA, boolean transB, int m, int n, int k,
            double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate);
}
