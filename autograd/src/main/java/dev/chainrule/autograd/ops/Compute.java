package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ReduceOp;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;

/**
 * Runs a kernel on tensors, allocating the result, so each operation's forward stays one line;
 * {@link dev.chainrule.autograd.Storage} picks the kernel for the dtype. Results are plain
 * constants (no graph).
 */
public final class Compute {
  private Compute() {}

  static Kernels kernels() {
    return KernelProvider.kernels();
  }

  /** op(x) elementwise. */
  public static Tensor unary(UnaryOp op, Tensor x) {
    Tensor out = Tensor.zeros(x.dtype(), x.shape());
    x.storage().unary(kernels(), op, out.storage(), x.size());
    return out;
  }

  /** op(a, b) elementwise, for operands of one shape and dtype; views (an expanded operand) are read in place. */
  public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    if (!a.isContiguous() || !b.isContiguous()) return Broadcast.binary(kernels(), op, a, b);
    Tensor out = Tensor.zeros(a.dtype(), a.shape());
    a.storage().binary(kernels(), op, b.storage(), out.storage(), a.size());
    return out;
  }

  /**
   * True when neither reverse mode records (no create-graph) nor forward mode traces the current
   * computation: then a backward formula may run as raw kernels instead of tensor operations.
   */
  static boolean nothingWatches() {
    return !dev.chainrule.autograd.GradMode.isEnabled() && !dev.chainrule.autograd.forward.ForwardMode.isActive();
  }

  /** target ← target·x elementwise, in place on a tensor this operation just made (never a user's). */
  static Tensor multiplyInPlace(Tensor target, Tensor x) {
    target.storage().binary(kernels(), BinaryOp.MUL, x.storage(), target.storage(), target.size());
    return target;
  }

  /** op(x, s) elementwise. */
  public static Tensor scalar(ScalarOp op, Tensor x, double s) {
    Tensor out = Tensor.zeros(x.dtype(), x.shape());
    x.storage().scalar(kernels(), op, s, out.storage(), x.size());
    return out;
  }

  /** cond ? a : b elementwise, for operands of one shape and dtype. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    Tensor out = Tensor.zeros(a.dtype(), a.shape());
    cond.storage().where(kernels(), a.storage(), b.storage(), out.storage(), a.size());
    return out;
  }

  /** Reduces the given (sorted, distinct) axes, keeping each as size 1. */
  public static Tensor reduce(ReduceOp op, Tensor x, int[] axes) {
    if (axes.length == x.rank() && x.rank() > 0) {
      // Everything at once: one long contiguous row.
      Tensor flat = reduceAxis(op, x.viewAs(Shape.of(x.size())), 0);
      int[] ones = new int[x.rank()];
      java.util.Arrays.fill(ones, 1);
      return flat.viewAs(Shape.of(ones));
    }
    if (!hasNeighbours(axes)) {
      Tensor result = x;
      for (int i = axes.length - 1; i >= 0; i--) result = reduceAxis(op, result, axes[i]);
      return result == x ? copy(x) : result;
    }
    // Neighbouring axes of one kind merge (H and W of [N, C, H, W] become one axis of H·W), so
    // each reduced run is one pass over long rows instead of one pass per axis over short ones
    // (a convolution's bias gradient, dy.sum(0, 2, 3), on LeNet's [128, 16, 10, 10]: 196 -> 39 µs).
    Shape s = x.shape();
    boolean[] reduced = new boolean[s.rank()];
    for (int a : axes) reduced[a] = true;
    int[] dims = new int[s.rank()], mergedAxes = new int[axes.length];
    int rank = 0, runs = 0;
    for (int d = 0; d < s.rank(); d++) {
      if (d > 0 && reduced[d] == reduced[d - 1]) {
        dims[rank - 1] *= s.dim(d);
        continue;
      }
      if (reduced[d]) mergedAxes[runs++] = rank;
      dims[rank++] = s.dim(d);
    }
    Tensor result = x.viewAs(Shape.of(java.util.Arrays.copyOf(dims, rank)));
    for (int i = runs - 1; i >= 0; i--) {
      result = reduceAxis(op, result, mergedAxes[i]);
    }
    int[] kept = s.dims();
    for (int a : axes) kept[a] = 1;
    return result.viewAs(Shape.of(kept));
  }

  /** Whether two of the (sorted) axes are next to each other. */
  private static boolean hasNeighbours(int[] axes) {
    for (int i = 1; i < axes.length; i++) {
      if (axes[i] == axes[i - 1] + 1) return true;
    }
    return false;
  }

  /** Reduces one axis, keeping it as size 1. */
  public static Tensor reduceAxis(ReduceOp op, Tensor x, int axis) {
    Shape s = x.shape();
    Tensor out = Tensor.zeros(x.dtype(), s.with(axis, 1));
    int outer = s.outer(axis), n = s.dim(axis), inner = s.inner(axis);
    x.storage().reduceAxis(kernels(), op, outer, n, inner, out.storage());
    return out;
  }

  /** A fresh copy of x's values. */
  public static Tensor copy(Tensor x) {
    return Tensor.wrap(x.shape(), x.storage().copy());
  }

  /** The backing array, float[] or double[], for dtype-agnostic copies with System.arraycopy. */
  static Object array(Tensor t) {
    return t.storage().array();
  }
}
