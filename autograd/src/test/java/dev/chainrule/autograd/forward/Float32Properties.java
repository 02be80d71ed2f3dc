package dev.chainrule.autograd.forward;

import static dev.chainrule.autograd.testing.TensorArbitraries.broadcastPairs;
import static dev.chainrule.autograd.testing.TensorArbitraries.matmulPairs;
import static dev.chainrule.autograd.testing.TensorArbitraries.operands;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapes;
import static dev.chainrule.autograd.testing.TensorArbitraries.tensors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * float32 agrees with float64 within float32's precision: the same (float32-representable) inputs
 * through each operation, forward and backward. Catches a kernel that is right in one dtype only.
 */
class Float32Properties {
  private static final Domain REALS = Domain.reals(-3, 3);
  private static final double ATOL = 1e-4, RTOL = 1e-4;

  /** Inputs already rounded to float32, kept as float64 so both runs start from the same values. */
  @Provide Arbitrary<List<Tensor>> pairs() {
    return operands(broadcastPairs(), DType.F32, REALS).map(Float32Properties::widen);
  }

  @Provide Arbitrary<List<Tensor>> products() {
    return operands(matmulPairs(), DType.F32, REALS).map(Float32Properties::widen);
  }

  @Provide Arbitrary<Tensor> reals() {
    return tensors(shapes(1, 4, 1, 3), DType.F32, REALS).map(t -> t.to(DType.F64));
  }

  private static List<Tensor> widen(List<Tensor> ts) {
    return ts.stream().map(t -> t.to(DType.F64)).toList();
  }

  /** Runs {@code f} in both dtypes and compares the results element by element. */
  private static void agree(String op, Function<Tensor[], Tensor> f, List<Tensor> in64) {
    Tensor[] x64 = in64.toArray(Tensor[]::new);
    Tensor[] x32 = in64.stream().map(t -> t.to(DType.F32)).toArray(Tensor[]::new);
    Tensor y64 = f.apply(x64), y32 = f.apply(x32);
    assertEquals(DType.F32, y32.dtype(), op + " changed the dtype");
    close(op, y64, y32);
  }

  private static void close(String what, Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape(), what);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getRaw(i), a = actual.getRaw(i);
      if (!(Math.abs(e - a) <= ATOL + RTOL * Math.abs(e))) {
        throw new AssertionError(what + ": float32 " + a + " vs float64 " + e + " at " + i + " of " + expected.shape());
      }
    }
  }

  @Property(tries = 40) void binaryOperations(@ForAll("pairs") List<Tensor> in) {
    agree("add", x -> x[0].add(x[1]), in);
    agree("sub", x -> x[0].sub(x[1]), in);
    agree("mul", x -> x[0].mul(x[1]), in);
    agree("div", x -> x[0].div(x[1].abs().add(0.5)), in);
    agree("pow", x -> x[0].abs().add(0.5).pow(x[1].mul(0.5)), in);
    agree("maximum", x -> x[0].maximum(x[1]), in);
    agree("where", x -> Tensor.where(x[0].step(), x[0], x[1]), in);
  }

  @Property(tries = 40) void unaryOperations(@ForAll("reals") Tensor x) {
    List<Tensor> in = List.of(x);
    agree("exp", t -> t[0].exp(), in);
    agree("log", t -> t[0].abs().add(0.5).log(), in);
    agree("sqrt", t -> t[0].abs().sqrt(), in);
    agree("sigmoid", t -> t[0].sigmoid(), in);
    agree("tanh", t -> t[0].tanh(), in);
    agree("relu", t -> t[0].relu(), in);
    agree("clamp", t -> t[0].clamp(-1, 1), in);
    agree("pow(2.5)", t -> t[0].abs().pow(2.5), in);
    agree("rdiv", t -> t[0].abs().add(1).rdiv(3), in);
  }

  @Property(tries = 40) void reductionsAndSoftmax(@ForAll("reals") Tensor x) {
    List<Tensor> in = List.of(x);
    agree("sum", t -> t[0].sum(), in);
    agree("sum(0)", t -> t[0].sum(new int[] {0}, true), in);
    agree("mean(-1)", t -> t[0].mean(-1), in);
    agree("max(-1)", t -> t[0].max(-1), in);
    agree("logsumexp", t -> t[0].logsumexp(-1, false), in);
    agree("softmax", t -> t[0].softmax(0), in);
    agree("logSoftmax", t -> t[0].logSoftmax(-1), in);
    agree("permute", t -> t[0].transpose(0, -1), in);
  }

  @Property(tries = 40) void matmul(@ForAll("products") List<Tensor> in) {
    agree("matmul", x -> x[0].matmul(x[1]), in);
  }

  /** Gradients of a small network-like function agree too. */
  @Property(tries = 40) void gradients(@ForAll("products") List<Tensor> in) {
    Function<Tensor[], Tensor> f = x -> x[0].matmul(x[1]).tanh().mul(x[0].sum().sigmoid()).sum();
    Tensor[] g64 = gradientsOf(f, in, DType.F64), g32 = gradientsOf(f, in, DType.F32);
    for (int i = 0; i < g64.length; i++) {
      assertEquals(DType.F32, g32[i].dtype());
      close("gradient of input " + i, g64[i], g32[i]);
    }
  }

  private static Tensor[] gradientsOf(Function<Tensor[], Tensor> f, List<Tensor> in, DType dtype) {
    Tensor[] x = in.stream().map(t -> t.to(dtype).detach().requiresGrad(true)).toArray(Tensor[]::new);
    return Autograd.grad(f.apply(x), x);
  }
}
