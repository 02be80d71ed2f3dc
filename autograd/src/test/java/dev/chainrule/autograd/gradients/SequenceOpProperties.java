package dev.chainrule.autograd.gradients;

import static dev.chainrule.autograd.gradients.Checks.REALS;
import static dev.chainrule.autograd.gradients.Checks.gradientsAndGradGrad;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapes;
import static dev.chainrule.autograd.testing.TensorArbitraries.tensors;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Gradients (first and second order) of gather, scatterAdd, embedding, maskedFill and layerNorm on random shapes. */
class SequenceOpProperties {
  private static final DType F64 = DType.F64;

  /** A tensor, an axis (possibly negative) and a seed for the index. */
  record Case(Tensor x, int axis, long seed) {}

  @Provide Arbitrary<Case> cases() {
    return tensors(shapes(1, 3, 1, 4), F64, REALS).flatMap(x -> Combinators.combine(
        Arbitraries.integers().between(-x.rank(), x.rank() - 1), Arbitraries.longs())
        .as((axis, seed) -> new Case(x, axis, seed)));
  }

  /** An index for {@code x} along {@code axis}: random sizes no larger than x's (any size along the axis), random values in range, as I64. */
  static Tensor randomIndex(Tensor x, int axis, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int a = axis < 0 ? axis + x.rank() : axis;
    int[] dims = x.dims();
    for (int d = 0; d < dims.length; d++) dims[d] = d == a ? 1 + r.nextInt(4) : 1 + r.nextInt(dims[d]);
    int n = 1;
    for (int d : dims) n *= d;
    long[] v = new long[n];
    for (int i = 0; i < n; i++) v[i] = r.nextInt(x.dim(a));
    return Tensor.ofLongs(v, dims);
  }

  @Property(tries = 40) void gather(@ForAll("cases") Case c) {
    Tensor index = randomIndex(c.x(), c.axis(), c.seed());
    gradientsAndGradGrad("gather", in -> in[0].gather(c.axis(), index), List.of(c.x()));
  }

  @Property(tries = 40) void scatterAdd(@ForAll("cases") Case c) {
    Tensor index = randomIndex(c.x(), c.axis(), c.seed());
    Tensor src = Tensor.rand(new SplittableRandom(c.seed() + 1), F64, -2, 2, index.dims());
    gradientsAndGradGrad("scatterAdd", in -> in[0].scatterAdd(c.axis(), index, in[1]).square(), List.of(c.x(), src));
  }

  @Property(tries = 30) void embedding(@ForAll("cases") Case c) {
    Tensor weight = c.x().rank() == 2 ? c.x() : c.x().reshape(c.x().dim(0), -1);
    Tensor ids = randomIndex(weight, 0, c.seed()).slice(1, 0, 1).reshape(-1);
    gradientsAndGradGrad("embedding", in -> in[0].embedding(ids.reshape(1, -1)).square(), List.of(weight));
  }

  @Property(tries = 30) void maskedFill(@ForAll("cases") Case c) {
    SplittableRandom r = new SplittableRandom(c.seed());
    double[] m = new double[c.x().dim(-1)];
    for (int i = 0; i < m.length; i++) m[i] = r.nextBoolean() ? 1 : 0;
    Tensor mask = Tensor.of(m, m.length);
    gradientsAndGradGrad("maskedFill", in -> in[0].maskedFill(mask, -3.0).square(), List.of(c.x()));
  }

  /** Last-axis sizes of at least 2: a single entry normalises to zero whatever its value. */
  @Property(tries = 40) void layerNorm(@ForAll("cases") Case c) {
    Tensor x = c.x().dim(-1) < 2 ? Tensor.concat(-1, c.x(), c.x().mul(-0.5).add(0.7)) : c.x();
    int k = 1 + (int) Math.floorMod(c.seed(), (long) x.rank());
    int[] normalised = java.util.Arrays.copyOfRange(x.dims(), x.rank() - k, x.rank());
    SplittableRandom r = new SplittableRandom(c.seed());
    Tensor w = Tensor.rand(r, F64, 0.5, 1.5, normalised), b = Tensor.rand(r, F64, -1, 1, normalised);
    gradientsAndGradGrad("layerNorm", in -> in[0].layerNorm(k, in[1], in[2], 1e-5), List.of(x, w, b));
  }
}
