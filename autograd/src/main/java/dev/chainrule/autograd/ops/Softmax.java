package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = exp(x - max x) / Σ exp(x - max x) along one axis;  dx = y·(dy - Σ dy·y);  ẏ = y·(ẋ - Σ ẋ·y).
 *
 * <p>A fused composite (STYLE: promoted when a benchmark shows it pays): as exp(x - logsumexp x)
 * it cost a max, a sum, a log, two broadcast copies of [rows, 1] to [rows, n] and four full passes
 * forward, and as many backward; the attention block (SequenceStepBench) spent a fifth of its
 * time in those copies. Here: the row maxima and sums by the reduction kernel, the exponentials
 * in one kernel call (the SIMD twin for float32; {@link dev.chainrule.autograd.kernel.ScalarMath}'s
 * fdlibm exp for float64, so the bits are the same on every JDK), the shift and the division in
 * plain loops. A row of all -∞ (every key masked) gives NaN,
 * as in PyTorch; entries at -∞ get exactly zero probability and zero gradient.
 */
public final class Softmax implements Primitive {
  private final int axis;

  /** Along {@code axis} (normalised and in range, checked by {@code Tensor.softmax}). */
  public Softmax(int axis) { this.axis = axis; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    Shape s = x.shape();
    int outer = s.outer(axis), n = s.dim(axis), inner = s.inner(axis);
    Tensor max = Compute.reduceAxis(ReduceOp.MAX, x, axis);
    Tensor shifted = Tensor.zeros(x.dtype(), s);
    rowwise(x, max, shifted, outer, n, inner, false);
    Tensor y = Compute.unary(UnaryOp.EXP, shifted);
    rowwise(y, Compute.reduceAxis(ReduceOp.SUM, y, axis), y, outer, n, inner, true);
    ctx.save(y);
    return y;
  }

  /**
   * out = a - r (or a / r when {@code divide}) for the value r of each row's [outer, 1, inner]
   * entry, in plain loops. A row whose largest value
   * is -∞ or NaN keeps its NaNs, as in PyTorch.
   */
  private static void rowwise(Tensor a, Tensor r, Tensor out, int outer, int n, int inner, boolean divide) {
    if (a.dtype() == DType.F32) {
      float[] av = (float[]) Compute.array(a), rv = (float[]) Compute.array(r), ov = (float[]) Compute.array(out);
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          float v = rv[o * inner + i];
          int from = o * n * inner + i, to = from + n * inner;
          if (inner == 1) {   // a contiguous row: unit-stride loops, which the JIT vectorises
            if (divide) for (int p = from; p < to; p++) ov[p] = av[p] / v;
            else for (int p = from; p < to; p++) ov[p] = av[p] - v;
          } else if (divide) for (int p = from; p < to; p += inner) ov[p] = av[p] / v;
          else for (int p = from; p < to; p += inner) ov[p] = av[p] - v;
        }
      }
    } else {
      double[] av = (double[]) Compute.array(a), rv = (double[]) Compute.array(r), ov = (double[]) Compute.array(out);
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          double v = rv[o * inner + i];
          int from = o * n * inner + i, to = from + n * inner;
          if (inner == 1) {   // a contiguous row: unit-stride loops, which the JIT vectorises
            if (divide) for (int p = from; p < to; p++) ov[p] = av[p] / v;
            else for (int p = from; p < to; p++) ov[p] = av[p] - v;
          } else if (divide) for (int p = from; p < to; p += inner) ov[p] = av[p] / v;
          else for (int p = from; p < to; p += inner) ov[p] = av[p] - v;
        }
      }
    }
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor y = ctx.saved(0);
    if (!Compute.nothingWatches()) {   // create-graph: differentiable tensor operations
      return new Tensor[] {y.mul(dy.sub(dy.mul(y).sum(new int[] {axis}, true)))};
    }
    // dx = y·(dy - Σ dy·y): the row sums by the reduction kernel, the rest in place on one new tensor.
    Shape s = y.shape();
    int outer = s.outer(axis), n = s.dim(axis), inner = s.inner(axis);
    Tensor dx = Compute.binary(BinaryOp.MUL, dy, y);
    Tensor dot = Compute.reduceAxis(ReduceOp.SUM, dx, axis);
    rowwise(dy, dot, dx, outer, n, inner, false);
    return new Tensor[] {Compute.multiplyInPlace(dx, y)};
  }

  @Override public String toString() { return "Softmax(axis=" + axis + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return y.mul(t[0].sub(t[0].mul(y).sum(new int[] {axis}, true)));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-2, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Softmax(1), Shape.of(3, 4));
  }
}
