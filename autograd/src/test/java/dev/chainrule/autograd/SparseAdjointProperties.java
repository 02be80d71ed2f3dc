package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Slices and gathers added where they land ({@link SparseSum}) give the bits of the Tensor-op
 * adjoints ({@link Gradients#denseAdjointsOnly()}), sign of zero included, on random programs: a
 * tensor (a leaf, or a node) read by slices (negative bounds, steps), unbind, split, chunk,
 * indexSelect with repeats, gather, embedding, overlapping max pools and dense uses, each weighted
 * by a tensor full of ±0.0, and summed.
 */
class SparseAdjointProperties {

  /** The leaf x, the tensor p the uses read (x itself, or a node made from it), and the loss. */
  private record Program(Tensor x, Tensor p, Tensor loss) {}

  private static Program program(long seed, Tensor reuseLeaf) {
    SplittableRandom r = new SplittableRandom(seed);
    DType dtype = r.nextBoolean() ? DType.F32 : DType.F64;
    int[] dims = {1 + r.nextInt(4), 1 + r.nextInt(5), 1 + r.nextInt(4)};
    Tensor x = reuseLeaf != null ? reuseLeaf : values(r, dtype, dims).requiresGrad(true);
    dtype = x.dtype();
    dims = x.dims();
    Tensor p = r.nextBoolean() ? x : x.mul(2.0);
    List<Tensor> uses = new ArrayList<>();
    int count = 1 + r.nextInt(6);
    for (int u = 0; u < count; u++) uses.addAll(use(r, p));
    Tensor loss = null;
    for (Tensor u : uses) {
      Tensor term = u.mul(values(r, dtype, u.dims())).sum();
      loss = loss == null ? term : loss.add(term);
    }
    return new Program(x, p, loss);
  }

  /** One random way of reading p. */
  private static List<Tensor> use(SplittableRandom r, Tensor p) {
    int axis = r.nextInt(-3, 3), a = axis < 0 ? axis + 3 : axis, n = p.dim(a);
    switch (r.nextInt(9)) {
      case 0: {
        int start = r.nextInt(n + 1), end = start + r.nextInt(n - start + 1);
        return List.of(r.nextBoolean() ? p.slice(axis, start - n, end == n ? end : end - n) : p.slice(axis, start, end));
      }
      case 1: {
        int start = r.nextInt(n), end = start + 1 + r.nextInt(n - start);
        return List.of(p.slice(axis, start, end, 1 + r.nextInt(3)));
      }
      case 2: return List.of(p.unbind(axis));
      case 3: return List.of(p.chunk(1 + r.nextInt(3), axis));
      case 4: {
        int[] idx = new int[1 + r.nextInt(5)];
        for (int i = 0; i < idx.length; i++) idx[i] = r.nextInt(-n, n);   // repeats likely
        return List.of(p.indexSelect(axis, idx));
      }
      case 5: {
        int[] idims = p.dims();
        for (int d = 0; d < 3; d++) idims[d] = d == a ? 1 + r.nextInt(4) : 1 + r.nextInt(idims[d]);
        long[] v = new long[idims[0] * idims[1] * idims[2]];
        for (int i = 0; i < v.length; i++) v[i] = r.nextInt(n);
        return List.of(p.gather(axis, Tensor.ofLongs(v, idims)));
      }
      case 6: {
        long[] v = new long[1 + r.nextInt(6)];
        for (int i = 0; i < v.length; i++) v[i] = r.nextInt(p.dim(0));
        return List.of(p.reshape(p.dim(0), -1).embedding(Tensor.ofLongs(v, v.length)));
      }
      case 7: {
        if (p.dim(1) < 2 || p.dim(2) < 2) return List.of(p);
        // stride 1 < kernel 2: windows overlap, so one element can be the maximum of several
        return List.of(p.reshape(1, p.dim(0), p.dim(1), p.dim(2)).maxPool2d(new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}));
      }
      default: return List.of(p);
    }
  }

  /** Values where zeros of both signs are common, as in real gradients (ReLU masks). */
  private static Tensor values(SplittableRandom r, DType dtype, int... dims) {
    int size = 1;
    for (int d : dims) size *= d;
    double[] v = new double[size];
    boolean allNegativeZero = r.nextInt(4) == 0;
    for (int i = 0; i < size; i++) {
      int kind = r.nextInt(10);
      v[i] = allNegativeZero || kind < 3 ? -0.0 : kind == 3 ? 0.0 : r.nextGaussian();
    }
    return Tensor.of(dtype, v, dims);
  }

  private static long[] bits(Tensor t) {
    long[] b = new long[t.size()];
    for (int i = 0; i < b.length; i++) b[i] = t.storage().rawBits(i);
    return b;
  }

  private static long[] leafGradBits(long seed) {
    Program prog = program(seed, null);
    prog.loss().backward();
    return bits(prog.x().grad());
  }

  @Property(tries = 300) void backwardIntoLeavesGivesTheBitsOfTheTensorOpRoute(@ForAll long seed) {
    long[] dense;
    try (var d = Gradients.denseAdjointsOnly()) {
      dense = leafGradBits(seed);
    }
    assertArrayEquals(dense, leafGradBits(seed));
  }

  private static List<long[]> capturedBits(long seed) {
    Program prog = program(seed, null);
    List<long[]> out = new ArrayList<>();
    List<Tensor> inputs = prog.p() == prog.x() ? List.of(prog.x()) : List.of(prog.x(), prog.p());
    for (Tensor g : Autograd.grad(List.of(prog.loss()), null, inputs, false, false)) out.add(bits(g));
    return out;
  }

  @Property(tries = 200) void autogradGradOfLeavesAndNodesGivesTheBitsOfTheTensorOpRoute(@ForAll long seed) {
    List<long[]> dense;
    try (var d = Gradients.denseAdjointsOnly()) {
      dense = capturedBits(seed);
    }
    List<long[]> sparse = capturedBits(seed);
    for (int i = 0; i < dense.size(); i++) assertArrayEquals(dense.get(i), sparse.get(i), "input " + i);
  }

  /** Two backwards into one leaf without zeroGrad: the second adds to the first's gradient. */
  private static long[] accumulatedBits(long seed) {
    Program first = program(seed, null);
    first.loss().backward();
    program(seed + 1, first.x()).loss().backward();
    return bits(first.x().grad());
  }

  @Property(tries = 100) void accumulatingOverBackwardsGivesTheBitsOfTheTensorOpRoute(@ForAll long seed) {
    long[] dense;
    try (var d = Gradients.denseAdjointsOnly()) {
      dense = accumulatedBits(seed);
    }
    assertArrayEquals(dense, accumulatedBits(seed));
  }
}
