package dev.chainrule.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Binary kernels reading views in place ({@link Broadcast}) give the bits of expand-then-op: both
 * operands copied to the output shape first, then the whole-array kernel. Random shapes (rank 0-4,
 * sizes 0-5, each operand broadcast on random axes, some with fewer leading axes), random layouts
 * (an operand transposed or sliced with a step before broadcasting), both dtypes, every operation.
 */
class BroadcastProperties {
  @Property(tries = 400)
  void broadcastingInTheKernelGivesTheBitsOfExpandThenOp(@ForAll long seed, @ForAll BinaryOp op,
                                                         @ForAll @IntRange(max = 4) int rank) {
    SplittableRandom rng = new SplittableRandom(seed);
    DType dtype = rng.nextBoolean() ? DType.F32 : DType.F64;
    int[] out = new int[rank];
    for (int d = 0; d < rank; d++) out[d] = rng.nextInt(6) == 0 ? rng.nextInt(2) : 1 + rng.nextInt(5);
    Shape target = Shape.of(out);
    Tensor a = operand(rng, dtype, out).expand(target), b = operand(rng, dtype, out).expand(target);
    Tensor got = Compute.binary(op, a, b);
    Tensor want = Compute.binary(op, Compute.copy(a), Compute.copy(b));
    assertEquals(want.shape(), got.shape());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.storage().rawBits(i), got.storage().rawBits(i), op + " at flat " + i + " of " + target
          + ": " + a.shape() + " strides " + java.util.Arrays.toString(a.strides()) + " and strides "
          + java.util.Arrays.toString(b.strides()));
    }
  }

  /**
   * One stored element expanded over a dense operand (how a sum's gradient meets the next
   * backward formula) takes the single-element route: the same bits as expand-then-op, on either side.
   */
  @Property(tries = 200)
  void oneElementExpandedAgainstADenseOperandGivesTheBitsOfExpandThenOp(@ForAll long seed, @ForAll BinaryOp op,
                                                                       @ForAll @IntRange(max = 4) int rank) {
    SplittableRandom rng = new SplittableRandom(seed);
    DType dtype = rng.nextBoolean() ? DType.F32 : DType.F64;
    int[] out = new int[rank];
    for (int d = 0; d < rank; d++) out[d] = 1 + rng.nextInt(rng.nextBoolean() ? 5 : 40);
    int[] ones = new int[rank];
    java.util.Arrays.fill(ones, 1);
    Tensor dense = values(rng, dtype, out), single = values(rng, dtype, new int[0]).reshape(ones).expand(Shape.of(out));
    boolean singleFirst = rng.nextBoolean();
    Tensor a = singleFirst ? single : dense, b = singleFirst ? dense : single;
    Tensor got = Compute.binary(op, a, b), want = Compute.binary(op, Compute.copy(a), Compute.copy(b));
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.storage().rawBits(i), got.storage().rawBits(i), op + " at flat " + i + " of " + Shape.of(out)
          + (singleFirst ? ", the single element first" : ", the single element second"));
    }
  }

  /**
   * A view's contiguous copy (the door of kernels that read arrays: merged dimensions, whole rows,
   * tiled transposes) holds what element-by-element reads of the view find.
   */
  @Property(tries = 300)
  void aViewsContiguousCopyHoldsItsElementsInRowMajorOrder(@ForAll long seed, @ForAll @IntRange(max = 4) int rank) {
    SplittableRandom rng = new SplittableRandom(seed);
    DType dtype = rng.nextBoolean() ? DType.F32 : DType.F64;
    int[] dims = new int[rank];
    for (int d = 0; d < rank; d++) dims[d] = rng.nextInt(8) == 0 ? 0 : 1 + rng.nextInt(rng.nextBoolean() ? 4 : 40);
    Tensor view = values(rng, dtype, dims);
    int[] order = new int[rank];
    for (int d = 0; d < rank; d++) order[d] = d;
    for (int d = rank - 1; d > 0; d--) {   // a random permutation
      int e = rng.nextInt(d + 1), keep = order[d];
      order[d] = order[e];
      order[e] = keep;
    }
    view = view.permute(order);
    if (rank > 0 && rng.nextBoolean()) {
      int axis = rng.nextInt(rank), n = view.dim(axis);
      view = view.slice(axis, n / 3, n, 1 + rng.nextInt(3));
    }
    Tensor copy = Compute.copy(view);
    assertEquals(view.shape(), copy.shape());
    for (int i = 0; i < view.size(); i++) {
      assertEquals(Double.doubleToRawLongBits(view.getRaw(i)), Double.doubleToRawLongBits(copy.getRaw(i)),
          "flat " + i + " of " + view.shape() + " strides " + java.util.Arrays.toString(view.strides()));
    }
  }

  /** A tensor that broadcasts to {@code out}: some axes 1, maybe fewer leading axes, maybe a view. */
  private static Tensor operand(SplittableRandom rng, DType dtype, int[] out) {
    int drop = out.length == 0 ? 0 : rng.nextInt(out.length + 1) / 2;
    int[] dims = new int[out.length - drop];
    for (int d = 0; d < dims.length; d++) dims[d] = rng.nextInt(3) == 0 ? 1 : out[d + drop];
    int layout = rng.nextInt(3);
    if (layout == 1 && dims.length >= 2) {   // transposed: made as the transpose of the swapped shape
      int[] swapped = dims.clone();
      swapped[dims.length - 1] = dims[dims.length - 2];
      swapped[dims.length - 2] = dims[dims.length - 1];
      return values(rng, dtype, swapped).transpose(-1, -2);
    }
    if (layout == 2 && dims.length >= 1) {   // every other element of a twice-as-long axis
      int axis = rng.nextInt(dims.length);
      int[] longer = dims.clone();
      longer[axis] = 2 * dims[axis];
      return values(rng, dtype, longer).slice(axis, 0, longer[axis], 2);
    }
    return values(rng, dtype, dims);
  }

  /** Values with repeats, zeros of both signs and a NaN now and then, so every operation meets its edge cases. */
  private static Tensor values(SplittableRandom rng, DType dtype, int[] dims) {
    Tensor t = Tensor.zeros(dtype, dims);
    double[] v = new double[t.size()];
    for (int i = 0; i < v.length; i++) {
      int kind = rng.nextInt(10);
      v[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : kind == 2 ? Double.NaN : kind == 3 ? 2.0 : rng.nextDouble(-3, 3);
    }
    return Tensor.of(dtype, v, dims);
  }
}
