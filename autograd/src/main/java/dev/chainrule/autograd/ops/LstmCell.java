package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.kernel.UnaryOp;

/** [h' | c'] with c' = σ(z_f)·c + σ(z_i)·tanh(z_g), h' = σ(z_o)·tanh(c');  with i, f, g, o those gates,
 *  t = tanh c' and dc'' = dc' + dh'·o·(1 - t²):  dz_i = dc''·g·i(1-i),  dz_f = dc''·c·f(1-f),
 *  dz_g = dc''·i·(1-g²),  dz_o = dh'·t·o(1-o),  dc = dc''·f;  the tangents by the same chain rule.
 * z [batch, 4·hidden] holds the pre-activations of the gates in PyTorch's order i, f, g, o (blocks of
 * hidden columns), c [batch, hidden] the cell state; the output [batch, 2·hidden] is the next hidden
 * state followed by the next cell state.
 *
 * <p>A fused composite (STYLE: promoted when a benchmark shows it pays): the pointwise half of an
 * LSTM step, which as four slices, three sigmoids, two tanhs, three products and a sum cost a dozen
 * results and as many backward passes per time step (SequenceStepBench's LSTM step). Here: one
 * sigmoid and one tanh kernel call for the gates, one tanh for c', a loop for the rest, and one
 * loop backward. With create-graph the backward is the same formula in tensor operations of z and
 * c, so second derivatives flow.
 */
public final class LstmCell implements Primitive {
  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor z = in[0], c = in[1];
    int batch = c.dim(0), hidden = c.dim(1);
    // The gates: σ over all of z (one kernel call), then tanh of the g block in its place.
    Tensor gates = Compute.unary(UnaryOp.SIGMOID, z);
    Tensor g = Compute.unary(UnaryOp.TANH, block(z, 2, batch, hidden));
    Object ga = Compute.array(gates), gb = Compute.array(g);
    for (int b = 0; b < batch; b++) System.arraycopy(gb, b * hidden, ga, (4 * b + 2) * hidden, hidden);
    Tensor next = Tensor.zeros(z.dtype(), Shape.of(batch, hidden));
    if (z.dtype() == DType.F32) {
      float[] a = (float[]) ga, cv = (float[]) Compute.array(c), n = (float[]) Compute.array(next);
      for (int b = 0; b < batch; b++) {
        int row = 4 * b * hidden, s = b * hidden;
        for (int j = 0; j < hidden; j++) {
          n[s + j] = a[row + hidden + j] * cv[s + j] + a[row + j] * a[row + 2 * hidden + j];
        }
      }
    } else {
      double[] a = (double[]) ga, cv = (double[]) Compute.array(c), n = (double[]) Compute.array(next);
      for (int b = 0; b < batch; b++) {
        int row = 4 * b * hidden, s = b * hidden;
        for (int j = 0; j < hidden; j++) {
          n[s + j] = a[row + hidden + j] * cv[s + j] + a[row + j] * a[row + 2 * hidden + j];
        }
      }
    }
    Tensor t = Compute.unary(UnaryOp.TANH, next);
    Tensor y = Tensor.zeros(z.dtype(), Shape.of(batch, 2 * hidden));
    Object ya = Compute.array(y), ta = Compute.array(t), na = Compute.array(next);
    for (int b = 0; b < batch; b++) {
      System.arraycopy(na, b * hidden, ya, (2 * b + 1) * hidden, hidden);   // c'
    }
    if (z.dtype() == DType.F32) {
      float[] a = (float[]) ga, tv = (float[]) ta, yv = (float[]) ya;
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < hidden; j++) yv[2 * b * hidden + j] = a[(4 * b + 3) * hidden + j] * tv[b * hidden + j];
      }
    } else {
      double[] a = (double[]) ga, tv = (double[]) ta, yv = (double[]) ya;
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < hidden; j++) yv[2 * b * hidden + j] = a[(4 * b + 3) * hidden + j] * tv[b * hidden + j];
      }
    }
    ctx.save(z, c, gates, t);
    return y;
  }

  /** Columns [k·hidden, (k+1)·hidden) of each row of a [batch, 4·hidden] tensor, as a new [batch, hidden] one. */
  private static Tensor block(Tensor z, int k, int batch, int hidden) {
    Tensor out = Tensor.zeros(z.dtype(), Shape.of(batch, hidden));
    Object from = Compute.array(z), to = Compute.array(out);
    for (int b = 0; b < batch; b++) System.arraycopy(from, (4 * b + k) * hidden, to, b * hidden, hidden);
    return out;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor z = ctx.saved(0), c = ctx.saved(1);
    if (!Compute.nothingWatches()) return composedBackward(ctx, z, c, dy);
    Tensor gates = ctx.saved(2), t = ctx.saved(3);
    int batch = c.dim(0), hidden = c.dim(1);
    Tensor dz = Tensor.zeros(z.dtype(), z.shape()), dc = Tensor.zeros(c.dtype(), c.shape());
    if (z.dtype() == DType.F32) {
      float[] a = (float[]) Compute.array(gates), tv = (float[]) Compute.array(t), cv = (float[]) Compute.array(c);
      float[] d = (float[]) Compute.array(dy), dzv = (float[]) Compute.array(dz), dcv = (float[]) Compute.array(dc);
      for (int b = 0; b < batch; b++) {
        int row = 4 * b * hidden, s = b * hidden, out = 2 * b * hidden;
        for (int j = 0; j < hidden; j++) {
          float i = a[row + j], f = a[row + hidden + j], g = a[row + 2 * hidden + j], o = a[row + 3 * hidden + j];
          float tj = tv[s + j], dh = d[out + j];
          float dcn = d[out + hidden + j] + dh * o * (1 - tj * tj);
          dzv[row + j] = dcn * g * i * (1 - i);
          dzv[row + hidden + j] = dcn * cv[s + j] * f * (1 - f);
          dzv[row + 2 * hidden + j] = dcn * i * (1 - g * g);
          dzv[row + 3 * hidden + j] = dh * tj * o * (1 - o);
          dcv[s + j] = dcn * f;
        }
      }
    } else {
      double[] a = (double[]) Compute.array(gates), tv = (double[]) Compute.array(t), cv = (double[]) Compute.array(c);
      double[] d = (double[]) Compute.array(dy), dzv = (double[]) Compute.array(dz), dcv = (double[]) Compute.array(dc);
      for (int b = 0; b < batch; b++) {
        int row = 4 * b * hidden, s = b * hidden, out = 2 * b * hidden;
        for (int j = 0; j < hidden; j++) {
          double i = a[row + j], f = a[row + hidden + j], g = a[row + 2 * hidden + j], o = a[row + 3 * hidden + j];
          double tj = tv[s + j], dh = d[out + j];
          double dcn = d[out + hidden + j] + dh * o * (1 - tj * tj);
          dzv[row + j] = dcn * g * i * (1 - i);
          dzv[row + hidden + j] = dcn * cv[s + j] * f * (1 - f);
          dzv[row + 2 * hidden + j] = dcn * i * (1 - g * g);
          dzv[row + 3 * hidden + j] = dh * tj * o * (1 - o);
          dcv[s + j] = dcn * f;
        }
      }
    }
    return new Tensor[] {ctx.needsGrad(0) ? dz : null, ctx.needsGrad(1) ? dc : null};
  }

  /** The gates and states of z and c in tensor operations: i, f, g, o, c', tanh c'. */
  private static Tensor[] parts(Tensor z, Tensor c) {
    int hidden = c.dim(1);
    Tensor i = z.slice(1, 0, hidden).sigmoid(), f = z.slice(1, hidden, 2 * hidden).sigmoid();
    Tensor g = z.slice(1, 2 * hidden, 3 * hidden).tanh(), o = z.slice(1, 3 * hidden, 4 * hidden).sigmoid();
    Tensor next = f.mul(c).add(i.mul(g));
    return new Tensor[] {i, f, g, o, next, next.tanh()};
  }

  /** The backward formula in tensor operations of z and c, for create-graph (second derivatives). */
  private static Tensor[] composedBackward(Context ctx, Tensor z, Tensor c, Tensor dy) {
    int hidden = c.dim(1);
    Tensor[] p = parts(z, c);
    Tensor i = p[0], f = p[1], g = p[2], o = p[3], t = p[5];
    Tensor dh = dy.slice(1, 0, hidden);
    Tensor dcn = dy.slice(1, hidden, 2 * hidden).add(dh.mul(o).mul(t.square().rsub(1.0)));
    Tensor dz = Tensor.concat(1,
        dcn.mul(g).mul(i.mul(i.rsub(1.0))),
        dcn.mul(c).mul(f.mul(f.rsub(1.0))),
        dcn.mul(i).mul(g.square().rsub(1.0)),
        dh.mul(t).mul(o.mul(o.rsub(1.0))));
    return new Tensor[] {ctx.needsGrad(0) ? dz : null, ctx.needsGrad(1) ? dcn.mul(f) : null};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    Tensor z = x[0], c = x[1];
    int hidden = c.dim(1);
    Tensor[] p = parts(z, c);
    Tensor i = p[0], f = p[1], g = p[2], o = p[3], th = p[5];
    Tensor dNext = null, dO = null;
    if (t[0] != null) {
      Tensor di = t[0].slice(1, 0, hidden).mul(i.mul(i.rsub(1.0)));
      Tensor df = t[0].slice(1, hidden, 2 * hidden).mul(f.mul(f.rsub(1.0)));
      Tensor dg = t[0].slice(1, 2 * hidden, 3 * hidden).mul(g.square().rsub(1.0));
      dO = t[0].slice(1, 3 * hidden, 4 * hidden).mul(o.mul(o.rsub(1.0)));
      dNext = df.mul(c).add(di.mul(g)).add(i.mul(dg));
    }
    dNext = Tangents.sum(dNext, t[1] == null ? null : f.mul(t[1]));
    Tensor dh = Tangents.sum(dO == null ? null : dO.mul(th), o.mul(th.square().rsub(1.0)).mul(dNext));
    return Tensor.concat(1, dh, dNext);
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-2, 2);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new LstmCell(), Shape.of(3, 8), Shape.of(3, 2));
  }
}
