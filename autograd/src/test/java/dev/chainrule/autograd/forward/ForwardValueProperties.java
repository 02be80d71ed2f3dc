package dev.chainrule.autograd.forward;

import static dev.chainrule.autograd.testing.TensorArbitraries.axes;
import static dev.chainrule.autograd.testing.TensorArbitraries.broadcastPairs;
import static dev.chainrule.autograd.testing.TensorArbitraries.matmulPairs;
import static dev.chainrule.autograd.testing.TensorArbitraries.operands;
import static dev.chainrule.autograd.testing.TensorArbitraries.permutations;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapes;
import static dev.chainrule.autograd.testing.TensorArbitraries.tensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Forward values against the obvious double loops, in float64. */
class ForwardValueProperties {
  private static final DType F64 = DType.F64;
  private static final Domain REALS = Domain.reals(-3, 3);

  record Case(Tensor x, int[] args) {
    @Override public String toString() { return x + " with " + Arrays.toString(args); }
  }

  @Provide Arbitrary<List<Tensor>> pairs() { return operands(broadcastPairs(), F64, REALS); }

  @Provide Arbitrary<List<Tensor>> products() { return operands(matmulPairs(), F64, REALS); }

  @Provide Arbitrary<Tensor> reals() { return tensors(shapes(), F64, REALS); }

  @Provide Arbitrary<Case> permutes() {
    return reals().flatMap(x -> permutations(x.rank()).map(p -> new Case(x, p)));
  }

  @Provide Arbitrary<Case> reductions() {
    return reals().flatMap(x -> axes(x.rank()).map(a -> new Case(x, a)));
  }

  /** Rows of one axis, with magnitudes where the naive formula still works. */
  @Provide Arbitrary<Case> rows() {
    return tensors(shapes(1, 3, 1, 4), F64, Domain.reals(-20, 20))
        .flatMap(x -> Arbitraries.integers().between(-x.rank(), x.rank() - 1).map(a -> new Case(x, new int[] {a})));
  }

  /** Rows with huge magnitudes: naive exp would overflow. */
  @Provide Arbitrary<Case> hugeRows() {
    return tensors(shapes(1, 3, 1, 4), F64, Domain.reals(-1000, 1000))
        .flatMap(x -> Arbitraries.integers().between(0, x.rank() - 1).map(a -> new Case(x, new int[] {a})));
  }

  @Property(tries = 60) void broadcastingArithmetic(@ForAll("pairs") List<Tensor> in) {
    Tensor a = in.get(0), b = in.get(1);
    assertArrayEquals(Reference.broadcast(a, b, Double::sum), a.add(b).toDoubleArray(), 0);
    assertArrayEquals(Reference.broadcast(a, b, (x, y) -> x - y), a.sub(b).toDoubleArray(), 0);
    assertArrayEquals(Reference.broadcast(a, b, (x, y) -> x * y), a.mul(b).toDoubleArray(), 0);
    assertArrayEquals(Reference.broadcast(a, b, Math::max), a.maximum(b).toDoubleArray(), 0);
    assertArrayEquals(Reference.broadcast(a, b, Math::min), a.minimum(b).toDoubleArray(), 0);
    int rank = Math.max(a.rank(), b.rank());
    int[] expected = new int[rank];
    for (int d = 1; d <= rank; d++) {
      int da = d <= a.rank() ? a.dim(-d) : 1, db = d <= b.rank() ? b.dim(-d) : 1;
      expected[rank - d] = Math.max(da, db);
    }
    assertArrayEquals(expected, a.add(b).dims());
  }

  @Property(tries = 60) void matmulIsTheTripleLoop(@ForAll("products") List<Tensor> in) {
    Tensor expected = Reference.matmul(in.get(0), in.get(1));
    Tensor actual = in.get(0).matmul(in.get(1));
    assertArrayEquals(expected.dims(), actual.dims(), () -> "shape " + actual.shape() + " for " + in);
    assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-12);
  }

  @Property(tries = 60) void permuteMovesEachElementToItsMappedIndex(@ForAll("permutes") Case c) {
    Tensor x = c.x(), y = x.permute(c.args());
    int[] order = c.args(), yd = y.dims(), xd = x.dims();
    for (int d = 0; d < order.length; d++) assertEquals(xd[order[d]], yd[d]);
    for (int j = 0; j < y.size(); j++) {
      int[] out = Reference.unravel(j, yd), in = new int[out.length];
      for (int d = 0; d < order.length; d++) in[order[d]] = out[d];
      assertEquals(x.getRaw(Reference.ravel(in, xd)), y.getRaw(j));
    }
  }

  @Property(tries = 60) void sumMeanAndMaxOverAxes(@ForAll("reductions") Case c) {
    Tensor x = c.x();
    int count = 1;
    for (int a : c.args()) count *= x.dim(a);
    double[] sum = Reference.reduce(x, c.args(), false);
    assertArrayEquals(sum, x.sum(c.args(), true).toDoubleArray(), 1e-12);
    int n = count;
    assertArrayEquals(Arrays.stream(sum).map(v -> v / n).toArray(), x.mean(c.args(), true).toDoubleArray(), 1e-12);
    assertArrayEquals(Reference.reduce(x, c.args(), true), x.max(c.args(), true).toDoubleArray(), 0);
    assertEquals(x.rank() - c.args().length, x.sum(c.args(), false).rank());
  }

  @Property(tries = 60) void softmaxRowsArePositiveAndSumToOne(@ForAll("hugeRows") Case c) {
    int axis = c.args()[0];
    Tensor p = c.x().softmax(axis);
    for (double v : p.toDoubleArray()) assertTrue(v >= 0 && v <= 1, () -> v + " in " + p);
    for (double s : p.sum(axis).toDoubleArray()) assertEquals(1.0, s, 1e-12);
    for (double v : c.x().logSoftmax(axis).toDoubleArray()) assertTrue(v <= 0 && Double.isFinite(v), () -> v + " in logSoftmax");
  }

  @Property(tries = 60) void logsumexpAndSoftmaxMatchTheNaiveFormulas(@ForAll("rows") Case c) {
    Tensor x = c.x();
    int axis = c.args()[0] < 0 ? c.args()[0] + x.rank() : c.args()[0];
    double[] sums = Reference.reduce(x.exp(), new int[] {axis}, false);
    double[] naive = Arrays.stream(sums).map(Math::log).toArray();
    assertArrayEquals(naive, x.logsumexp(axis, true).toDoubleArray(), 1e-12);
    Tensor keptSums = Tensor.of(sums, x.shape().with(axis, 1).dims());
    assertArrayEquals(Reference.broadcast(x.exp(), keptSums, (e, s) -> e / s), x.softmax(axis).toDoubleArray(), 1e-12);
  }

  @Property(tries = 40) void elementwiseFunctionsAreMath(@ForAll("reals") Tensor x) {
    double[] v = x.toDoubleArray();
    assertWithinUlps(Arrays.stream(v).map(Math::exp).toArray(), x.exp().toDoubleArray());
    assertWithinUlps(Arrays.stream(v).map(Math::tanh).toArray(), x.tanh().toDoubleArray());
    assertArrayEquals(Arrays.stream(v).map(a -> 1 / (1 + Math.exp(-a))).toArray(), x.sigmoid().toDoubleArray(), 1e-15);
    assertArrayEquals(Arrays.stream(v).map(a -> Math.max(a, 0)).toArray(), x.relu().toDoubleArray(), 0);
    assertArrayEquals(Arrays.stream(v).map(a -> a > 0 ? 1 : 0).toArray(), x.step().toDoubleArray(), 0);
    assertArrayEquals(Arrays.stream(v).map(Math::abs).toArray(), x.abs().toDoubleArray(), 0);
    assertArrayEquals(Arrays.stream(v).map(a -> Math.min(Math.max(a, -1), 0.5)).toArray(), x.clamp(-1, 0.5).toDoubleArray(), 0);
    assertWithinUlps(Arrays.stream(v).map(a -> Math.log(Math.abs(a) + 1)).toArray(), x.abs().add(1).log().toDoubleArray());
    assertArrayEquals(Arrays.stream(v).map(a -> Math.sqrt(Math.abs(a))).toArray(), x.abs().sqrt().toDoubleArray(), 0);
    assertArrayEquals(Arrays.stream(v).map(a -> 2 - a).toArray(), x.rsub(2).toDoubleArray(), 0);
    assertArrayEquals(Arrays.stream(v).map(a -> a * a * a).toArray(), x.pow(3).toDoubleArray(), 1e-12);
  }

  /** The permutation's first entry serves as a random axis. */
  @Property(tries = 40) void sliceConcatAndIndexSelectFollowIndices(@ForAll("permutes") Case c) {
    Tensor x = c.x();
    if (x.rank() == 0) return;
    int axis = c.args()[0], d = x.dim(axis), cut = d / 2;
    Tensor joined = Tensor.concat(axis, x.slice(axis, 0, cut), x.slice(axis, cut, d));
    assertArrayEquals(x.toDoubleArray(), joined.toDoubleArray(), 0);
    int[] rows = {x.dim(0) - 1, 0, x.dim(0) - 1};
    Tensor g = x.indexSelect(rows);
    for (int j = 0; j < g.size(); j++) {
      int[] idx = Reference.unravel(j, g.dims());
      idx[0] = rows[idx[0]];
      assertEquals(x.getRaw(Reference.ravel(idx, x.dims())), g.getRaw(j));
    }
  }

  /** expand and where agree with reading through broadcast indices. */
  @Property(tries = 40) void expandAndWhere(@ForAll("pairs") List<Tensor> in) {
    Tensor a = in.get(0), b = in.get(1);
    Tensor target = Tensor.zeros(F64, a.add(b).shape());
    assertArrayEquals(Reference.broadcast(a, target, (x, z) -> x), a.expand(target.shape()).toDoubleArray(), 0);
    Tensor cond = a.step();
    assertArrayEquals(Reference.broadcast(a, b, (x, y) -> x > 0 ? x : y), Tensor.where(cond, a, b).toDoubleArray(), 0);
  }

  /** SIMD transcendentals promise Math's accuracy (1 ulp each side), not Math's exact bits: allow 4 ulps. */
  private static void assertWithinUlps(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      double tolerance = 4 * Math.ulp(expected[i]);
      assertEquals(expected[i], actual[i], tolerance, "index " + i);
    }
  }
}
