package dev.chainrule.autograd.check;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.ops.Primitive;
import dev.chainrule.autograd.testing.PrimitiveExamples;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in primitive passes the nine-item contract on its own example (found through the
 * sealed interface, no list to keep), and so does every composite operation on {@link Tensor}.
 */
class BuiltinContractTest {
  private static final SplittableRandom R = new SplittableRandom(17);

  private static Tensor u(int... dims) { return Samples.uniform(R, -1, 1, dims); }

  private static Tensor positive(int... dims) { return Samples.uniform(R, 0.5, 2, dims); }

  @TestFactory
  Stream<DynamicTest> everyPrimitivePassesTheContract() {
    return PrimitiveExamples.primitives().stream().map(p -> DynamicTest.dynamicTest(p.getSimpleName(), () -> {
      Primitive.Example example = PrimitiveExamples.of(p);
      PrimitiveExamples.contract(example, example.sample(new SplittableRandom(17))).check().assertPassed();
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCompositeTensorOperationPassesTheContract() {
    Tensor target = Tensor.oneHot(DType.F64, new int[] {1, 0, 3}, 4);
    List<LayerContract> composites = List.of(
        LayerContract.of("add broadcast", in -> in[0].add(in[1])).inputs(u(3, 4)).params(u(4)).batchAxis(0),
        LayerContract.of("sub, mul, div broadcast", in -> in[0].sub(in[1]).mul(in[1]).div(in[2]))
            .inputs(u(3, 4)).params(u(3, 1).reshape(3, 1), positive(4)),
        LayerContract.of("pow, maximum, minimum broadcast", in -> in[0].pow(in[1]).maximum(in[2]).minimum(in[2].add(0.5)))
            .inputs(positive(3, 4)).params(u(4), Samples.uniform(R, 3, 4, 1)),
        LayerContract.of("scalar ops", in -> in[0].add(1.0).sub(0.25).rsub(4.0).mul(3.0).div(4.0).rdiv(5.0).square())
            .inputs(positive(3, 4)).batchAxis(0),
        LayerContract.of("where broadcast", in -> Tensor.where(in[0], in[1], in[2]))
            .inputs(Samples.mask(R, 3, 4), u(3, 4)).params(u(4)).constant(0).batchAxis(0),
        LayerContract.of("mean, sum, max over axes", in -> in[0].mean(new int[] {1}, true).add(in[0].sum(new int[] {2}, true).sum(new int[] {1}, true))
            .add(in[0].max(new int[] {1, 2}, true))).inputs(Samples.distinct(R, 2, 3, 4)).batchAxis(0),
        LayerContract.of("mean and max of everything", in -> in[0].mean().mul(in[0].max())).inputs(Samples.distinct(R, 3, 4)),
        LayerContract.of("softmax, logSoftmax, logsumexp", in -> in[0].softmax(1).add(in[0].logSoftmax(1)).sum(1).add(in[0].logsumexp(1, false)))
            .inputs(u(3, 4)).batchAxis(0),
        LayerContract.of("shape ops", in -> in[0].transpose(0, 1).t().flatten().reshape(3, 2, 2).permute(2, 0, 1)
            .slice(1, 1, 3).expand(2, 2, 2).indexSelect(new int[] {1, 1, 0}))
            .inputs(u(3, 4)),
        LayerContract.of("concat", in -> Tensor.concat(1, in[0], in[1], in[0])).inputs(u(3, 2), u(3, 1)).batchAxis(0),
        LayerContract.of("matmul 1-D, 2-D, batched, broadcast", in -> in[0].matmul(in[2]).matmul(in[1]).sum(1).matmul(in[3]))
            .inputs(u(2, 3, 4), u(2, 5, 2)).params(u(4, 5), u(2)).batchAxis(0),
        LayerContract.of("linear with bias on rank 3", (in, p) -> in[0].linear(p[0], p[1]).sigmoid())
            .inputs(u(2, 3, 4)).params(u(5, 4), u(5)).batchAxis(0),
        LayerContract.of("elementwise chain", in -> in[0].exp().log().sqrt().tanh().abs().clamp(0.05, 0.7).relu().neg().sigmoid())
            .inputs(positive(3, 4)).batchAxis(0),
        LayerContract.of("softmax cross-entropy (summed)", in -> in[1].mul(in[0].logSoftmax(1)).sum().neg())
            .inputs(u(3, 4), target).constant(1).batchAxis(0));
    return composites.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> c.check().assertPassed()));
  }
}
