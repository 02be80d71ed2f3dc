package dev.chainrule.autograd;

/**
 * Layout arithmetic of views: strides in elements, one per dimension, 0 along a broadcast
 * dimension. A dimension of size 1 may have any stride (it is never stepped along).
 */
final class Layout {
  private Layout() {}

  /** Whether {@code strides} (null meaning dense) walk {@code shape} in row-major order. */
  static boolean rowMajor(Shape shape, int[] strides) {
    if (strides == null) return true;
    int expected = 1;
    for (int d = shape.rank() - 1; d >= 0; d--) {
      int n = shape.dim(d);
      if (n != 1 && strides[d] != expected) return false;
      expected *= n;
    }
    return true;
  }

  /**
   * Strides that show a view of {@code shape} with {@code strides} as {@code target} (same size)
   * without copying, or {@code null} when no strides can (PyTorch's computeStride): each run of
   * source dimensions that is contiguous within itself maps onto a run of target dimensions of
   * the same element count.
   */
  static int[] reshapedStrides(Shape shape, int[] strides, Shape target) {
    int[] out = new int[target.rank()];
    if (shape.size() == 0) {
      int acc = 1;
      for (int d = target.rank() - 1; d >= 0; d--) {
        out[d] = acc;
        acc *= Math.max(1, target.dim(d));
      }
      return out;
    }
    int viewD = target.rank() - 1;
    int chunkBase = strides.length == 0 ? 1 : strides[strides.length - 1];
    long tensorElems = 1, viewElems = 1;
    for (int d = shape.rank() - 1; d >= 0; d--) {
      tensorElems *= shape.dim(d);
      // A chunk ends at the first dimension or where the next one out is not contiguous with it.
      if (d == 0 || (shape.dim(d - 1) != 1 && strides[d - 1] != tensorElems * chunkBase)) {
        while (viewD >= 0 && (viewElems < tensorElems || target.dim(viewD) == 1)) {
          out[viewD] = (int) (viewElems * chunkBase);
          viewElems *= target.dim(viewD);
          viewD--;
        }
        if (viewElems != tensorElems) return null;
        if (d > 0) {
          chunkBase = strides[d - 1];
          tensorElems = 1;
          viewElems = 1;
        }
      }
    }
    return viewD == -1 ? out : null;
  }

  /**
   * {dims, strides} of the same walk with size-1 dimensions dropped and neighbours merged where
   * the outer one steps over the inner one exactly (so a copy moves long rows), outermost first.
   */
  static int[][] merged(Shape shape, int[] strides) {
    int rank = shape.rank();
    int[] dims = new int[rank], steps = new int[rank];
    int count = 0;
    for (int d = rank - 1; d >= 0; d--) {
      int n = shape.dim(d);
      if (n == 1) continue;
      if (count > 0 && strides[d] == steps[count - 1] * dims[count - 1]) {
        dims[count - 1] *= n;
        continue;
      }
      dims[count] = n;
      steps[count] = strides[d];
      count++;
    }
    int[] outDims = new int[count], outSteps = new int[count];
    for (int i = 0; i < count; i++) {
      outDims[i] = dims[count - 1 - i];
      outSteps[i] = steps[count - 1 - i];
    }
    return new int[][] {outDims, outSteps};
  }
}
