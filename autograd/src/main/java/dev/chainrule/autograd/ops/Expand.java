package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = x broadcast to a larger shape (NumPy rules; a view with stride 0 along broadcast dimensions);  dx = dy summed over the broadcast dimensions;  ẏ = ẋ broadcast.
 * The one place un-broadcasting lives: binary operations expand their operands and stay simple
 * (their kernels read the stride-0 views in place, see {@code Broadcast}).
 */
public final class Expand implements Primitive {
  private final Shape target;

  /** Broadcasts to {@code target}, which the input shape must broadcast to (checked by {@code Tensor.expand}). */
  public Expand(Shape target) { this.target = target; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return in[0].expandedView(target);   // stride 0 along the broadcast dimensions, nothing copied
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {sumTo(dy, ctx.inputShape(0))};
  }

  /** Sums {@code g} down to {@code shape}, undoing a broadcast. */
  static Tensor sumTo(Tensor g, Shape shape) {
    int lead = g.rank() - shape.rank();
    int count = 0;
    int[] axes = new int[g.rank()];
    for (int i = 0; i < g.rank(); i++) {
      if (i < lead || (shape.dim(i - lead) == 1 && g.dim(i) != 1)) axes[count++] = i;
    }
    Tensor summed = count == 0 ? g : g.sum(java.util.Arrays.copyOf(axes, count), true);
    return summed.reshape(shape.dims());
  }

  @Override public String toString() { return "Expand(" + target + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Expand(Shape.of(3, 4)), Shape.of(3, 1)).batched(-1, -1);
  }
}
