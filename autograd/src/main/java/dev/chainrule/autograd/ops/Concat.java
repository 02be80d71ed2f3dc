package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = [x₀, x₁, ...] joined along one axis;  dxᵢ = the matching slice of dy;  ẏ = [ẋ₀, ẋ₁, ...]. */
public final class Concat implements Primitive {
  private final int axis;

  /** Joins along {@code axis} (normalised, see {@link #check}). */
  public Concat(int axis) { this.axis = axis; }

  /** Validates the parts (at least one, same rank, dtype and other dimensions); returns the normalised axis. */
  public static int check(int axis, Tensor... parts) {
    if (parts.length == 0) throw new IllegalArgumentException("concat: no tensors given");
    Shape first = parts[0].shape();
    int a = first.axis(axis, "concat");
    for (int i = 1; i < parts.length; i++) {
      Shape s = parts[i].shape();
      boolean ok = s.rank() == first.rank() && parts[i].dtype() == parts[0].dtype();
      for (int d = 0; ok && d < s.rank(); d++) ok = d == a || s.dim(d) == first.dim(d);
      if (!ok) {
        throw new IllegalArgumentException("concat: part " + i + " is " + parts[i].dtype() + " " + s
            + ", incompatible with part 0, " + parts[0].dtype() + " " + first + ", along axis " + a);
      }
    }
    return a;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    int[] lengths = new int[in.length];
    int total = 0;
    for (int i = 0; i < in.length; i++) {
      lengths[i] = in[i].dim(axis);
      total += lengths[i];
    }
    Shape s = in[0].shape().with(axis, total);
    Tensor out = Tensor.zeros(in[0].dtype(), s);
    int outer = s.outer(axis), inner = s.inner(axis);
    int offset = 0;
    for (int i = 0; i < in.length; i++) {
      int run = lengths[i] * inner;
      for (int o = 0; o < outer; o++) {
        System.arraycopy(Compute.array(in[i]), o * run, Compute.array(out), (o * total + offset) * inner, run);
      }
      offset += lengths[i];
    }
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor[] grads = new Tensor[ctx.inputCount()];
    int offset = 0;
    for (int i = 0; i < grads.length; i++) {
      int length = ctx.inputShape(i).dim(axis);
      if (ctx.needsGrad(i)) grads[i] = dy.slice(axis, offset, offset + length);
      offset += length;
    }
    return grads;
  }

  @Override public String toString() { return "Concat(axis=" + axis + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Concat(1), Shape.of(3, 2), Shape.of(3, 3));
  }
}
