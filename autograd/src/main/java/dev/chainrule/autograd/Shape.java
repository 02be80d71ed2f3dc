package dev.chainrule.autograd;

import java.util.Arrays;

/**
 * An immutable tensor shape: the size of each dimension, row-major. A scalar has rank 0 and size 1.
 * Printed as {@code [2, 3]}.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);
  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    this.dims = dims;
    long n = 1;
    for (int d : dims) n *= d;
    this.size = (int) n;
  }

  /** A shape with the given dimension sizes; each must be non-negative and the product must fit an int. */
  public static Shape of(int... dims) {
    if (dims.length == 0) return SCALAR;
    long n = 1;
    for (int d : dims) {
      if (d < 0) throw new IllegalArgumentException("shape: negative dimension in " + Arrays.toString(dims));
      n *= d;
      if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("shape: too many elements in " + Arrays.toString(dims));
    }
    return new Shape(dims.clone());
  }

  /** The shape of a scalar: no dimensions, one element. */
  public static Shape scalar() { return SCALAR; }

  /** The number of dimensions (0 for a scalar). */
  public int rank() { return dims.length; }

  /** Number of elements. */
  public int size() { return size; }

  /** Size of dimension {@code i}; negative {@code i} counts from the end. */
  public int dim(int i) { return dims[axis(i, "dim")]; }

  /** A copy of the dimension sizes. */
  public int[] dims() { return dims.clone(); }

  /** Normalises an axis that may be negative (-1 = last) and checks it is in range. */
  public int axis(int axis, String op) {
    int a = axis < 0 ? axis + dims.length : axis;
    if (a < 0 || a >= dims.length) {
      throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape " + this);
    }
    return a;
  }

  /** Product of the dimensions before {@code axis}. */
  public int outer(int axis) {
    int n = 1;
    for (int i = 0; i < axis; i++) n *= dims[i];
    return n;
  }

  /** Product of the dimensions after {@code axis}. */
  public int inner(int axis) {
    int n = 1;
    for (int i = axis + 1; i < dims.length; i++) n *= dims[i];
    return n;
  }

  /** Row-major strides, in elements. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** This shape with dimension {@code axis} replaced by {@code size}. */
  public Shape with(int axis, int size) {
    int[] d = dims.clone();
    d[axis] = size;
    return new Shape(d);
  }

  /**
   * The shape two operands broadcast to, by NumPy's rules: align from the right; sizes must be
   * equal or one of them 1.
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    if (a.equals(b)) return a;
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(op + ": shapes are not broadcastable at dim " + i
            + ", " + da + " vs " + db + " (got " + a + " and " + b + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  /** True when this shape can be expanded to {@code target} by NumPy's broadcasting rules. */
  public boolean broadcastsTo(Shape target) {
    if (rank() > target.rank()) return false;
    int off = target.rank() - rank();
    for (int i = 0; i < rank(); i++) {
      if (dims[i] != 1 && dims[i] != target.dims[i + off]) return false;
    }
    return true;
  }

  @Override public boolean equals(Object o) {
    return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
  }

  @Override public int hashCode() { return Arrays.hashCode(dims); }

  @Override public String toString() { return Arrays.toString(dims); }
}
