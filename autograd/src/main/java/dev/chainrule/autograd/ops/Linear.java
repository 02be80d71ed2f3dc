package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;

/**
 * y = x·Wᵀ + b for x [n, in], W [out, in], b [out] (a dense layer, PyTorch's F.linear);
 * dx = dy·W,  dW = dyᵀ·x,  db = Σₙ dy.
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
        ctx.needsGrad(1) ? Tensor.apply(new MatMul(true, false), dy, x) : null,
        ctx.needsGrad(2) ? dy.sum(0) : null};
  }
}
