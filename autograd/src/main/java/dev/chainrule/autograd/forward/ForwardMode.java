package dev.chainrule.autograd.forward;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.EngineHook;
import dev.chainrule.autograd.EngineHooks;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Forward-mode differentiation: the Jacobian-vector product J·v of a function, computed alongside
 * one ordinary evaluation (dual numbers, one tangent per tensor) rather than by a backward pass.
 *
 * <pre>{@code
 * var r = ForwardMode.jvp(x -> x.sigmoid().mul(x), x, v);   // r.output() = f(x), r.tangent() = J·v
 * }</pre>
 *
 * <p>While {@code f} runs, every operation applied on this thread looks up the tangents of its
 * inputs (keyed by tensor identity; tensors with none, such as constants and {@code detach()}ed
 * tensors, have a zero tangent) and stores its output's tangent, computed by the op's
 * {@link ForwardRule} (every built-in {@link dev.chainrule.autograd.ops.Primitive} has one). Operations with
 * no rule throw {@link UnsupportedOperationException} naming the op. Tangent rules run with
 * tensor operations under the current grad mode, so a JVP can itself be differentiated in reverse
 * mode; and because a backward pass applies ordinary operations, a JVP of a function that calls
 * {@link dev.chainrule.autograd.Autograd#grad} gives Hessian-vector products (forward over
 * reverse). Nested {@code jvp} calls on one thread are not supported.
 */
public final class ForwardMode {
  private static final ThreadLocal<State> STATE = new ThreadLocal<>();

  private ForwardMode() {}

  /** The output f(x) and its tangent J·v. */
  public record Jvp(Tensor output, Tensor tangent) {}

  /**
   * Evaluates {@code f} at {@code x} and returns the output with its directional derivative along
   * {@code v}: Σᵢ ∂f/∂xᵢ·vᵢ. {@code v[i]} has {@code x[i]}'s shape and dtype, or is {@code null}
   * (that input is held constant).
   */
  public static Jvp jvp(java.util.function.Function<Tensor[], Tensor> f, Tensor[] x, Tensor[] v) {
    if (STATE.get() != null) {
      throw new IllegalStateException("jvp: already inside a jvp on this thread; nested forward mode "
          + "is not supported (for second derivatives use Derivatives.hvp)");
    }
    if (x.length != v.length) {
      throw new IllegalArgumentException("jvp: " + x.length + " inputs but " + v.length + " tangents");
    }
    State state = new State();
    for (int i = 0; i < x.length; i++) {
      if (v[i] == null) continue;
      if (!v[i].shape().equals(x[i].shape()) || v[i].dtype() != x[i].dtype()) {
        throw new IllegalArgumentException("jvp: tangent " + i + " is " + v[i].dtype() + " " + v[i].shape()
            + " but input " + i + " is " + x[i].dtype() + " " + x[i].shape());
      }
      Tensor previous = state.tangents.put(x[i], v[i]);
      if (previous != null && previous != v[i]) {
        throw new IllegalArgumentException("jvp: input " + i + " is the same tensor as an earlier input but has another tangent");
      }
    }
    STATE.set(state);
    Tensor y;
    try (var hook = EngineHooks.install(state)) {
      y = f.apply(x);
    } finally {
      STATE.remove();
    }
    Tensor t = state.tangents.get(y);
    return new Jvp(y, t != null ? t : Tensor.zeros(y.dtype(), y.shape()));
  }

  /** {@link #jvp(java.util.function.Function, Tensor[], Tensor[])} for a function of one tensor. */
  public static Jvp jvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
    return jvp(in -> f.apply(in[0]), new Tensor[] {x}, new Tensor[] {v});
  }

  /** Whether operations applied now on this thread get tangents (a jvp runs, outside any op's forward). */
  public static boolean isActive() {
    State s = STATE.get();
    return s != null && s.suspended == 0;
  }

  /** Computes and stores the tangent of {@code out} = fn(inputs), after an outermost op application. */
  private static void propagate(State s, Function fn, Context ctx, Tensor[] inputs, Tensor out) {
    Tensor[] tangents = new Tensor[inputs.length];
    boolean any = false;
    for (int i = 0; i < inputs.length; i++) {
      tangents[i] = s.tangents.get(inputs[i]);
      any |= tangents[i] != null;
    }
    if (!any || !out.dtype().isFloatingPoint()) return;   // an integer result (a cast to I64) carries no tangent
    if (!(fn instanceof ForwardRule rule)) {
      throw new UnsupportedOperationException("jvp: " + fn.name() + " has no forward rule; implement "
          + ForwardRule.class.getName() + " on it to use forward mode");
    }
    Tensor t;
    s.suspended++;   // the rule's own tensor operations get no tangents
    try {
      t = rule.jvp(ctx, inputs, tangents, out);
    } finally {
      s.suspended--;
    }
    if (t == null) return;
    if (!t.shape().equals(out.shape()) || t.dtype() != out.dtype()) {
      throw new IllegalStateException(fn.name() + ": forward rule returned a tangent of " + t.dtype() + " "
          + t.shape() + " for an output of " + out.dtype() + " " + out.shape());
    }
    s.tangents.put(out, t);
  }

  /**
   * One jvp's tangents, and the engine hook that fills them: only outermost applications get a
   * tangent, not the tensor operations an op's forward or a tangent rule uses internally.
   */
  private static final class State implements EngineHook {
    final Map<Tensor, Tensor> tangents = new IdentityHashMap<>();
    /** How many forwards (or tangent rules) are running: tangents only at depth 0. */
    int suspended;

    @Override public void beforeForward(Function fn, Tensor[] inputs) {
      suspended++;
    }

    @Override public void afterForward(Function fn, Context ctx, Tensor[] inputs, Tensor out) {
      suspended--;
      if (out != null && suspended == 0) propagate(this, fn, ctx, inputs, out);
    }
  }
}
