package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.forward.ForwardRule;

/** Ops with one deliberate bug each: the contract must fail exactly the item the bug breaks. */
final class BrokenOps {
  private BrokenOps() {}

  /** y = x³, right: dx = dy·3x², ẏ = 3x²·ẋ. The reference the broken ones deviate from. */
  static class Cube implements Function, ForwardRule {
    @Override public Tensor forward(Context ctx, Tensor... in) {
      ctx.save(in[0]);
      return in[0].mul(in[0]).mul(in[0]);
    }

    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      return new Tensor[] {dy.mul(slope(ctx.saved(0)))};
    }

    @Override public Tensor jvp(Context ctx, Tensor[] in, Tensor[] t, Tensor y) {
      return t[0].mul(in[0].square().mul(3.0));
    }

    Tensor slope(Tensor x) { return x.square().mul(3.0); }
  }

  /** Backward uses 2x² instead of 3x² (items 1 and 2). */
  static final class WrongBackward extends Cube {
    @Override Tensor slope(Tensor x) { return x.square().mul(2.0); }
  }

  /** Backward right, tangent rule forgets the factor 3 (item 2 only). */
  static final class WrongTangent extends Cube {
    @Override public Tensor jvp(Context ctx, Tensor[] in, Tensor[] t, Tensor y) {
      return t[0].mul(in[0].square());
    }
  }

  /** Clips the upstream gradient to [-1, 1] inside backward: right for small dy, not linear (item 3). */
  static final class ClipsUpstream extends Cube {
    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      return new Tensor[] {dy.clamp(-1, 1).mul(slope(ctx.saved(0)))};
    }
  }

  /** Keeps its input in a field instead of the Context: a second application overwrites it (item 4). */
  static final class StateInField extends Cube {
    private Tensor x;

    @Override public Tensor forward(Context ctx, Tensor... in) {
      x = in[0];
      return in[0].mul(in[0]).mul(in[0]);
    }

    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      return new Tensor[] {dy.mul(slope(x))};
    }

    @Override public Tensor jvp(Context ctx, Tensor[] in, Tensor[] t, Tensor y) {
      return t[0].mul(in[0].square().mul(3.0));
    }
  }

  /** ReLU that clears the negative entries of its input array while computing (item 5). */
  static final class ReluInPlace implements Function {
    @Override public Tensor forward(Context ctx, Tensor... in) {
      if (in[0].dtype() == DType.F64) {
        double[] x = in[0].f64();
        for (int i = 0; i < x.length; i++) x[i] = Math.max(0.0, x[i]);
      } else {
        float[] x = in[0].f32();
        for (int i = 0; i < x.length; i++) x[i] = Math.max(0f, x[i]);
      }
      Tensor y = Tensor.of(in[0].toDoubleArray(), in[0].dims()).to(in[0].dtype()).detach();
      ctx.save(y);
      return y;
    }

    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      double[] y = ctx.saved(0).toDoubleArray();
      double[] mask = new double[y.length];
      for (int i = 0; i < y.length; i++) mask[i] = y[i] > 0 ? 1 : 0;
      return new Tensor[] {dy.mul(Tensor.of(mask, dy.dims()).to(dy.dtype()).detach())};
    }
  }

  /**
   * y = x·w₀ for w = [w₀, w₁]; w₁ is unused, but backward gives it 1e-9·Σdy (a leak far below
   * gradcheck's atol, linear in dy): item 7 only.
   */
  static final class LeaksIntoUnusedParam implements Function {
    @Override public Tensor forward(Context ctx, Tensor... in) {
      ctx.save(in[0], in[1]);
      return in[0].mul(in[1].slice(0, 0, 1));
    }

    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      Tensor x = ctx.saved(0), w = ctx.saved(1);
      Tensor dw0 = dy.mul(x).sum().reshape(1), dw1 = dy.sum().mul(1e-9).reshape(1);
      return new Tensor[] {dy.mul(w.slice(0, 0, 1)), Tensor.concat(0, dw0, dw1)};
    }
  }

  /** y = x³ with the right first derivative computed from raw arrays: a constant to grad-of-grad (item 9). */
  static final class OnceDifferentiable implements Function {
    @Override public Tensor forward(Context ctx, Tensor... in) {
      ctx.save(in[0]);
      return in[0].mul(in[0]).mul(in[0]);
    }

    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      double[] x = ctx.saved(0).toDoubleArray();
      for (int i = 0; i < x.length; i++) x[i] = 3 * x[i] * x[i];
      return new Tensor[] {dy.mul(Tensor.of(x, dy.dims()).to(dy.dtype()).detach())};
    }
  }
}
