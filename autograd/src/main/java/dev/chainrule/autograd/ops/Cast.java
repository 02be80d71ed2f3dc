package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;

/** y = x converted to another dtype;  dx = dy converted back. */
public final class Cast implements Primitive {
  private final DType target;

  public Cast(DType target) { this.target = target; }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    return target == DType.F32
        ? Tensor.wrap(in[0].shape(), in[0].toFloatArray())
        : Tensor.wrap(in[0].shape(), in[0].toDoubleArray());
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {dy.to(ctx.inputDType(0))};
  }

  @Override public String toString() { return "Cast(" + target + ")"; }
}
