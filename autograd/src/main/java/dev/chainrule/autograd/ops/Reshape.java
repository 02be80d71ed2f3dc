package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import java.util.Arrays;

/** y = x with a new shape of the same size (shares storage);  dx = dy reshaped back;  ẏ = ẋ reshaped. */
public final class Reshape implements Primitive {
  private final Shape target;

  /** Views the input as {@code target}, of the same size. */
  public Reshape(Shape target) { this.target = target; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return in[0].viewAs(target);
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.reshape(ctx.inputShape(0).dims())};
  }

  /** Resolves one -1 dimension and checks the sizes agree. */
  public static Shape infer(Shape from, int... dims) {
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        if (unknown >= 0) throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(dims));
        unknown = i;
      } else if (dims[i] < 0) {
        throw new IllegalArgumentException("reshape: negative dimension in " + Arrays.toString(dims));
      } else {
        known *= dims[i];
      }
    }
    int[] out = dims.clone();
    if (unknown >= 0) {
      if (known == 0 || from.size() % known != 0) {
        throw new IllegalArgumentException("reshape: cannot reshape " + from + " (" + from.size()
            + " elements) to " + Arrays.toString(dims));
      }
      out[unknown] = (int) (from.size() / known);
    } else if (known != from.size()) {
      throw new IllegalArgumentException("reshape: cannot reshape " + from + " (" + from.size()
          + " elements) to " + Arrays.toString(dims) + " (" + known + " elements)");
    }
    return Shape.of(out);
  }

  @Override public String toString() { return "Reshape(" + target + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Reshape(Shape.of(3, 2, 2)), Shape.of(3, 4)).batched(-1, -1);
  }
}
