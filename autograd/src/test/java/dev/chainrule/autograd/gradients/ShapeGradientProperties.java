package dev.chainrule.autograd.gradients;

import static dev.chainrule.autograd.gradients.Checks.REALS;
import static dev.chainrule.autograd.gradients.Checks.gradientsAndGradGrad;
import static dev.chainrule.autograd.testing.TensorArbitraries.broadcastableTo;
import static dev.chainrule.autograd.testing.TensorArbitraries.permutations;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapes;
import static dev.chainrule.autograd.testing.TensorArbitraries.tensors;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.ops.IndexAdd;
import dev.chainrule.autograd.ops.Unslice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Gradients of the operations that move values around: permute, reshape, expand, slice, gather, concat. */
class ShapeGradientProperties {
  private static final DType F64 = DType.F64;

  /** A tensor and the integer arguments of a shape operation on it. */
  record Case(Tensor x, int[] args) {
    @Override public String toString() { return x + " with " + Arrays.toString(args); }
  }

  private static Arbitrary<Tensor> tensorsOfRank(int minRank) {
    return tensors(shapes(minRank, 4, 1, 3), F64, REALS);
  }

  @Provide Arbitrary<Case> permutes() {
    return tensorsOfRank(0).flatMap(x -> permutations(x.rank()).map(p -> new Case(x, p)));
  }

  @Property(tries = 40) void permute(@ForAll("permutes") Case c) {
    gradientsAndGradGrad("permute", in -> in[0].permute(c.args()), List.of(c.x()));
  }

  /** Two axes, each possibly negative. */
  @Provide Arbitrary<Case> transposes() {
    return tensorsOfRank(1).flatMap(x -> {
      Arbitrary<Integer> axis = Arbitraries.integers().between(-x.rank(), x.rank() - 1);
      return Combinators.combine(axis, axis).as((a, b) -> new Case(x, new int[] {a, b}));
    });
  }

  @Property(tries = 40) void transposeAndT(@ForAll("transposes") Case c) {
    gradientsAndGradGrad("transpose", in -> in[0].transpose(c.args()[0], c.args()[1]), List.of(c.x()));
    if (c.x().rank() >= 2) gradientsAndGradGrad("t", in -> in[0].t(), List.of(c.x()));
  }

  /** Targets of the same size: the dimensions shuffled, with 1s inserted, two merged, one given as -1. */
  @Provide Arbitrary<Case> reshapes() {
    return tensorsOfRank(0).flatMap(x -> Arbitraries.integers().between(0, 2).flatMap(ones -> {
      List<Integer> dims = new ArrayList<>();
      for (int d : x.dims()) dims.add(d);
      dims.addAll(Collections.nCopies(ones, 1));
      Arbitrary<Boolean> coin = Arbitraries.of(true, false);
      return Combinators.combine(Arbitraries.shuffle(dims), coin, coin).as((order, merge, infer) -> {
        List<Integer> t = new ArrayList<>(order);
        if (merge && t.size() >= 2) t.set(0, t.get(0) * t.remove(1));
        if (infer && !t.isEmpty()) t.set(t.size() - 1, -1);
        return new Case(x, t.stream().mapToInt(Integer::intValue).toArray());
      });
    }));
  }

  @Property(tries = 40) void reshapeAndFlatten(@ForAll("reshapes") Case c) {
    gradientsAndGradGrad("reshape", in -> in[0].reshape(c.args()), List.of(c.x()));
    gradientsAndGradGrad("flatten", in -> in[0].flatten(), List.of(c.x()));
  }

  /** A tensor and a shape it broadcasts to. */
  @Provide Arbitrary<Case> expands() {
    return shapes().flatMap(target -> broadcastableTo(target)
        .flatMap(source -> tensors(source, F64, REALS).map(x -> new Case(x, target.dims()))));
  }

  @Property(tries = 40) void expand(@ForAll("expands") Case c) {
    gradientsAndGradGrad("expand", in -> in[0].expand(c.args()), List.of(c.x()));
  }

  /** axis, start, end with 0 ≤ start ≤ end ≤ dim (empty slices included). */
  @Provide Arbitrary<Case> slices() {
    return tensorsOfRank(1).flatMap(x -> Arbitraries.integers().between(0, x.rank() - 1).flatMap(axis -> {
      Arbitrary<Integer> bound = Arbitraries.integers().between(0, x.dim(axis));
      return Combinators.combine(bound, bound)
          .as((a, b) -> new Case(x, new int[] {axis, Math.min(a, b), Math.max(a, b)}));
    }));
  }

  @Property(tries = 40) void slice(@ForAll("slices") Case c) {
    int[] a = c.args();
    gradientsAndGradGrad("slice", in -> in[0].slice(a[0], a[1], a[2]), List.of(c.x()));
  }

  /** Row indices with repeats, in any order, possibly none. */
  @Provide Arbitrary<Case> gathers() {
    return tensorsOfRank(1).flatMap(x -> Arbitraries.integers().between(0, x.dim(0) - 1)
        .array(int[].class).ofMaxSize(5).map(idx -> new Case(x, idx)));
  }

  @Property(tries = 40) void indexSelect(@ForAll("gathers") Case c) {
    gradientsAndGradGrad("indexSelect", in -> in[0].indexSelect(c.args()), List.of(c.x()));
  }

  /** The backward of indexSelect, checked as an operation of its own: scatter-add into more rows. */
  @Property(tries = 30) void indexAdd(@ForAll("gathers") Case c) {
    int rows = Arrays.stream(c.args()).max().orElse(0) + 2;
    Tensor x = c.x().indexSelect(c.args());
    gradientsAndGradGrad("IndexAdd", in -> Tensor.apply(new IndexAdd(c.args(), rows), in), List.of(x));
  }

  /** The backward of slice, checked as an operation of its own: placing x into zeros. */
  @Property(tries = 30) void unslice(@ForAll("slices") Case c) {
    int axis = c.args()[0], start = c.args()[1];
    int length = start + c.x().dim(axis) + 1;
    gradientsAndGradGrad("Unslice", in -> Tensor.apply(new Unslice(axis, start, length), in), List.of(c.x()));
  }

  /** One to three parts that agree on every dimension but the (possibly negative) concat axis. */
  @Provide Arbitrary<List<Tensor>> concats() {
    return shapes(1, 3, 1, 3).flatMap(base -> Arbitraries.integers().between(0, base.rank() - 1).flatMap(axis ->
        Arbitraries.integers().between(0, 3).flatMap(len -> tensors(base.with(axis, len), F64, REALS))
            .list().ofMinSize(1).ofMaxSize(3)
            .map(parts -> {
              List<Tensor> withAxis = new ArrayList<>(parts);
              withAxis.add(0, Tensor.scalar(axis - (axis % 2) * base.rank(), F64));  // odd axes given as negatives
              return withAxis;
            })));
  }

  @Property(tries = 40) void concat(@ForAll("concats") List<Tensor> axisAndParts) {
    int axis = (int) axisAndParts.get(0).item();
    List<Tensor> parts = axisAndParts.subList(1, axisAndParts.size());
    gradientsAndGradGrad("concat", in -> Tensor.concat(axis, in), parts);
    // A part that needs no gradient is skipped by Concat's backward; the others still get theirs.
    if (parts.size() > 1) {
      GradCheck.of("concat", in -> Tensor.concat(axis, in)).constant(0)
          .check(parts.toArray(Tensor[]::new)).assertPassed();
    }
  }

  // ---------------------------------------------------------------- vocab (issue 19)

  /** A tensor of rank >= 1 and one axis of it, possibly negative. */
  @Provide Arbitrary<Case> axes() {
    return tensorsOfRank(1).flatMap(x -> Arbitraries.integers().between(-x.rank(), x.rank() - 1)
        .map(a -> new Case(x, new int[] {a})));
  }

  @Property(tries = 40) void squeezeAndUnsqueeze(@ForAll("axes") Case c) {
    int axis = c.args()[0];
    gradientsAndGradGrad("unsqueeze", in -> in[0].unsqueeze(axis), List.of(c.x()));
    gradientsAndGradGrad("unsqueeze(-1)", in -> in[0].unsqueeze(-1), List.of(c.x()));
    gradientsAndGradGrad("squeeze", in -> in[0].squeeze(), List.of(c.x()));
    gradientsAndGradGrad("squeeze(axis)", in -> in[0].squeeze(axis), List.of(c.x()));
  }

  /** The pieces are joined back with weights, so each piece's gradient is distinct. */
  @Property(tries = 40) void splitChunkUnbindStack(@ForAll("axes") Case c) {
    int axis = c.args()[0];
    int n = c.x().dim(axis);
    gradientsAndGradGrad("split", in -> weighted(in[0].split(axis, n / 2, n - n / 2), axis), List.of(c.x()));
    gradientsAndGradGrad("chunk", in -> weighted(in[0].chunk(2, axis), axis), List.of(c.x()));
    gradientsAndGradGrad("unbind+stack", in -> Tensor.stack(axis, weightedParts(in[0].unbind(axis))), List.of(c.x()));
  }

  private static Tensor weighted(Tensor[] parts, int axis) {
    return Tensor.concat(axis, weightedParts(parts));
  }

  private static Tensor[] weightedParts(Tensor[] parts) {
    Tensor[] w = new Tensor[parts.length];
    for (int i = 0; i < parts.length; i++) w[i] = parts[i].mul(i + 1.0).mul(parts[i]);
    return w;
  }

  @Property(tries = 40) void stepSliceAndIndexSelectOnAnyAxis(@ForAll("axes") Case c) {
    int axis = c.args()[0];
    int n = c.x().dim(axis);
    gradientsAndGradGrad("slice(step 2)", in -> in[0].slice(axis, 0, n, 2), List.of(c.x()));
    gradientsAndGradGrad("slice(negative start)", in -> in[0].slice(axis, -n, n), List.of(c.x()));
    if (n >= 2) gradientsAndGradGrad("slice(negative end)", in -> in[0].slice(axis, 0, -1), List.of(c.x()));
    int[] picks = {n - 1, -1, 0, -n};
    gradientsAndGradGrad("indexSelect(axis)", in -> in[0].indexSelect(axis, picks), List.of(c.x()));
  }
}
