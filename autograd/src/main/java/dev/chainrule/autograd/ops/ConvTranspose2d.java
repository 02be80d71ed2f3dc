package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** x = dy ⋆ᵀ W, the adjoint in x of {@link Conv2d} (its input gradient);  d(dy) = dx ⋆ W,  dW = dx ⋆ dy ({@link Conv2dWeightGrad});  ẋ = ḋy ⋆ᵀ W + dy ⋆ᵀ Ẇ.
 * For dy [N, O, OH, OW] and W [O, C/groups, kH, kW], the [N, C, H, W] tensor with
 * ⟨x ⋆ W, dy⟩ = ⟨x, dy ⋆ᵀ W⟩ for every x: PyTorch's F.conv_transpose2d with the output size
 * H×W fixed (which stride alone leaves ambiguous). Computed as gemm + col2im: per chunk of images
 * ({@link ConvChunks}) each group's weight columns times dy give the column matrices, which col2im
 * adds back into the images.
 */
public final class ConvTranspose2d implements Primitive {
  private final Conv2d.Params p;
  private final int height, width;

  /** The transposed convolution of {@code p} producing images of {@code height}×{@code width}. */
  public ConvTranspose2d(Conv2d.Params p, int height, int width) {
    this.p = p;
    this.height = height;
    this.width = width;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor dy = in[0], w = in[1];
    ctx.save(dy, w);
    int batch = dy.dim(0), outChannels = dy.dim(1), channels = w.dim(1) * p.groups();
    Shape xs = Shape.of(batch, channels, height, width);
    ConvChunks ch = p.chunks(xs, w.shape());
    int groupOut = ch.groupOut, taps = ch.taps, width = ch.images * ch.positions;
    Tensor x = Tensor.zeros(dy.dtype(), xs);
    Tensor cols = Tensor.zeros(dy.dtype(), Shape.of(taps, width));
    Tensor rows = ch.inPlace() ? dy : Tensor.zeros(dy.dtype(), Shape.of(groupOut, width));
    for (int c = 0; c < ch.count; c++) {
      for (int g = 0; g < p.groups(); g++) {
        if (!ch.inPlace()) ch.gatherOutputs(dy, c, g, rows);
        Windows.gemmTransA(taps, ch.ld(c), groupOut, w, g * groupOut * taps, rows, ch.inPlace() ? ch.outputOffset(c, g) : 0,
            cols);
        ch.col2imAdd(cols, 0, c, g, x);
      }
    }
    return x;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dx) {
    Tensor dy = ctx.saved(0), w = ctx.saved(1);
    Shape ws = ctx.inputShape(1);
    return new Tensor[] {
        ctx.needsGrad(0) ? Tensor.apply(new Conv2d(p), dx, w) : null,
        ctx.needsGrad(1) ? Tensor.apply(new Conv2dWeightGrad(p, ws.dim(2), ws.dim(3)), dx, dy) : null};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.orZero(Tangents.sum(
        t[0] == null ? null : Tensor.apply(this, t[0], x[1]),
        t[1] == null ? null : Tensor.apply(this, x[0], t[1])), y);
  }

  @Override public String toString() { return "ConvTranspose2d(" + p + ", size=" + height + "x" + width + ")"; }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: the input gradient of {@link Conv2d#example()}. */
  public static Example example() {
    return Example.of(new ConvTranspose2d(new Conv2d.Params(2, 1, 1, 0, 1, 2, 2), 5, 6), Shape.of(2, 6, 3, 4),
        Shape.of(6, 2, 3, 2)).withParams(1);
  }
}
