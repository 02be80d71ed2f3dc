package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Storage;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/**
 * y[k] = Σ_{j≤k} x[j] along one axis (Σ_{j≥k} when reversed);  dx = the reversed cumulative sum
 * of dy;  ẏ = cumsum ẋ (linear).
 */
public final class Cumsum implements Primitive {
  private final int axis;
  private final boolean reverse;

  /** Running sums along {@code axis} (normalised by {@code Tensor.cumsum}), from the end when {@code reverse}. */
  public Cumsum(int axis, boolean reverse) {
    this.axis = axis;
    this.reverse = reverse;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    Shape s = x.shape();
    Tensor out = Tensor.zeros(x.dtype(), s);
    Storage src = x.storage(), dst = out.storage();
    int outer = s.outer(axis), n = s.dim(axis), inner = s.inner(axis);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double sum = 0;   // NOTE: float64 accumulator, rounded once per output (also for float32)
        for (int step = 0; step < n; step++) {
          int k = reverse ? n - 1 - step : step;
          int at = (o * n + k) * inner + i;
          sum += src.get(at);
          dst.set(at, sum);
        }
      }
    }
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.apply(new Cumsum(axis, !reverse), dy)};
  }

  @Override public String toString() { return "Cumsum(axis=" + axis + (reverse ? ", reverse)" : ")"); }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Cumsum(1, false), Shape.of(3, 4));
  }
}
