package dev.chainrule.autograd;

import dev.chainrule.autograd.forward.ForwardMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Whole derivatives built from the two products the engine computes: vector-Jacobian (reverse
 * mode, {@link Autograd#grad}) and Jacobian-vector ({@link ForwardMode#jvp}).
 *
 * <pre>{@code
 * Tensor[] jac = Derivatives.jacobian(in -> in[0].matmul(in[1]).tanh(), a, b);  // [n, m, n, k], [n, m, k, m]
 * Tensor h = Derivatives.hessian(x -> x.pow(3.0).sum(), x);                      // [n, n]
 * Tensor hv = Derivatives.hvp(x -> x.pow(3.0).sum(), x, v);                      // H·v without forming H
 * }</pre>
 *
 * <p>Arguments are never modified and their {@code .grad()} is not touched: every function works
 * on detached leaves sharing their values. Results are constants (no graph).
 */
public final class Derivatives {
  private Derivatives() {}

  /** The output f(x) and the gradients Jᵀ·u for each input. */
  public record Vjp(Tensor output, Tensor[] grads) {}

  /** f(x) and Jᵀ·u: the gradient of Σ u·f(x) with respect to each input (one backward pass). */
  public static Vjp vjp(java.util.function.Function<Tensor[], Tensor> f, Tensor[] x, Tensor u) {
    Tensor[] leaves = leaves(x);
    Tensor y = f.apply(leaves);
    return new Vjp(y.detach(), gradients(y, u, leaves, false));
  }

  /**
   * The Jacobian of f with respect to each input, by reverse mode (one backward per output
   * element): entry i has shape {@code f(x).shape ++ x[i].shape}.
   */
  public static Tensor[] jacobian(java.util.function.Function<Tensor[], Tensor> f, Tensor... x) {
    Tensor[] leaves = leaves(x);
    Tensor y = f.apply(leaves);
    double[][] jac = new double[x.length][];
    for (int i = 0; i < x.length; i++) jac[i] = new double[y.size() * x[i].size()];
    for (int o = 0; o < y.size(); o++) {
      Tensor[] row = gradients(y, basis(y, o), leaves, false);
      for (int i = 0; i < x.length; i++) {
        double[] g = row[i].toDoubleArray();
        System.arraycopy(g, 0, jac[i], o * g.length, g.length);
      }
    }
    return assemble(jac, y, x);
  }

  /** The same Jacobians by forward mode (one JVP per input element): cheaper when inputs are few. */
  public static Tensor[] jacobianForward(java.util.function.Function<Tensor[], Tensor> f, Tensor... x) {
    double[][] jac = new double[x.length][];
    Tensor y = null;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].size(); j++) {
        Tensor[] v = new Tensor[x.length];
        v[i] = basis(x[i], j);
        ForwardMode.Jvp r = ForwardMode.jvp(f, leaves(x), v);
        y = r.output();
        if (jac[i] == null) jac[i] = new double[y.size() * x[i].size()];
        double[] col = r.tangent().toDoubleArray();
        for (int o = 0; o < col.length; o++) jac[i][o * x[i].size() + j] = col[o];
      }
    }
    if (y == null) y = f.apply(leaves(x));
    for (int i = 0; i < x.length; i++) if (jac[i] == null) jac[i] = new double[0];
    return assemble(jac, y, x);
  }

  /** The Hessian of a scalar function of one tensor, shape {@code x.shape ++ x.shape} (reverse over reverse). */
  public static Tensor hessian(UnaryOperator<Tensor> f, Tensor x) {
    return jacobian(in -> {
      Tensor y = scalar("hessian", f.apply(in[0]));
      return y.requiresGrad() ? Autograd.grad(y, true, in[0])[0] : Tensor.zeros(in[0].dtype(), in[0].shape());
    }, x)[0];
  }

  /**
   * Hessian-vector products of a scalar function of several tensors: block i of H·v, where H is
   * the Hessian with respect to all inputs jointly, as ∂/∂xᵢ ⟨∇f(x), v⟩ (reverse over reverse).
   */
  public static Tensor[] hvp(java.util.function.Function<Tensor[], Tensor> f, Tensor[] x, Tensor[] v) {
    Tensor[] leaves = leaves(x);
    Tensor y = scalar("hvp", f.apply(leaves));
    if (!y.requiresGrad()) return zerosLike(x);
    Tensor[] g = Autograd.grad(List.of(y), null, List.of(leaves), true, true);
    Tensor dot = null;
    for (int i = 0; i < g.length; i++) {
      Tensor term = g[i].mul(v[i].detach()).sum();
      dot = dot == null ? term : dot.add(term);
    }
    return dot.requiresGrad() ? gradients(dot, null, leaves, false) : zerosLike(x);
  }

  /** {@link #hvp(java.util.function.Function, Tensor[], Tensor[])} for a function of one tensor. */
  public static Tensor hvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
    return hvp(in -> f.apply(in[0]), new Tensor[] {x}, new Tensor[] {v})[0];
  }

  /**
   * H·v by forward over reverse: the JVP, along v, of the gradient function. Same result as
   * {@link #hvp(java.util.function.Function, Tensor[], Tensor[])} by an independent route.
   */
  public static Tensor[] hvpForward(java.util.function.Function<Tensor[], Tensor> f, Tensor[] x, Tensor[] v) {
    ForwardMode.Jvp r = ForwardMode.jvp(in -> {
      Tensor y = scalar("hvpForward", f.apply(in));
      Tensor[] g = y.requiresGrad() ? Autograd.grad(y, in) : zerosLike(in);
      Tensor[] flat = new Tensor[g.length];
      for (int i = 0; i < g.length; i++) flat[i] = g[i].reshape(-1);
      return Tensor.concat(0, flat);
    }, leaves(x), v);
    double[] t = r.tangent().toDoubleArray();
    Tensor[] out = new Tensor[x.length];
    int offset = 0;
    for (int i = 0; i < x.length; i++) {
      double[] part = new double[x[i].size()];
      System.arraycopy(t, offset, part, 0, part.length);
      offset += part.length;
      out[i] = Tensor.of(part, x[i].dims()).to(x[i].dtype());
    }
    return out;
  }

  private static Tensor scalar(String op, Tensor y) {
    if (y.size() != 1) {
      throw new IllegalArgumentException(op + ": f must return one value, got shape " + y.shape());
    }
    return y;
  }

  /** Detached leaves that require grad: the caller's tensors stay untouched. */
  private static Tensor[] leaves(Tensor[] x) {
    Tensor[] out = new Tensor[x.length];
    for (int i = 0; i < x.length; i++) out[i] = x[i].detach().requiresGrad(true);
    return out;
  }

  private static Tensor[] gradients(Tensor y, Tensor u, Tensor[] leaves, boolean createGraph) {
    if (!y.requiresGrad()) return zerosLike(leaves);
    Tensor[] g = Autograd.grad(List.of(y), u == null ? null : List.of(u), List.of(leaves), true, createGraph);
    for (int i = 0; i < g.length; i++) g[i] = g[i].detach();
    return g;
  }

  private static Tensor basis(Tensor like, int j) {
    double[] d = new double[like.size()];
    d[j] = 1.0;
    return Tensor.of(d, like.dims()).to(like.dtype());
  }

  private static Tensor[] assemble(double[][] jac, Tensor y, Tensor[] x) {
    Tensor[] out = new Tensor[x.length];
    for (int i = 0; i < x.length; i++) {
      List<Integer> dims = new ArrayList<>();
      for (int d : y.dims()) dims.add(d);
      for (int d : x[i].dims()) dims.add(d);
      out[i] = Tensor.of(jac[i], dims.stream().mapToInt(Integer::intValue).toArray()).to(y.dtype());
    }
    return out;
  }

  private static Tensor[] zerosLike(Tensor[] x) {
    Tensor[] z = new Tensor[x.length];
    for (int i = 0; i < x.length; i++) z[i] = Tensor.zeros(x[i].dtype(), x[i].shape());
    return z;
  }
}
