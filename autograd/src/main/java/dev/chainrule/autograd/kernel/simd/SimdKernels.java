package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ScalarKernels;

/** Placeholder until the Vector API twin lands: delegates to the scalar reference. */
public final class SimdKernels implements Kernels {
  private final Kernels delegate = new ScalarKernels();
  @Override public String name() { return "simd-pending"; }
  @Override public void unary(dev.chainrule.autograd.kernel.UnaryOp op, float[] x, float[] out, int n) { delegate.unary(op, x, out, n); }
  @Override public void unary(dev.chainrule.autograd.kernel.UnaryOp op, double[] x, double[] out, int n) { delegate.unary(op, x, out, n); }
  @Override public void binary(dev.chainrule.autograd.kernel.BinaryOp op, float[] a, float[] b, float[] out, int n) { delegate.binary(op, a, b, out, n); }
  @Override public void binary(dev.chainrule.autograd.kernel.BinaryOp op, double[] a, double[] b, double[] out, int n) { delegate.binary(op, a, b, out, n); }
  @Override public void scalar(dev.chainrule.autograd.kernel.ScalarOp op, float[] x, double s, float[] out, int n) { delegate.scalar(op, x, s, out, n); }
  @Override public void scalar(dev.chainrule.autograd.kernel.ScalarOp op, double[] x, double s, double[] out, int n) { delegate.scalar(op, x, s, out, n); }
  @Override public void axpy(double alpha, float[] x, float[] y, int n) { delegate.axpy(alpha, x, y, n); }
  @Override public void axpy(double alpha, double[] x, double[] y, int n) { delegate.axpy(alpha, x, y, n); }
  @Override public void where(float[] c, float[] a, float[] b, float[] out, int n) { delegate.where(c, a, b, out, n); }
  @Override public void where(double[] c, double[] a, double[] b, double[] out, int n) { delegate.where(c, a, b, out, n); }
  @Override public void reduceAxis(dev.chainrule.autograd.kernel.ReduceOp op, float[] x, int o, int a, int i, float[] out) { delegate.reduceAxis(op, x, o, a, i, out); }
  @Override public void reduceAxis(dev.chainrule.autograd.kernel.ReduceOp op, double[] x, int o, int a, int i, double[] out) { delegate.reduceAxis(op, x, o, a, i, out); }
  @Override public void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int ao, float[] b, int bo, float[] c, int co, boolean acc) { delegate.gemm(ta, tb, m, n, k, a, ao, b, bo, c, co, acc); }
  @Override public void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, int ao, double[] b, int bo, double[] c, int co, boolean acc) { delegate.gemm(ta, tb, m, n, k, a, ao, b, bo, c, co, acc); }
}
