package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = x·Wᵀ + b;  dx = dy·W,  dW = dyᵀ·x,  db = Σₙ dy;  ẏ = ẋ·Wᵀ + x·Ẇᵀ + ḃ.
 * For x [n, in], W [out, in], b [out]: a dense layer, PyTorch's F.linear.
 *
 * <p>A fused composite (STYLE: promoted when a benchmark shows it pays): the bias is copied into
 * the output first and the product accumulated onto it in one gemm, where MatMul + Expand + Add
 * cost three results and two extra passes per layer and step (TrainingStepBench).
 */
public final class Linear implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0], w = in[1], b = in[2];
    ctx.save(x, w);
    int n = x.dim(0), k = x.dim(1), out = w.dim(0);
    Tensor y = Tensor.zeros(x.dtype(), x.shape().with(1, out));
    for (int r = 0; r < n; r++) System.arraycopy(Compute.array(b), 0, Compute.array(y), r * out, out);
    ParallelGemm.gemm(Compute.kernels(), true, n, out, k, x, 0, w, 0, y, 0, true);
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0), w = ctx.saved(1);
    return new Tensor[] {
        ctx.needsGrad(0) ? Tensor.apply(new MatMul(false, false), dy, w) : null,
        ctx.needsGrad(1) ? weightGradient(ctx, dy, x) : null,
        ctx.needsGrad(2) ? dy.sum(0) : null};
  }

  /**
   * dW = dyᵀ·x, written straight into the weight's kept gradient buffer when the engine offers
   * one (the same gemm call MatMul makes, so the same bits), else a new MatMul result.
   */
  private static Tensor weightGradient(Context ctx, Tensor dy, Tensor x) {
    Tensor dw = ctx.gradientBuffer(1);
    if (dw == null) return Tensor.apply(new MatMul(true, false), dy, x);
    dy.storage().gemm(Compute.kernels(), true, false, dw.dim(0), dw.dim(1), dy.dim(0), 0, x.storage(), 0,
        dw.storage(), 0, false);
    return dw;
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.sum(Tangents.sum(
        t[0] == null ? null : t[0].linear(x[1], null),
        t[1] == null ? null : x[0].linear(t[1], null)),
        t[2] == null ? null : t[2].expand(y.shape()));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new Linear(), Shape.of(3, 4), Shape.of(2, 4), Shape.of(2)).withParams(2);
  }
}
