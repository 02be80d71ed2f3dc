package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Storage;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.Kernels;

/**
 * Binary elementwise kernels on operands that are views (expanded, sliced, transposed), read in
 * place instead of copied: the output is walked row by row, one kernel call per row, each operand
 * at its own offset. Every element gets the same operation on the same two values as after
 * copying both operands, so the bits are those of expand-then-op.
 *
 * <p>Rows: dimensions that are contiguous for both operands merge into one (a [N, C, H, W] tensor
 * plus a [1, C, 1, 1] bias runs rows of H·W); size-1 dimensions drop out. An operand that steps by
 * one along the row is read where it is; one that repeats a single element along the row (a
 * column broadcast) is spread into a row-long scratch buffer once per row when rows are at least
 * {@value #MIN_SPREAD} long; any other operand (transposed, or repeating along short rows) gets
 * the contiguous copy of {@link Tensor#storage()}, as an {@code Expand} copy used to make.
 */
final class Broadcast {
  /** The shortest row worth spreading a repeated element into (measured on LeNetPublicOpsBench's pooling). */
  static final int MIN_SPREAD = 16;

  /** The longest scratch row kept per thread; longer ones are made per call. */
  static final int MAX_KEPT_ROW = 1 << 16;

  /**
   * Scratch rows kept per thread, two per dtype (one per operand), reused call after call: a sum's
   * gradient arrives as an expanded view, so a steady training step spreads one every step and
   * would otherwise make a row of garbage each time. Nothing outside {@link #binary} sees them,
   * and a kernel call never re-enters it.
   */
  private static final ThreadLocal<Storage[]> SCRATCH = ThreadLocal.withInitial(() -> new Storage[2 * DType.values().length]);

  private Broadcast() {}

  /** A row of at least {@code n} elements for operand {@code which} (0 or 1), contents undefined. */
  private static Storage scratchRow(DType dtype, int n, int which) {
    if (n > MAX_KEPT_ROW) return Storage.zeros(dtype, n);
    Storage[] kept = SCRATCH.get();
    int slot = 2 * dtype.ordinal() + which;
    if (kept[slot] == null || kept[slot].size() < n) kept[slot] = Storage.zeros(dtype, n);
    return kept[slot];
  }

  /** op(a, b) elementwise for operands of one shape and dtype, in any layout. */
  static Tensor binary(Kernels k, BinaryOp op, Tensor a, Tensor b) {
    Shape shape = a.shape();
    Tensor out = Tensor.zeros(a.dtype(), shape);
    if (shape.size() == 0) return out;
    if (repeatsOneElement(a) && b.isContiguous() || repeatsOneElement(b) && a.isContiguous()) {
      return oneElementAgainstDense(k, op, a, b, out);
    }
    Operand x = Operand.of(a), y = Operand.of(b);
    int[][] rows = coalesce(shape.dims(), x.strides, y.strides);
    if (!x.walksRows(rows[1][0], rows[0][0])) {
      x = Operand.dense(a);
      rows = coalesce(shape.dims(), x.strides, y.strides);
    }
    if (!y.walksRows(rows[2][0], rows[0][0])) {
      y = Operand.dense(b);
      rows = coalesce(shape.dims(), x.strides, y.strides);
    }
    int[] dims = rows[0], sx = rows[1], sy = rows[2];
    int n = dims[0];
    Storage xs = x.storage, ys = y.storage, o = out.storage();
    Storage xRow = sx[0] == 0 ? scratchRow(a.dtype(), n, 0) : null;   // scratch for a repeated element
    Storage yRow = sy[0] == 0 ? scratchRow(a.dtype(), n, 1) : null;
    int[] spread = {n}, repeat = {0};
    int[] counter = new int[dims.length];
    int px = x.offset, py = y.offset;
    for (int at = 0, total = shape.size(); at < total; at += n) {
      if (xRow != null) xs.gather(px, xRow, spread, repeat, n);
      if (yRow != null) ys.gather(py, yRow, spread, repeat, n);
      (xRow != null ? xRow : xs).binary(k, op, xRow != null ? 0 : px, yRow != null ? yRow : ys, yRow != null ? 0 : py, o, at, n);
      for (int d = 1; d < dims.length; d++) {   // next row: an odometer over the outer dimensions
        px += sx[d];
        py += sy[d];
        if (++counter[d] < dims[d]) break;
        counter[d] = 0;
        px -= sx[d] * dims[d];
        py -= sy[d] * dims[d];
      }
    }
    return out;
  }

  /** Whether every element of {@code t} is one stored element (a scalar expanded: a sum's gradient). */
  private static boolean repeatsOneElement(Tensor t) {
    return !t.isContiguous() && t.sharedStorage().size() == 1;
  }

  /** The single-element operand spread over a whole scratch row, then one kernel call: no index arrays. */
  private static Tensor oneElementAgainstDense(Kernels k, BinaryOp op, Tensor a, Tensor b, Tensor out) {
    int n = out.size();
    boolean aRepeats = repeatsOneElement(a);
    Tensor single = aRepeats ? a : b;
    Storage row = scratchRow(a.dtype(), n, 0);
    row.fill(0, n, single.sharedStorage().get(0));   // exact: the stored value, widened and narrowed back
    Storage xs = aRepeats ? row : a.storage(), ys = aRepeats ? b.storage() : row;
    xs.binary(k, op, 0, ys, 0, out.storage(), 0, n);
    return out;
  }

  /**
   * The output dimensions with size-1 ones dropped and neighbours merged where both operands
   * step through them as one: {dims, x strides, y strides}, innermost first (at least one entry).
   */
  static int[][] coalesce(int[] shape, int[] sx, int[] sy) {
    int[] dims = new int[shape.length + 1], gx = new int[dims.length], gy = new int[dims.length];
    int count = 0;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] == 1) continue;
      if (count > 0 && sx[d] == gx[count - 1] * dims[count - 1] && sy[d] == gy[count - 1] * dims[count - 1]) {
        dims[count - 1] *= shape[d];
        continue;
      }
      dims[count] = shape[d];
      gx[count] = sx[d];
      gy[count] = sy[d];
      count++;
    }
    if (count == 0) {   // a single element
      dims[0] = 1;
      gx[0] = 1;
      gy[0] = 1;
      count = 1;
    }
    return new int[][] {java.util.Arrays.copyOf(dims, count), java.util.Arrays.copyOf(gx, count), java.util.Arrays.copyOf(gy, count)};
  }

  /** Where an operand's elements sit. */
  private record Operand(Storage storage, int offset, int[] strides) {
    static Operand of(Tensor t) {
      return new Operand(t.sharedStorage(), t.offset(), t.strides());
    }

    /** The contiguous copy: rows step by one. */
    static Operand dense(Tensor t) {
      return new Operand(t.storage(), 0, t.shape().strides());
    }

    /**
     * Whether rows of {@code n} with this innermost step go to the kernel as they are (step 1) or
     * spread (step 0, rows long enough that one spread and one kernel call per row beat copying:
     * max-pooling's 2-element windows are not).
     */
    boolean walksRows(int step, int n) {
      return step == 1 || (step == 0 && n >= MIN_SPREAD);
    }
  }
}
