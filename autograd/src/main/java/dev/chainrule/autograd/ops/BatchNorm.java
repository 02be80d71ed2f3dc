package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.forward.ForwardMode;
import dev.chainrule.autograd.kernel.BatchNormKernels;

/** y = x̂·γ + β, x̂ = (x − μ)·(σ² + ε)^(-1/2);  dx = γ·(σ² + ε)^(-1/2)·(dy − mean(dy) − x̂·mean(dy·x̂)),  dγ = Σ dy·x̂,  dβ = Σ dy;  ẏ = γ·(σ² + ε)^(-1/2)·(ẋ − mean(ẋ) − x̂·mean(ẋ·x̂)) + γ̇·x̂ + β̇.
 * Batch normalisation with batch statistics (PyTorch's F.batch_norm with training=True) of x
 * [N, C, ...] with weight γ [C] and bias β [C]: μ and σ² are each channel's mean and biased
 * variance over every axis but 1, and the sums and means above run over the same axes.
 *
 * <p>Fused (issue 10): one kernel pass per sum where the composite (mean, sub, square, mean,
 * pow, two broadcast products and a broadcast add) materialised a full-size tensor per step and
 * as many again backward; on the CNN recipe those broadcasts were 37% of a step's CPU time. The
 * backward pass runs the fused kernel from the saved statistics; when it is itself recorded
 * (grad of grad) or traced by forward mode (forward over reverse) it recomputes x̂ from x with Tensor ops, the same formula, so that second
 * derivatives flow through the statistics.
 */
public final class BatchNorm implements Primitive {
  private final double eps;

  /** Batch normalisation adding {@code eps} to the variance; inputs x, γ, β. */
  public BatchNorm(double eps) {
    this.eps = eps;
  }

  /** The user-facing op: validates the shapes, naming them, and applies the primitive ({@code null} γ is ones, β zeros). */
  public static Tensor batchNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
    if (x.rank() < 2) throw new IllegalArgumentException("batchNorm: input must be [batch, channels, ...] (got " + x.shape() + ")");
    int channels = x.dim(1);
    for (Tensor t : new Tensor[] {weight, bias}) {
      if (t != null && (t.rank() != 1 || t.dim(0) != channels)) {
        throw new IllegalArgumentException("batchNorm: weight and bias must be [" + channels + "] (got " + x.shape()
            + " and " + t.shape() + ")");
      }
      if (t != null && t.dtype() != x.dtype()) {
        throw new IllegalArgumentException("batchNorm: dtypes differ, " + x.dtype() + " input and " + t.dtype()
            + " weight or bias");
      }
    }
    if (!(eps >= 0)) throw new IllegalArgumentException("batchNorm: eps must be >= 0, got " + eps);
    Tensor w = weight != null ? weight : Tensor.ones(x.dtype(), channels);
    Tensor b = bias != null ? bias : Tensor.zeros(x.dtype(), channels);
    return Tensor.apply(new BatchNorm(eps), x, w, b);
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor x = in[0], w = in[1], b = in[2];
    int batch = x.dim(0), channels = x.dim(1), spatial = x.size() / (batch * channels);
    Tensor y = Tensor.zeros(x.dtype(), x.shape());
    double[] stats = new double[2 * channels];
    if (x.dtype() == DType.F32) BatchNormKernels.forward(batch, channels, spatial, x.f32(), w.f32(), b.f32(), eps, y.f32(), stats);
    else BatchNormKernels.forward(batch, channels, spatial, x.f64(), w.f64(), b.f64(), eps, y.f64(), stats);
    ctx.save(x, w, Tensor.wrap(Shape.of(2, channels), stats));
    return y;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor x = ctx.saved(0), w = ctx.saved(1);
    // Recorded (grad of grad) or traced by forward mode (forward over reverse): Tensor ops.
    if (GradMode.isEnabled() || ForwardMode.isActive()) return recordedBackward(ctx, x, w, dy);
    int batch = x.dim(0), channels = x.dim(1), spatial = x.size() / (batch * channels);
    double[] stats = ctx.saved(2).f64();
    Tensor dx = ctx.needsGrad(0) ? Tensor.zeros(x.dtype(), x.shape()) : null;
    Tensor dw = ctx.needsGrad(1) ? Tensor.zeros(x.dtype(), w.shape()) : null;
    Tensor db = ctx.needsGrad(2) ? Tensor.zeros(x.dtype(), w.shape()) : null;
    if (x.dtype() == DType.F32) {
      BatchNormKernels.backward(batch, channels, spatial, x.f32(), w.f32(), stats, dy.f32(),
          dx == null ? null : dx.f32(), dw == null ? null : dw.f32(), db == null ? null : db.f32());
    } else {
      BatchNormKernels.backward(batch, channels, spatial, x.f64(), w.f64(), stats, dy.f64(),
          dx == null ? null : dx.f64(), dw == null ? null : dw.f64(), db == null ? null : db.f64());
    }
    return new Tensor[] {dx, dw, db};
  }

  /** The backward formula in Tensor ops, recorded, for grad of grad. */
  private Tensor[] recordedBackward(Context ctx, Tensor x, Tensor w, Tensor dy) {
    int[] axes = reducedAxes(x.rank());
    Tensor rstd = rstd(x, axes);
    Tensor xhat = x.sub(x.mean(axes, true)).mul(rstd);
    return new Tensor[] {
        ctx.needsGrad(0) ? centred(dy, xhat, axes).mul(rstd.mul(perChannel(w, x.rank()))) : null,
        ctx.needsGrad(1) ? dy.mul(xhat).sum(axes) : null,
        ctx.needsGrad(2) ? dy.sum(axes) : null};
  }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    int[] axes = reducedAxes(x[0].rank());
    Tensor rstd = rstd(x[0], axes);
    Tensor xhat = x[0].sub(x[0].mean(axes, true)).mul(rstd);
    return Tangents.orZero(Tangents.sum(Tangents.sum(
        t[0] == null ? null : centred(t[0], xhat, axes).mul(rstd.mul(perChannel(x[1], x[0].rank()))),
        t[1] == null ? null : xhat.mul(perChannel(t[1], x[0].rank()))),
        t[2] == null ? null : perChannel(t[2], x[0].rank()).expand(y.shape())), y);
  }

  /** v − mean(v) − x̂·mean(v·x̂), each mean per channel. */
  private static Tensor centred(Tensor v, Tensor xhat, int[] axes) {
    return v.sub(v.mean(axes, true)).sub(xhat.mul(v.mul(xhat).mean(axes, true)));
  }

  /** (σ² + ε)^(-1/2) per channel, kept as [1, C, 1, ...]. */
  private Tensor rstd(Tensor x, int[] axes) {
    Tensor centred = x.sub(x.mean(axes, true));
    return centred.square().mean(axes, true).add(eps).pow(-0.5);
  }

  /** Every axis but the channel axis 1. */
  private static int[] reducedAxes(int rank) {
    int[] axes = new int[rank - 1];
    for (int a = 0, i = 0; a < rank; a++) if (a != 1) axes[i++] = a;
    return axes;
  }

  /** A [C] tensor as [1, C, 1, ...] for broadcasting against an input of this rank. */
  private static Tensor perChannel(Tensor v, int rank) {
    int[] dims = new int[rank];
    java.util.Arrays.fill(dims, 1);
    dims[1] = v.dim(0);
    return v.reshape(dims);
  }

  @Override public String toString() { return "BatchNorm(eps=" + eps + ")"; }

  @Override public Domain domain(int input) {
    return Domain.reals(-2, 2);
  }

  /** A small application for the generic checks; examples share statistics, so there is no batch axis. */
  public static Example example() {
    return Example.of(new BatchNorm(1e-5), Shape.of(3, 2, 2, 3), Shape.of(2), Shape.of(2)).withParams(2).batched(-1, -1);
  }
}
