package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y[b, h, l, j] = x[b, l, h·d + j] (or y[b, h, j, l], transposed), and merging is the inverse;  dx = dy moved back;  ẏ = ẋ moved.
 * Multi-head attention's head split: [batch, length, heads·d] to [batch, heads, length, d] (or to
 * [batch, heads, d, length], the transposed keys of q·kᵀ), and the merge of [batch, heads, length,
 * d] back to [batch, length, heads·d]. The same values as reshape-then-permute.
 *
 * <p>A fused composite (STYLE: promoted when a benchmark shows it pays): the permute's general
 * copy walks an index odometer per element (0.64 ms for [32, 64, 128] in the attention block of
 * SequenceStepBench, four splits and a merge forward and as many backward); here each head's row
 * of d values is one array copy (the transposed split: one strided loop).
 */
public final class SplitHeads implements Primitive {
  private final int heads;
  private final boolean transposed, merge;

  /**
   * Splits into {@code heads} heads (or merges them back when {@code merge}); {@code transposed}:
   * the split side is [batch, heads, d, length] (shapes checked by the {@code Tensor} methods).
   */
  public SplitHeads(int heads, boolean transposed, boolean merge) {
    this.heads = heads;
    this.transposed = transposed;
    this.merge = merge;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0];
    int batch = x.dim(0), length, d;
    if (merge) {
      length = transposed ? x.dim(3) : x.dim(2);
      d = transposed ? x.dim(2) : x.dim(3);
    } else {
      length = x.dim(1);
      d = x.dim(2) / heads;
    }
    Shape out = merge ? Shape.of(batch, length, heads * d)
        : transposed ? Shape.of(batch, heads, d, length) : Shape.of(batch, heads, length, d);
    Tensor y = Tensor.zeros(x.dtype(), out);
    Object from = Compute.array(x), to = Compute.array(y);
    int e = heads * d;
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        int split = (b * heads + h) * length * d;   // the [length, d] (or [d, length]) block of head h
        for (int l = 0; l < length; l++) {
          int merged = (b * length + l) * e + h * d;
          if (!transposed) {
            if (merge) System.arraycopy(from, split + l * d, to, merged, d);
            else System.arraycopy(from, merged, to, split + l * d, d);
          } else if (from instanceof float[] f) {
            float[] t = (float[]) to;
            for (int j = 0; j < d; j++) {
              if (merge) t[merged + j] = f[split + j * length + l];
              else t[split + j * length + l] = f[merged + j];
            }
          } else {
            double[] f = (double[]) from, t = (double[]) to;
            for (int j = 0; j < d; j++) {
              if (merge) t[merged + j] = f[split + j * length + l];
              else t[split + j * length + l] = f[merged + j];
            }
          }
        }
      }
    }
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    return new Tensor[] {Tensor.apply(new SplitHeads(heads, transposed, !merge), dy)};
  }

  @Override public String toString() {
    return (merge ? "MergeHeads(" : "SplitHeads(") + heads + (transposed ? ", transposed)" : ")");
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.linear(this, x, t);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new SplitHeads(2, true, false), Shape.of(2, 3, 4));
  }
}
