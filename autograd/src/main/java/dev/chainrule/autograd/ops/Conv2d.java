package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.Window;
import java.util.Arrays;

/** y = x ⋆ W + b (cross-correlation, per group);  dx = dy ⋆ᵀ W ({@link ConvTranspose2d}),  dW = x ⋆ dy ({@link Conv2dWeightGrad}),  db = Σₙ,ₕ,w dy;  ẏ = ẋ ⋆ W + x ⋆ Ẇ + ḃ.
 * For x [N, C, H, W], W [O, C/groups, kH, kW] and an optional b [O]: PyTorch's F.conv2d, with
 * y[n, o, i, j] = b[o] + Σ_{c, p, q} W[o, c, p, q]·x[n, g·C/groups + c, i·sH − pH + p·dH, j·sW − pW + q·dW]
 * for output channel o in group g and x zero outside the image.
 *
 * <p>With stride 1, computed directly on the padded images ({@link DirectConv}). Otherwise as
 * im2col + gemm: each image's windows become a column matrix [C/groups·kH·kW, OH·OW], several
 * small images' matrices side by side ({@link ConvChunks}), and each group's output one product
 * with its weight rows, on the same SIMD gemm as MatMul. When the weight needs a gradient the
 * padded images or the column matrices are kept for it.
 */
public final class Conv2d implements Primitive {
  /**
   * The hyperparameters every convolution primitive shares.
   *
   * @param strideH    rows between output positions
   * @param strideW    columns between output positions
   * @param padH       zero rows added above and below
   * @param padW       zero columns added left and right
   * @param dilationH  rows between kernel taps
   * @param dilationW  columns between kernel taps
   * @param groups     channel groups (in and out channels both split into this many)
   */
  public record Params(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {
    /** The window of one group of an input of shape [N, C, H, W] under a kernel [_, C/groups, kH, kW]. */
    Window window(Shape x, int kernelH, int kernelW) {
      return Window.of(x.dim(1) / groups, x.dim(2), x.dim(3), kernelH, kernelW, strideH, strideW, padH, padW,
          dilationH, dilationW);
    }

    /** The chunks of images the primitives walk for an input of shape x and a weight of shape w. */
    ConvChunks chunks(Shape x, Shape w) {
      return new ConvChunks(window(x, w.dim(2), w.dim(3)), x.dim(0), groups, w.dim(0));
    }

    @Override public String toString() {
      return "stride=" + pair(strideH, strideW) + ", padding=" + pair(padH, padW) + ", dilation="
          + pair(dilationH, dilationW) + ", groups=" + groups;
    }

    private static String pair(int a, int b) {
      return a == b ? Integer.toString(a) : "(" + a + ", " + b + ")";
    }
  }

  private final Params p;

  /** The convolution with these hyperparameters; inputs x, W and optionally b. */
  public Conv2d(Params p) {
    this.p = p;
  }

  /**
   * The user-facing convolution: validates ranks, channels, groups and sizes, naming the op and
   * the shapes, then applies the primitive. Each array holds (rows, columns).
   */
  public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
    String shapes = " (got " + x.shape() + " and weight " + w.shape() + (b == null ? "" : " and bias " + b.shape()) + ")";
    if (x.rank() != 4) throw new IllegalArgumentException("conv2d: input must be [batch, channels, height, width]" + shapes);
    if (w.rank() != 4) throw new IllegalArgumentException("conv2d: weight must be [out, in/groups, kernelH, kernelW]" + shapes);
    if (x.dtype() != w.dtype() || (b != null && b.dtype() != x.dtype())) {
      throw new IllegalArgumentException("conv2d: dtypes differ, " + x.dtype() + " input, " + w.dtype() + " weight"
          + (b == null ? "" : ", " + b.dtype() + " bias"));
    }
    checkPair("stride", stride, 1, shapes);
    checkPair("padding", padding, 0, shapes);
    checkPair("dilation", dilation, 1, shapes);
    if (groups < 1 || w.dim(0) % groups != 0) {
      throw new IllegalArgumentException("conv2d: groups " + groups + " must be positive and divide the "
          + w.dim(0) + " output channels" + shapes);
    }
    if (x.dim(1) != w.dim(1) * groups) {
      throw new IllegalArgumentException("conv2d: input has " + x.dim(1) + " channels, expected " + w.dim(1) * groups
          + (groups == 1 ? "" : " (" + groups + " groups of " + w.dim(1) + ")") + shapes);
    }
    if (b != null && (b.rank() != 1 || b.dim(0) != w.dim(0))) {
      throw new IllegalArgumentException("conv2d: bias must be [" + w.dim(0) + "]" + shapes);
    }
    Params p = new Params(stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], groups);
    Window win = p.window(x.shape(), w.dim(2), w.dim(3));
    if (win.outH() < 1 || win.outW() < 1) {
      throw new IllegalArgumentException("conv2d: the " + (dilation[0] * (w.dim(2) - 1) + 1) + "x"
          + (dilation[1] * (w.dim(3) - 1) + 1) + " (dilated) kernel does not fit the " + (x.dim(2) + 2 * padding[0]) + "x"
          + (x.dim(3) + 2 * padding[1]) + " padded input" + shapes);
    }
    return b == null ? Tensor.apply(new Conv2d(p), x, w) : Tensor.apply(new Conv2d(p), x, w, b);
  }

  static void checkPair(String what, int[] v, int min, String shapes) {
    if (v.length != 2 || v[0] < min || v[1] < min) {
      throw new IllegalArgumentException("conv2d: " + what + " must be two integers >= " + min + ", got "
          + Arrays.toString(v) + shapes);
    }
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0], w = in[1], b = in.length > 2 ? in[2] : null;
    ctx.save(x, w);
    if (DirectConv.applies(p)) {
      // Stride 1: no column matrices. The padded planes are kept for the weight gradient (1.0x
      // LeNet's second convolution's input, 1.3x its first's, against 12.8x and 25x for columns).
      DirectConv direct = new DirectConv(p, x.shape(), w.shape());
      Tensor planes = direct.planes(x);
      if (ctx.needsGrad(1)) ctx.save(planes);
      return direct.forward(planes, w, b);
    }
    if (!keepsColumns(ctx)) return convolve(p, x, w, b, null);
    // The weight gradient multiplies these same column matrices by dy: kept (batch·taps·positions
    // elements) instead of built again in backward. One tensor per chunk, each allocated just
    // before im2col fills it: one whole-batch tensor cost more to allocate and zero than it saved.
    Tensor[] columns = new Tensor[p.chunks(x.shape(), w.shape()).count];
    Tensor y = convolve(p, x, w, b, columns);
    ctx.save(columns);
    return y;
  }

  /**
   * Whether an im2col forward keeps x's column matrices for the weight gradient (saved third):
   * when the weight needs a gradient and the images are small enough to be chunked. Large images
   * are not: 25x the input for a 5x5 kernel, and allocating and filling that cost more than
   * building each image's matrix again in cache.
   */
  private boolean keepsColumns(Context ctx) {
    return !DirectConv.applies(p) && ctx.needsGrad(1) && !p.chunks(ctx.inputShape(0), ctx.inputShape(1)).inPlace();
  }

  /**
   * The forward computation; when {@code columns} is not null (one entry per chunk) it receives
   * each chunk's column matrices.
   */
  static Tensor convolve(Params p, Tensor x, Tensor w, Tensor b, Tensor[] columns) {
    ConvChunks ch = p.chunks(x.shape(), w.shape());
    Window win = ch.win;
    int groupOut = ch.groupOut, taps = ch.taps, positions = ch.positions, width = ch.images * positions;
    Tensor y = Tensor.zeros(x.dtype(), Shape.of(ch.batch, ch.outChannels, win.outH(), win.outW()));
    if (b != null && ch.inPlace()) Windows.fillChannels(y, b, ch.batch, ch.outChannels, positions);
    Tensor cols = columns != null ? null : Tensor.zeros(x.dtype(), Shape.of(taps, width));
    Tensor rows = ch.inPlace() ? y : Tensor.zeros(x.dtype(), Shape.of(groupOut, width));
    for (int c = 0; c < ch.count; c++) {
      if (columns != null) cols = columns[c] = Tensor.zeros(x.dtype(), Shape.of(ch.columnsSize(c)));
      for (int g = 0; g < p.groups(); g++) {
        int colsOff = columns != null ? ch.columnsOffset(c, g) : 0, ld = ch.ld(c);
        ch.im2col(x, c, g, cols, colsOff);
        if (b != null && !ch.inPlace()) Windows.fillRows(rows, b, g * groupOut, groupOut, ld);
        ParallelGemm.gemm(Compute.kernels(), false, groupOut, ld, taps, w, g * groupOut * taps, cols, colsOff,
            rows, ch.inPlace() ? ch.outputOffset(c, g) : 0, b != null);
        if (!ch.inPlace()) ch.scatterOutputs(rows, c, g, y);
      }
    }
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0), w = ctx.saved(1);
    Shape xs = ctx.inputShape(0), ws = ctx.inputShape(1);
    Tensor[] grads = new Tensor[ctx.inputCount()];
    if (ctx.needsGrad(0)) grads[0] = Tensor.apply(new ConvTranspose2d(p, xs.dim(2), xs.dim(3)), dy, w);
    if (ctx.needsGrad(1)) {
      Tensor[] columns = null;
      if (DirectConv.applies(p)) {
        columns = new Tensor[] {ctx.saved(2)};   // the padded planes
      } else if (keepsColumns(ctx)) {
        columns = new Tensor[p.chunks(xs, ws).count];
        for (int c = 0; c < columns.length; c++) columns[c] = ctx.saved(2 + c);
      }
      grads[1] = Tensor.apply(new Conv2dWeightGrad(p, ws.dim(2), ws.dim(3), x, columns), x, dy);
    }
    if (grads.length > 2 && ctx.needsGrad(2)) grads[2] = dy.sum(0, 2, 3);
    return grads;
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    Conv2d unbiased = new Conv2d(p);
    Tensor dt = Tangents.sum(
        t[0] == null ? null : Tensor.apply(unbiased, t[0], x[1]),
        t[1] == null ? null : Tensor.apply(unbiased, x[0], t[1]));
    if (x.length > 2 && t[2] != null) dt = Tangents.sum(dt, t[2].reshape(1, -1, 1, 1).expand(y.shape()));
    return Tangents.orZero(dt, y);
  }

  @Override public String toString() { return "Conv2d(" + p + ")"; }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks: two groups, uneven strides, padding and dilation. */
  public static Example example() {
    return Example.of(new Conv2d(new Params(2, 1, 1, 0, 1, 2, 2)), Shape.of(2, 4, 5, 6), Shape.of(6, 2, 3, 2),
        Shape.of(6)).withParams(2);
  }
}
