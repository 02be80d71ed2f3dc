package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/**
 * The float half of {@link dev.chainrule.autograd.kernel.Kernels}, implemented by
 * {@link FloatSimd} and its hidden copies for other vector widths (see {@link VectorWidth}).
 */
interface FloatOps {
  void unary(UnaryOp op, float[] x, float[] out, int n);

  void binary(BinaryOp op, float[] a, float[] b, float[] out, int n);

  void scalar(ScalarOp op, float[] x, float s, float[] out, int n);

  void axpy(float alpha, float[] x, float[] y, int n);

  void where(float[] cond, float[] a, float[] b, float[] out, int n);

  void reduceAxis(ReduceOp op, float[] x, int outer, int axis, int inner, float[] out);

  void gemm(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);
}
