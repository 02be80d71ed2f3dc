package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** dW = x ⋆ dy, the weight gradient of {@link Conv2d} (bilinear in x and dy);  dx = dy ⋆ᵀ G ({@link ConvTranspose2d}),  d(dy) = x ⋆ G for upstream G;  ḋW = ẋ ⋆ dy + x ⋆ ḋy.
 * For x [N, C, H, W] and dy [N, O, OH, OW], the [O, C/groups, kH, kW] tensor with
 * dW[o, c, p, q] = Σ_{n, i, j} dy[n, o, i, j]·x[n, g·C/groups + c, i·sH − pH + p·dH, j·sW − pW + q·dW]:
 * with stride 1 directly on the padded images ({@link DirectConv}, when x is finite), else per
 * chunk of images ({@link ConvChunks}) and group one gemm of dy's rows with the transposed column
 * matrix of x, summed over the chunk's positions; the chunks are added in batch order.
 */
public final class Conv2dWeightGrad implements Primitive {
  private final Conv2d.Params p;
  private final int kernelH, kernelW;
  /** What its convolution's forward kept of {@code columnsOf} (the padded planes with stride 1, else the column matrices), or null: used only when applied to that tensor. */
  private final Tensor columnsOf;
  private final Tensor[] columns;

  /** The weight gradient of a convolution {@code p} with a {@code kernelH}×{@code kernelW} kernel. */
  public Conv2dWeightGrad(Conv2d.Params p, int kernelH, int kernelW) {
    this(p, kernelH, kernelW, null, null);
  }

  /** The same, reading what the forward kept of {@code x} (its padded planes with stride 1, else one column matrix per {@link ConvChunks} chunk) when applied to {@code x}. */
  Conv2dWeightGrad(Conv2d.Params p, int kernelH, int kernelW, Tensor x, Tensor[] columns) {
    this.p = p;
    this.kernelH = kernelH;
    this.kernelW = kernelW;
    this.columnsOf = x;
    this.columns = columns;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0], dy = in[1];
    ctx.save(x, dy);
    if (DirectConv.weightGradientApplies(p, x)) {
      DirectConv direct = new DirectConv(p, x.shape(), Shape.of(dy.dim(1), x.dim(1) / p.groups(), kernelH, kernelW));
      return direct.weightGrad(columns != null && x == columnsOf ? columns[0] : direct.planes(x), dy);
    }
    ConvChunks ch = new ConvChunks(p.window(x.shape(), kernelH, kernelW), x.dim(0), p.groups(), dy.dim(1));
    int groupOut = ch.groupOut, taps = ch.taps, width = ch.images * ch.positions;
    boolean kept = !DirectConv.applies(p) && columns != null && x == columnsOf;
    Tensor dw = Tensor.zeros(x.dtype(), Shape.of(ch.outChannels, ch.win.channels(), kernelH, kernelW));
    Tensor cols = kept ? null : Tensor.zeros(x.dtype(), Shape.of(taps, width));
    Tensor rows = ch.inPlace() ? dy : Tensor.zeros(x.dtype(), Shape.of(groupOut, width));
    for (int c = 0; c < ch.count; c++) {
      if (kept) cols = columns[c];
      for (int g = 0; g < p.groups(); g++) {
        int colsOff = kept ? ch.columnsOffset(c, g) : 0;
        if (!kept) ch.im2col(x, c, g, cols, 0);
        if (!ch.inPlace()) ch.gatherOutputs(dy, c, g, rows);
        ParallelGemm.gemm(Compute.kernels(), true, groupOut, taps, ch.ld(c), rows, ch.inPlace() ? ch.outputOffset(c, g) : 0,
            cols, colsOff, dw, g * groupOut * taps, true);
      }
    }
    return dw;
  }

  @Override public Tensor[] backward(Context ctx, Tensor g) {
    Tensor x = ctx.saved(0), dy = ctx.saved(1);
    Shape xs = ctx.inputShape(0);
    return new Tensor[] {
        ctx.needsGrad(0) ? Tensor.apply(new ConvTranspose2d(p, xs.dim(2), xs.dim(3)), dy, g) : null,
        ctx.needsGrad(1) ? Tensor.apply(new Conv2d(p), x, g) : null};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.orZero(Tangents.sum(
        t[0] == null ? null : Tensor.apply(new Conv2dWeightGrad(p, kernelH, kernelW), t[0], x[1]),
        t[1] == null ? null : Tensor.apply(new Conv2dWeightGrad(p, kernelH, kernelW), x[0], t[1])), y);
  }

  @Override public String toString() { return "Conv2dWeightGrad(" + p + ", kernel=" + kernelH + "x" + kernelW + ")"; }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: the weight gradient of {@link Conv2d#example()}; the output sums over the batch. */
  public static Example example() {
    return Example.of(new Conv2dWeightGrad(new Conv2d.Params(2, 1, 1, 0, 1, 2, 2), 3, 2), Shape.of(2, 4, 5, 6),
        Shape.of(2, 6, 3, 4)).batched(-1, -1);
  }
}
