package dev.chainrule.autograd.gradients;

import static dev.chainrule.autograd.gradients.Checks.REALS;
import static dev.chainrule.autograd.gradients.Checks.gradientsAndGradGrad;
import static dev.chainrule.autograd.testing.TensorArbitraries.matmulPairs;
import static dev.chainrule.autograd.testing.TensorArbitraries.operands;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapes;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.ops.MatMul;
import dev.chainrule.autograd.testing.TensorArbitraries.ShapePair;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Gradients of matmul in every form the API accepts, and of the transposed products its backward uses. */
class MatMulGradientProperties {
  private static final DType F64 = DType.F64;

  @Provide Arbitrary<List<Tensor>> products() { return operands(matmulPairs(), F64, REALS); }

  /** 2-D, batched, broadcast batch, 1-D on either side: first and second order. */
  @Property(tries = 60) void matmul(@ForAll("products") List<Tensor> in) {
    gradientsAndGradGrad("matmul", x -> x[0].matmul(x[1]), in);
  }

  /** Operands of the primitive with transpose flags: op(A) is [b.., n, k], op(B) is [b.., k, m]. */
  record Flags(boolean transA, boolean transB, List<Tensor> operands) {}

  @Provide Arbitrary<Flags> transposed() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 3);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    return Combinators.combine(shapes(0, 1, 1, 2), dim, dim, dim, flag, flag).flatAs((batch, n, k, m, ta, tb) -> {
      Shape a = with(batch, ta ? k : n, ta ? n : k), b = with(batch, tb ? m : k, tb ? k : m);
      return operands(new ShapePair(a, b), F64, REALS, REALS).map(ops -> new Flags(ta, tb, ops));
    });
  }

  private static Shape with(Shape batch, int rows, int cols) {
    return batch.rank() == 0 ? Shape.of(rows, cols) : Shape.of(batch.dim(0), rows, cols);
  }

  @Property(tries = 40) void transposedPrimitive(@ForAll("transposed") Flags f) {
    gradientsAndGradGrad("MatMul(" + f.transA() + ", " + f.transB() + ")",
        x -> Tensor.apply(new MatMul(f.transA(), f.transB()), x), f.operands());
  }

  /** x [n, in], W [out, in], b [out] with random sizes, for linear (the fused Linear primitive). */
  @Provide Arbitrary<List<Tensor>> dense() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 4);
    return Combinators.combine(dim, dim, dim).flatAs((n, in, out) ->
        Combinators.combine(
            dev.chainrule.autograd.testing.TensorArbitraries.tensors(Shape.of(n, in), F64, REALS),
            dev.chainrule.autograd.testing.TensorArbitraries.tensors(Shape.of(out, in), F64, REALS),
            dev.chainrule.autograd.testing.TensorArbitraries.tensors(Shape.of(out), F64, REALS)).as(List::of));
  }

  /** linear = x·Wᵀ + b through the fused primitive, with and without a bias: first and second order. */
  @Property(tries = 40) void linear(@ForAll("dense") List<Tensor> in) {
    gradientsAndGradGrad("linear", x -> x[0].linear(x[1], x[2]), in);
    gradientsAndGradGrad("linear without bias", x -> x[0].linear(x[1], null), in.subList(0, 2));
  }
}
