package dev.chainrule.autograd.forward;

import static dev.chainrule.autograd.testing.TensorArbitraries.broadcastPairs;
import static dev.chainrule.autograd.testing.TensorArbitraries.operands;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapesWithEmpty;
import static dev.chainrule.autograd.testing.TensorArbitraries.tensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.check.GradCheck;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Dimensions of size 0 flow through broadcasting, reductions and backward like any other size (NumPy's rules). */
class EmptyTensorProperties {
  private static final Domain REALS = Domain.reals(-2, 2);

  @Provide Arbitrary<List<Tensor>> pairs() {
    return operands(broadcastPairs(shapesWithEmpty()), DType.F64, REALS);
  }

  @Provide Arbitrary<Tensor> tensorsWithEmpty() {
    return tensors(shapesWithEmpty(), DType.F64, REALS);
  }

  @Property(tries = 60) void broadcastingWithEmptyDimensions(@ForAll("pairs") List<Tensor> in) {
    Tensor a = in.get(0), b = in.get(1);
    assertArrayEquals(Reference.broadcast(a, b, Double::sum), a.add(b).toDoubleArray(), 0);
    assertArrayEquals(Reference.broadcast(a, b, (x, y) -> x * y), a.mul(b).toDoubleArray(), 0);
    GradCheck.of("mul", x -> x[0].mul(x[1])).check(a, b).assertPassed();
  }

  @Property(tries = 40) void reductionsOfEmptyTensors(@ForAll("tensorsWithEmpty") Tensor x) {
    Tensor leaf = x.detach().requiresGrad(true);
    Tensor s = leaf.sum();
    double expected = 0;
    for (double v : x.toDoubleArray()) expected += v;
    assertEquals(expected, s.item(), 1e-12);
    s.backward();
    assertEquals(x.shape(), leaf.grad().shape());
    GradCheck.of("sum(0)", t -> t[0].rank() == 0 ? t[0] : t[0].sum(new int[] {0}, true)).check(x).assertPassed();
  }
}
