package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.UnaryOp;

/** y = exp(x - max x) / Σ exp(x - max x) along one axis;  dx = y·(dy - Σ dy·y);  ẏ = y·(ẋ - Σ ẋ·y).
 *
 * <p>A fused composite (STYLE: promoted when a benchmark shows it pays): as exp(x - logsumexp x)
 * it cost a max, a sum, a log, two broadcast copies of [rows, 1] to [rows, n] and four full passes
 * forward, and as many backward; the attention block (SequenceStepBench) spent a fifth of its
 * time in those copies. Here: shifts and sums in plain loops, the exponentials in one kernel call
 * (the SIMD twin for float32; {@link dev.chainrule.autograd.kernel.ScalarMath}'s fdlibm exp for
 * float64, so the bits are the same on every JDK). A row of all -∞ (every key masked) gives NaN,
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
    Tensor shifted = Tensor.zeros(x.dtype(), s);
    if (x.dtype() == DType.F32) {
      shiftF32((float[]) Compute.array(x), (float[]) Compute.array(shifted), outer, n, inner);
    } else {
      shiftF64((double[]) Compute.array(x), (double[]) Compute.array(shifted), outer, n, inner);
    }
    Tensor y = Compute.unary(UnaryOp.EXP, shifted);
    if (x.dtype() == DType.F32) {
      normaliseF32((float[]) Compute.array(y), outer, n, inner);
    } else {
      normaliseF64((double[]) Compute.array(y), outer, n, inner);
    }
    ctx.save(y);
    return y;
  }

  /** out = x - (the largest x of its row); a row with no finite largest keeps its -∞ - -∞ = NaN. */
  private static void shiftF32(float[] x, float[] out, int outer, int n, int inner) {
    if (inner == 1) {   // rows are contiguous: loops the JIT vectorises
      for (int base = 0; base < outer * n; base += n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) m = Math.max(m, x[base + k]);
        for (int k = 0; k < n; k++) out[base + k] = x[base + k] - m;
      }
      return;
    }
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        float m = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) m = Math.max(m, x[base + k * inner]);
        for (int k = 0; k < n; k++) out[base + k * inner] = x[base + k * inner] - m;
      }
    }
  }

  private static void shiftF64(double[] x, double[] out, int outer, int n, int inner) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) m = Math.max(m, x[base + k * inner]);
        for (int k = 0; k < n; k++) out[base + k * inner] = x[base + k * inner] - m;
      }
    }
  }

  /** Divides each row by its sum (accumulated in order, in double). */
  private static void normaliseF32(float[] e, int outer, int n, int inner) {
    if (inner == 1) {
      for (int base = 0; base < outer * n; base += n) {
        double sum = 0;
        for (int k = 0; k < n; k++) sum += e[base + k];
        float r = (float) (1 / sum);
        for (int k = 0; k < n; k++) e[base + k] *= r;
      }
      return;
    }
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        double sum = 0;
        for (int k = 0; k < n; k++) sum += e[base + k * inner];
        float r = (float) (1 / sum);
        for (int k = 0; k < n; k++) e[base + k * inner] *= r;
      }
    }
  }

  private static void normaliseF64(double[] e, int outer, int n, int inner) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        double sum = 0;
        for (int k = 0; k < n; k++) sum += e[base + k * inner];
        for (int k = 0; k < n; k++) e[base + k * inner] /= sum;
      }
    }
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor y = ctx.saved(0);
    if (!Compute.nothingWatches()) {   // create-graph: differentiable tensor operations
      return new Tensor[] {y.mul(dy.sub(dy.mul(y).sum(new int[] {axis}, true)))};
    }
    Shape s = y.shape();
    int outer = s.outer(axis), n = s.dim(axis), inner = s.inner(axis);
    Tensor dx = Tensor.zeros(y.dtype(), s);
    if (y.dtype() == DType.F32) {
      float[] yv = (float[]) Compute.array(y), g = (float[]) Compute.array(dy), out = (float[]) Compute.array(dx);
      if (inner == 1) {
        for (int base = 0; base < outer * n; base += n) {
          double dot = 0;
          for (int k = 0; k < n; k++) dot += g[base + k] * yv[base + k];
          float d = (float) dot;
          for (int k = 0; k < n; k++) out[base + k] = yv[base + k] * (g[base + k] - d);
        }
        return new Tensor[] {dx};
      }
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          int base = o * n * inner + i;
          double dot = 0;
          for (int k = 0; k < n; k++) dot += g[base + k * inner] * yv[base + k * inner];
          float d = (float) dot;
          for (int k = 0; k < n; k++) out[base + k * inner] = yv[base + k * inner] * (g[base + k * inner] - d);
        }
      }
    } else {
      double[] yv = (double[]) Compute.array(y), g = (double[]) Compute.array(dy), out = (double[]) Compute.array(dx);
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          int base = o * n * inner + i;
          double dot = 0;
          for (int k = 0; k < n; k++) dot += g[base + k * inner] * yv[base + k * inner];
          for (int k = 0; k < n; k++) out[base + k * inner] = yv[base + k * inner] * (g[base + k * inner] - dot);
        }
      }
    }
    return new Tensor[] {dx};
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
