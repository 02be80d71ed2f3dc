package dev.chainrule.autograd.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Samples;
import dev.chainrule.autograd.ops.Primitive;
import dev.chainrule.autograd.testing.PrimitiveExamples;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ForwardModeTest {

  @TestFactory
  Stream<DynamicTest> jvpMatchesFiniteDifferencesAndTheVjpForEveryPrimitive() {
    return PrimitiveExamples.primitives().stream().map(p -> DynamicTest.dynamicTest(p.getSimpleName(), () -> {
      Primitive.Example example = PrimitiveExamples.of(p);
      String name = p.getSimpleName();
      java.util.function.Function<Tensor[], Tensor> f = PrimitiveExamples.function(example);
      SplittableRandom r = new SplittableRandom(name.hashCode());
      Tensor[] x = example.sample(r);
      Tensor[] v = new Tensor[x.length];
      for (int i = 0; i < x.length; i++) {
        if (!example.fixed().containsKey(i)) v[i] = Samples.uniform(r, -1, 1, x[i].dims());
      }
      ForwardMode.Jvp jvp = ForwardMode.jvp(f, x, v);
      assertArrayEquals(f.apply(x).toDoubleArray(), jvp.output().toDoubleArray(), 0.0, "jvp output is f(x)");

      double h = 1e-6;
      double[] plus = f.apply(moved(x, v, h)).toDoubleArray();
      double[] minus = f.apply(moved(x, v, -h)).toDoubleArray();
      double[] tangent = jvp.tangent().toDoubleArray();
      for (int j = 0; j < tangent.length; j++) {
        double numeric = (plus[j] - minus[j]) / (2 * h);
        assertEquals(numeric, tangent[j], 1e-6 + 1e-6 * Math.abs(numeric), name + ": tangent entry " + j);
      }

      Tensor u = Samples.uniform(r, -1, 1, jvp.output().dims());
      Tensor[] leaves = new Tensor[x.length];
      List<Tensor> wrt = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        leaves[i] = x[i].detach().requiresGrad(v[i] != null);
        if (v[i] != null) wrt.add(leaves[i]);
      }
      Tensor[] g = Autograd.grad(List.of(f.apply(leaves)), List.of(u), wrt, false, false);
      double reverse = 0, forward = dot(u.toDoubleArray(), tangent);
      for (int i = 0, k = 0; i < x.length; i++) if (v[i] != null) reverse += dot(g[k++].toDoubleArray(), v[i].toDoubleArray());
      assertEquals(reverse, forward, 1e-12 * (1 + Math.abs(reverse)), name + ": <u, Jv> vs <J^T u, v>");
    }));
  }

  @Test
  void compositesDifferentiateThroughEveryOp() {
    SplittableRandom r = new SplittableRandom(3);
    Tensor x = Samples.uniform(r, -1, 1, 4, 5), w = Samples.uniform(r, -1, 1, 3, 5);
    Tensor vx = Samples.uniform(r, -1, 1, 4, 5), vw = Samples.uniform(r, -1, 1, 3, 5);
    java.util.function.Function<Tensor[], Tensor> f = in -> in[0].linear(in[1], null).softmax(1).mul(in[0].sum(1).reshape(4, 1));
    Tensor t = ForwardMode.jvp(f, new Tensor[] {x, w}, new Tensor[] {vx, vw}).tangent();
    double h = 1e-6;
    double[] plus = f.apply(new Tensor[] {add(x, vx, h), add(w, vw, h)}).toDoubleArray();
    double[] minus = f.apply(new Tensor[] {add(x, vx, -h), add(w, vw, -h)}).toDoubleArray();
    for (int j = 0; j < plus.length; j++) assertEquals((plus[j] - minus[j]) / (2 * h), t.toDoubleArray()[j], 1e-7);
  }

  @Test
  void aNullTangentHoldsThatInputConstant() {
    Tensor a = Tensor.of(new double[] {1, 2}, 2), b = Tensor.of(new double[] {3, 5}, 2);
    Tensor t = ForwardMode.jvp(in -> in[0].mul(in[1]), new Tensor[] {a, b},
        new Tensor[] {null, Tensor.of(new double[] {1, 1}, 2)}).tangent();
    assertArrayEquals(new double[] {1, 2}, t.toDoubleArray(), 0.0);
    Tensor constant = ForwardMode.jvp(x -> Tensor.ones(DType.F64, 2).mul(3.0), a, b).tangent();
    assertArrayEquals(new double[] {0, 0}, constant.toDoubleArray(), 0.0, "output independent of x");
    Tensor detached = ForwardMode.jvp(x -> x.detach().exp(), a, b).tangent();
    assertArrayEquals(new double[] {0, 0}, detached.toDoubleArray(), 0.0, "detach stops tangents");
  }

  /** y = x³ with a forward rule; its forward calls tensor ops internally, which forward mode must not see. */
  static final class Cube implements Function, ForwardRule {
    @Override public Tensor forward(Context ctx, Tensor... in) {
      ctx.save(in[0]);
      return in[0].mul(in[0]).mul(in[0]);
    }

    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      return new Tensor[] {dy.mul(ctx.saved(0).square().mul(3.0))};
    }

    @Override public Tensor jvp(Context ctx, Tensor[] in, Tensor[] t, Tensor y) {
      return t[0].mul(in[0].square().mul(3.0));                     // ẏ = 3x²·ẋ
    }
  }

  static final class NoRule implements Function {
    @Override public Tensor forward(Context ctx, Tensor... in) { return in[0].exp(); }

    @Override public Tensor[] backward(Context ctx, Tensor dy) { return new Tensor[] {dy}; }
  }

  @Test
  void userFunctionsBringTheirOwnRule() {
    Tensor x = Tensor.of(new double[] {1, -2, 0.5}, 3), v = Tensor.of(new double[] {1, 0.5, -1}, 3);
    Tensor t = ForwardMode.jvp(in -> Tensor.apply(new Cube(), in).add(in), x, v).tangent();
    assertArrayEquals(new double[] {3 * 1 + 1, 12 * 0.5 + 0.5, 0.75 * -1 - 1}, t.toDoubleArray(), 1e-15);
  }

  @Test
  void anOpWithoutARuleIsNamed() {
    Tensor x = Tensor.of(new double[] {1, 2}, 2);
    var e = assertThrows(UnsupportedOperationException.class,
        () -> ForwardMode.jvp(in -> Tensor.apply(new NoRule(), in), x, x));
    assertTrue(e.getMessage().contains("NoRule") && e.getMessage().contains("ForwardRule"), e.getMessage());
    assertTrue(!ForwardMode.isActive(), "forward mode is off again after the failure");
  }

  @Test
  void misuseIsReported() {
    Tensor x = Tensor.of(new double[] {1, 2}, 2);
    var shape = assertThrows(IllegalArgumentException.class, () -> ForwardMode.jvp(in -> in.exp(), x, Tensor.zeros(DType.F64, 3)));
    assertTrue(shape.getMessage().contains("[3]") && shape.getMessage().contains("[2]"), shape.getMessage());
    var nested = assertThrows(IllegalStateException.class,
        () -> ForwardMode.jvp(in -> ForwardMode.jvp(y -> y.exp(), in, in).tangent(), x, x));
    assertTrue(nested.getMessage().contains("nested"), nested.getMessage());
  }

  @Test
  void tangentsCanBeDifferentiatedInReverseMode() {
    // J·v of x³ is 3x²·v; its gradient w.r.t. x (weighted by u) is 6x·u·v.
    Tensor x = Tensor.of(new double[] {1, -2, 0.5}, 3).requiresGrad(true);
    Tensor v = Tensor.of(new double[] {1, 0.5, -1}, 3), u = Tensor.of(new double[] {2, 1, 3}, 3);
    Tensor t = ForwardMode.jvp(in -> in.pow(3.0), x, v).tangent();
    Tensor g = Autograd.grad(t.mul(u).sum(), x)[0];
    assertArrayEquals(new double[] {6 * 1 * 2 * 1, 6 * -2 * 1 * 0.5, 6 * 0.5 * 3 * -1}, g.toDoubleArray(), 1e-12);
  }

  private static Tensor[] moved(Tensor[] x, Tensor[] v, double h) {
    Tensor[] out = new Tensor[x.length];
    for (int i = 0; i < x.length; i++) out[i] = v[i] == null ? x[i] : add(x[i], v[i], h);
    return out;
  }

  private static Tensor add(Tensor x, Tensor v, double h) {
    double[] a = x.toDoubleArray(), b = v.toDoubleArray();
    for (int j = 0; j < a.length; j++) a[j] += h * b[j];
    return Tensor.of(a, x.dims());
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) s += a[j] * b[j];
    return s;
  }
}
