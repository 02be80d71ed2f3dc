package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** y = x̂·w + b, x̂ = (x - μ)·r, r = (σ² + ε)^(-1/2) over each row's last axes;  g = dy·w:
 *  dx = r·(g - mean g - x̂·mean(g·x̂)),  dw = Σ_rows dy·x̂,  db = Σ_rows dy;
 *  ẏ = r·(ẋ - mean ẋ - x̂·mean(ẋ·x̂))·w + x̂·ẇ + ḃ.
 * μ and σ² (biased) are the mean and variance of each row: the last {@code normalizedDims} axes.
 *
 * <p>A fused composite (STYLE: promoted when a benchmark shows it pays): composed of mean, sub,
 * square, sqrt and div, layer norm cost five broadcast copies of the [rows, 1] statistics and the
 * [n] weight and bias forward, and their sums backward; in the attention block
 * (SequenceStepBench) that was a tenth of the step. Here each row is two passes for its
 * statistics (in double) and one for y, and backward one pass more; only + - × ÷ and √, so float64
 * bits are the same on every JDK. With create-graph the backward is the formula above in tensor
 * operations of x and w, so second derivatives flow.
 */
public final class LayerNorm implements Primitive {
  private final int normalizedDims;
  private final double eps;

  /** Over the last {@code normalizedDims} axes with ε = {@code eps} (checked by {@code Tensor.layerNorm}). */
  public LayerNorm(int normalizedDims, double eps) {
    this.normalizedDims = normalizedDims;
    this.eps = eps;
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0], w = in[1], b = in[2];
    int n = w.size(), rows = x.size() / Math.max(n, 1);
    double[] mean = new double[rows], rstd = new double[rows];
    Tensor y = Tensor.zeros(x.dtype(), x.shape());
    if (x.dtype() == DType.F32) {
      float[] xv = (float[]) Compute.array(x), wv = (float[]) Compute.array(w), bv = (float[]) Compute.array(b);
      float[] yv = (float[]) Compute.array(y);
      for (int r = 0; r < rows; r++) {
        int o = r * n;
        double s = 0;
        for (int i = 0; i < n; i++) s += xv[o + i];
        double mu = s / n, v = 0;
        for (int i = 0; i < n; i++) v += (xv[o + i] - mu) * (xv[o + i] - mu);
        double rs = 1 / Math.sqrt(v / n + eps);
        for (int i = 0; i < n; i++) yv[o + i] = (float) ((xv[o + i] - mu) * rs * wv[i] + bv[i]);
        mean[r] = mu;
        rstd[r] = rs;
      }
    } else {
      double[] xv = (double[]) Compute.array(x), wv = (double[]) Compute.array(w), bv = (double[]) Compute.array(b);
      double[] yv = (double[]) Compute.array(y);
      for (int r = 0; r < rows; r++) {
        int o = r * n;
        double s = 0;
        for (int i = 0; i < n; i++) s += xv[o + i];
        double mu = s / n, v = 0;
        for (int i = 0; i < n; i++) v += (xv[o + i] - mu) * (xv[o + i] - mu);
        double rs = 1 / Math.sqrt(v / n + eps);
        for (int i = 0; i < n; i++) yv[o + i] = (xv[o + i] - mu) * rs * wv[i] + bv[i];
        mean[r] = mu;
        rstd[r] = rs;
      }
    }
    ctx.save(x, w, Tensor.of(mean, rows), Tensor.of(rstd, rows));
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0), w = ctx.saved(1);
    if (!Compute.nothingWatches()) return composedBackward(ctx, x, w, dy);
    double[] mean = ctx.saved(2).f64(), rstd = ctx.saved(3).f64();
    int n = w.size();
    double[] dw = new double[n], db = new double[n];
    Tensor dx = Tensor.zeros(x.dtype(), x.shape());
    if (x.dtype() == DType.F32) {
      rowsF32((float[]) Compute.array(x), (float[]) Compute.array(w), (float[]) Compute.array(dy),
          (float[]) Compute.array(dx), mean, rstd, dw, db);
    } else {
      rowsF64((double[]) Compute.array(x), (double[]) Compute.array(w), (double[]) Compute.array(dy),
          (double[]) Compute.array(dx), mean, rstd, dw, db);
    }
    return new Tensor[] {ctx.needsGrad(0) ? dx : null,
        ctx.needsGrad(1) ? Tensor.of(dw, w.dims()).to(w.dtype()) : null,
        ctx.needsGrad(2) ? Tensor.of(db, w.dims()).to(w.dtype()) : null};
  }

  /**
   * One pass per row: dx (into {@code dx}), and dy·x̂ and dy added into {@code dw} and {@code db},
   * row after row (a fixed order: the same bits at any thread count).
   */
  private static void rowsF32(float[] x, float[] w, float[] dy, float[] dx, double[] mean, double[] rstd,
                              double[] dw, double[] db) {
    int n = w.length;
    double[] g = new double[n], xh = new double[n];
    for (int r = 0; r < mean.length; r++) {
      int o = r * n;
      double a = 0, c = 0;
      for (int i = 0; i < n; i++) {
        xh[i] = (x[o + i] - mean[r]) * rstd[r];
        g[i] = (double) dy[o + i] * w[i];
        a += g[i];
        c += g[i] * xh[i];
        dw[i] += dy[o + i] * xh[i];
        db[i] += dy[o + i];
      }
      a /= n;
      c /= n;
      for (int i = 0; i < n; i++) dx[o + i] = (float) (rstd[r] * (g[i] - a - xh[i] * c));
    }
  }

  private static void rowsF64(double[] x, double[] w, double[] dy, double[] dx, double[] mean, double[] rstd,
                              double[] dw, double[] db) {
    int n = w.length;
    double[] g = new double[n], xh = new double[n];
    for (int r = 0; r < mean.length; r++) {
      int o = r * n;
      double a = 0, c = 0;
      for (int i = 0; i < n; i++) {
        xh[i] = (x[o + i] - mean[r]) * rstd[r];
        g[i] = dy[o + i] * w[i];
        a += g[i];
        c += g[i] * xh[i];
        dw[i] += dy[o + i] * xh[i];
        db[i] += dy[o + i];
      }
      a /= n;
      c /= n;
      for (int i = 0; i < n; i++) dx[o + i] = rstd[r] * (g[i] - a - xh[i] * c);
    }
  }

  /** The backward formula in tensor operations of x and w, for create-graph (second derivatives). */
  private Tensor[] composedBackward(Context ctx, Tensor x, Tensor w, Tensor dy) {
    int[] rowAxes = axes(x.rank() - normalizedDims, x.rank()), leading = axes(0, x.rank() - normalizedDims);
    Tensor centred = x.sub(x.mean(rowAxes, true));
    Tensor r = centred.square().mean(rowAxes, true).add(eps).pow(-0.5);
    Tensor xHat = centred.mul(r);
    Tensor g = dy.mul(w);
    return new Tensor[] {
        ctx.needsGrad(0) ? r.mul(g.sub(g.mean(rowAxes, true)).sub(xHat.mul(g.mul(xHat).mean(rowAxes, true)))) : null,
        ctx.needsGrad(1) ? dy.mul(xHat).sum(leading, false) : null,
        ctx.needsGrad(2) ? dy.sum(leading, false) : null};
  }

  private static int[] axes(int from, int to) {
    int[] a = new int[to - from];
    for (int i = 0; i < a.length; i++) a[i] = from + i;
    return a;
  }

  @Override public String toString() { return "LayerNorm(dims=" + normalizedDims + ", eps=" + eps + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    Tensor in = x[0], w = x[1];
    int[] rowAxes = axes(in.rank() - normalizedDims, in.rank());
    Tensor centred = in.sub(in.mean(rowAxes, true));
    Tensor r = centred.square().mean(rowAxes, true).add(eps).pow(-0.5);
    Tensor xHat = centred.mul(r);
    Tensor dxHat = t[0] == null ? null
        : r.mul(t[0].sub(t[0].mean(rowAxes, true)).sub(xHat.mul(t[0].mul(xHat).mean(rowAxes, true))));
    return Tangents.sum(Tangents.sum(
        dxHat == null ? null : dxHat.mul(w),
        t[1] == null ? null : xHat.mul(t[1])),
        t[2] == null ? null : t[2].expand(y.shape()));
  }

  @Override public Domain domain(int input) {
    return input == 0 ? Domain.reals(-2, 2) : Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new LayerNorm(1, 1e-5), Shape.of(3, 5), Shape.of(5), Shape.of(5)).withParams(2);
  }
}
