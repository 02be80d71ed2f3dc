package dev.chainrule.autograd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.testing.TensorArbitraries.ShapePair;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** The generators produce what they promise, so properties built on them test what they claim. */
class TensorArbitrariesProperties {
  static final Domain KINKED = Domain.reals(-1, 1).avoiding(0.0, 0.5);

  @Provide Arbitrary<ShapePair> broadcastPairs() { return TensorArbitraries.broadcastPairs(); }

  @Provide Arbitrary<ShapePair> matmulPairs() { return TensorArbitraries.matmulPairs(); }

  @Provide Arbitrary<Tensor> kinked() { return TensorArbitraries.tensors(TensorArbitraries.shapes(), DType.F64, KINKED); }

  @Provide Arbitrary<Tensor> distinct() {
    return TensorArbitraries.shapes().flatMap(s -> TensorArbitraries.distinctTensors(s, DType.F32, -1, 1));
  }

  @Provide Arbitrary<Shape> shapes() { return TensorArbitraries.shapesWithEmpty(); }

  @Property(tries = 100) void shapesAreSmall(@ForAll("shapes") Shape s) {
    assertTrue(s.rank() <= 4 && Arrays.stream(s.dims()).allMatch(d -> d >= 0 && d <= 3), s::toString);
  }

  @Property(tries = 100) void broadcastPairsBroadcast(@ForAll("broadcastPairs") ShapePair p) {
    Shape out = p.broadcast();
    assertTrue(p.left().broadcastsTo(out) && p.right().broadcastsTo(out), p::toString);
  }

  @Property(tries = 100) void matmulPairsMultiply(@ForAll("matmulPairs") ShapePair p) {
    Tensor c = Tensor.zeros(DType.F64, p.left()).matmul(Tensor.zeros(DType.F64, p.right()));
    assertTrue(c.rank() >= 0, p::toString);
  }

  @Property(tries = 100) void valuesStayInTheirDomain(@ForAll("kinked") Tensor t) {
    for (double v : t.toDoubleArray()) assertTrue(KINKED.contains(v), () -> v + " not in " + KINKED);
  }

  @Property(tries = 100) void admitMapsEverythingInside(@ForAll @DoubleRange(min = -5, max = 5) double v) {
    double a = KINKED.admit(v);
    assertTrue(KINKED.contains(a), () -> v + " -> " + a);
    if (KINKED.contains(v)) assertEquals(v, a);
  }

  @Property(tries = 50) void distinctTensorsHaveNoTies(@ForAll("distinct") Tensor t) {
    Set<Double> seen = new HashSet<>();
    for (double v : t.toDoubleArray()) assertTrue(seen.add(v), t::toString);
    assertEquals(DType.F32, t.dtype());
  }
}
