package dev.chainrule.autograd.testing;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for tensors, shapes and operand pairs, for writing properties about
 * operations and layers. Shipped in autograd's test-jar so nn and users' suites reuse them.
 *
 * <pre>{@code
 * @Provide Arbitrary<Tensor> positives() {
 *   return TensorArbitraries.tensors(TensorArbitraries.shapes(), DType.F64, Domain.reals(0.2, 4));
 * }
 * @Property(tries = 50)
 * void logGradient(@ForAll("positives") Tensor x) {
 *   GradCheck.of(in -> in[0].log()).check(x).assertPassed();
 * }
 * }</pre>
 *
 * <p>Shapes are small (dimensions of 1 to 3 by default) so that finite differences over every
 * element stay cheap, and they include rank 0 and dimensions of 1, where broadcasting bugs hide.
 * Values come from a {@link Domain}, which keeps them off kinks and poles. Everything shrinks:
 * a failure is reported with the smallest shapes and simplest values jqwik can find.
 */
public final class TensorArbitraries {
  private TensorArbitraries() {}

  /** Two shapes, the operands of a binary operation. */
  public record ShapePair(Shape left, Shape right) {
    /** The shape the two broadcast to (throws when they do not). */
    public Shape broadcast() {
      return Shape.broadcast("ShapePair", left, right);
    }

    @Override public String toString() {
      return left + " and " + right;
    }
  }

  // ---------------------------------------------------------------- shapes

  /** Ranks 0 to 4, dimensions 1 to 3. */
  public static Arbitrary<Shape> shapes() {
    return shapes(0, 4, 1, 3);
  }

  /** Ranks 0 to 4, dimensions 0 to 3: includes empty tensors. */
  public static Arbitrary<Shape> shapesWithEmpty() {
    return shapes(0, 4, 0, 3);
  }

  /** Shapes with rank in [minRank, maxRank] and every dimension in [minDim, maxDim]. */
  public static Arbitrary<Shape> shapes(int minRank, int maxRank, int minDim, int maxDim) {
    return Arbitraries.integers().between(minDim, maxDim)
        .array(int[].class).ofMinSize(minRank).ofMaxSize(maxRank)
        .map(Shape::of);
  }

  /**
   * Broadcast-compatible pairs: each side is a base shape from {@link #shapes()} with some
   * leading dimensions dropped and some dimensions set to 1, independently.
   */
  public static Arbitrary<ShapePair> broadcastPairs() {
    return broadcastPairs(shapes());
  }

  /** Broadcast-compatible pairs derived from base shapes drawn from {@code base}. */
  public static Arbitrary<ShapePair> broadcastPairs(Arbitrary<Shape> base) {
    return base.flatMap(s -> Combinators.combine(broadcastableTo(s), broadcastableTo(s)).as(ShapePair::new));
  }

  /** Shapes that broadcast to {@code target}: leading dimensions dropped, others set to 1. */
  public static Arbitrary<Shape> broadcastableTo(Shape target) {
    int rank = target.rank();
    Arbitrary<Integer> dropped = Arbitraries.integers().between(0, rank);
    Arbitrary<List<Boolean>> ones = Arbitraries.integers().between(0, 2).map(i -> i == 0).list().ofSize(rank);
    return Combinators.combine(dropped, ones).as((drop, toOne) -> {
      int[] d = new int[rank - drop];
      for (int i = drop; i < rank; i++) d[i - drop] = toOne.get(i) ? 1 : target.dim(i);
      return Shape.of(d);
    });
  }

  /**
   * Operand shapes for {@code matmul}: 2-D [n, k]·[k, m]; batched with broadcasting batch
   * dimensions ([b, n, k]·[b, k, m], [b, n, k]·[k, m], [1, n, k]·[b, k, m], [2, 1, n, k]·[3, k, m]);
   * and 1-D operands on either or both sides ([k]·[k], [k]·[b, k, m], [b, n, k]·[k]).
   */
  public static Arbitrary<ShapePair> matmulPairs() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 3);
    Arbitrary<ShapePair> batches = Arbitraries.oneOf(
        Arbitraries.just(new ShapePair(Shape.scalar(), Shape.scalar())),
        broadcastPairs(shapes(1, 2, 1, 3)));
    Arbitrary<Boolean> vector = Arbitraries.integers().between(0, 3).map(i -> i == 0);
    return Combinators.combine(batches, dim, dim, dim, vector, vector).as((batch, n, k, m, leftVector, rightVector) -> {
      Shape left = leftVector ? Shape.of(k) : append(batch.left(), n, k);
      Shape right = rightVector ? Shape.of(k) : append(batch.right(), k, m);
      return new ShapePair(left, right);
    });
  }

  private static Shape append(Shape batch, int rows, int cols) {
    int[] d = Arrays.copyOf(batch.dims(), batch.rank() + 2);
    d[batch.rank()] = rows;
    d[batch.rank() + 1] = cols;
    return Shape.of(d);
  }

  /** Permutations of 0..rank-1, as {@code permute} takes them. */
  public static Arbitrary<int[]> permutations(int rank) {
    List<Integer> identity = IntStream.range(0, rank).boxed().toList();
    return Arbitraries.shuffle(identity).map(p -> p.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Distinct axes of a rank-{@code rank} shape, in any order, some given as negatives (-1 = last). */
  public static Arbitrary<int[]> axes(int rank) {
    if (rank == 0) return Arbitraries.just(new int[0]);
    return Arbitraries.integers().between(0, rank - 1).set().ofMaxSize(rank)
        .flatMap(set -> Arbitraries.integers().between(0, 1).list().ofSize(set.size()).map(negate -> {
          int[] a = new int[set.size()];
          int i = 0;
          for (int axis : set) {
            a[i] = negate.get(i) == 1 ? axis - rank : axis;
            i++;
          }
          return a;
        }));
  }

  // ---------------------------------------------------------------- tensors

  /** Tensors of {@code shape} with every value in {@code domain}. */
  public static Arbitrary<Tensor> tensors(Shape shape, DType dtype, Domain domain) {
    return Arbitraries.doubles().between(domain.min(), domain.max()).ofScale(4)
        .list().ofSize(shape.size())
        .map(values -> {
          double[] v = new double[values.size()];
          for (int i = 0; i < v.length; i++) v[i] = domain.admit(values.get(i));
          Tensor t = Tensor.of(v, shape.dims());
          return dtype == DType.F64 ? t : t.to(dtype);
        });
  }

  /** Tensors of any shape from {@code shapes}, values in {@code domain}. */
  public static Arbitrary<Tensor> tensors(Arbitrary<Shape> shapes, DType dtype, Domain domain) {
    return shapes.flatMap(s -> tensors(s, dtype, domain));
  }

  /**
   * Tensors whose values are pairwise at least (max - min) / size apart: a shuffled even grid over
   * [min, max]. For operations with kinks where two elements tie (max, sorting): no tie, so
   * finite differences never straddle a switch of the winner.
   */
  public static Arbitrary<Tensor> distinctTensors(Shape shape, DType dtype, double min, double max) {
    int n = shape.size();
    List<Integer> ranks = IntStream.range(0, n).boxed().toList();
    return Arbitraries.shuffle(ranks).map(order -> {
      double step = (max - min) / Math.max(n, 1);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) v[i] = min + (order.get(i) + 0.5) * step;
      Tensor t = Tensor.of(v, shape.dims());
      return dtype == DType.F64 ? t : t.to(dtype);
    });
  }

  /** Both operands of a pair, each from its own domain. */
  public static Arbitrary<List<Tensor>> operands(ShapePair shapes, DType dtype, Domain left, Domain right) {
    return Combinators.combine(tensors(shapes.left(), dtype, left), tensors(shapes.right(), dtype, right))
        .as((a, b) -> List.of(a, b));
  }

  /** Operands for every pair from {@code pairs}, both from {@code domain}. */
  public static Arbitrary<List<Tensor>> operands(Arbitrary<ShapePair> pairs, DType dtype, Domain domain) {
    return pairs.flatMap(p -> operands(p, dtype, domain, domain));
  }

  /** Several tensors of one shape, each from {@code domain}. */
  public static Arbitrary<List<Tensor>> tensorsOfShape(Shape shape, int count, DType dtype, Domain domain) {
    List<Arbitrary<Tensor>> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) parts.add(tensors(shape, dtype, domain));
    return Combinators.combine(parts).as(List::copyOf);
  }
}
