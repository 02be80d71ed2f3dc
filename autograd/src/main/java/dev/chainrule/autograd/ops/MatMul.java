package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;

/** C = op(A)·op(B);  with C = A·B: dA = dC·Bᵀ,  dB = Aᵀ·dC;  Ċ = op(Ȧ)·op(B) + op(A)·op(Ḃ).
 * op transposes the last two dimensions when asked; any leading (batch) dimensions are equal. The
 * transposes are never materialised: the gradients are themselves MatMuls with the transpose flags set.
 */
public final class MatMul implements Primitive {
  private final boolean transA, transB;

  /** op(A)·op(B), transposing A and/or B (their last two dimensions) when asked. */
  public MatMul(boolean transA, boolean transB) {
    this.transA = transA;
    this.transB = transB;
  }

  /**
   * The user-facing product: checks shapes, promotes a 1-D right operand to a column, folds
   * [..., n, k] @ [k, m] into one 2-D product, and broadcasts batch dimensions otherwise.
   */
  public static Tensor matmul(Tensor a, Tensor b) {
    check(a.rank() >= 1 && b.rank() >= 1, "both operands need at least one dimension", a, b);
    if (a.rank() < 2 && b.rank() < 2) {
      check(a.rank() == 1 && b.rank() == 1 && a.dim(0) == b.dim(0), "vectors of different lengths", a, b);
      return a.mul(b).sum();
    }
    if (a.rank() == 1) {
      Tensor row = matmul(a.reshape(1, -1), b);          // [..., 1, m]
      return row.reshape(withoutAxis(row.dims(), row.rank() - 2));
    }
    if (b.rank() == 1) {
      Tensor col = matmul(a, b.reshape(-1, 1));          // [..., n, 1]
      return col.reshape(withoutAxis(col.dims(), col.rank() - 1));
    }
    int k = a.dim(-1);
    check(k == b.dim(-2), "inner dimensions differ, " + k + " != " + b.dim(-2), a, b);
    if (b.rank() == 2 && a.rank() > 2) {
      // [..., n, k] @ [k, m]: one big 2-D product over all rows, no copies.
      int[] d = a.dims();
      d[d.length - 1] = b.dim(1);
      return Tensor.apply(new MatMul(false, false), a.reshape(a.shape().outer(a.rank() - 1), k), b).reshape(d);
    }
    Shape batchA = leading(a.shape()), batchB = leading(b.shape());
    check(broadcastable(batchA, batchB), "batch dimensions " + batchA + " and " + batchB + " do not broadcast", a, b);
    Shape batch = Shape.broadcast("matmul", batchA, batchB);
    Tensor ea = a.expand(concat(batch, a.dim(-2), k));
    Tensor eb = b.expand(concat(batch, k, b.dim(-1)));
    return Tensor.apply(new MatMul(false, false), ea, eb);
  }

  /** Whether {@code m} is a 2-D view whose transpose is contiguous: the transpose of a whole matrix. */
  private static boolean isTransposedMatrix(Tensor m) {
    return m.rank() == 2 && !m.isContiguous() && m.permutedView(new int[] {1, 0}).isContiguous();
  }

  private static int[] withoutAxis(int[] d, int axis) {
    int[] out = new int[d.length - 1];
    for (int i = 0, j = 0; i < d.length; i++) if (i != axis) out[j++] = d[i];
    return out;
  }

  private static void check(boolean ok, String why, Tensor a, Tensor b) {
    if (!ok) throw new IllegalArgumentException("matmul: " + why + " (got " + a.shape() + " and " + b.shape() + ")");
  }

  private static boolean broadcastable(Shape x, Shape y) {
    for (int i = 1; i <= Math.min(x.rank(), y.rank()); i++) {
      int dx = x.dim(-i), dy = y.dim(-i);
      if (dx != dy && dx != 1 && dy != 1) return false;
    }
    return true;
  }

  private static Shape leading(Shape s) {
    int[] d = new int[s.rank() - 2];
    for (int i = 0; i < d.length; i++) d[i] = s.dim(i);
    return Shape.of(d);
  }

  private static Shape concat(Shape batch, int rows, int cols) {
    int[] d = new int[batch.rank() + 2];
    for (int i = 0; i < batch.rank(); i++) d[i] = batch.dim(i);
    d[batch.rank()] = rows;
    d[batch.rank() + 1] = cols;
    return Shape.of(d);
  }

  @Override public Tensor forward(Context ctx, Tensor... in) {
    Tensor a = in[0], b = in[1];
    ctx.save(a, b);
    // A transposed matrix (a view, e.g. w.t()) goes to the kernel as its contiguous original with
    // the transpose flag flipped: no copy.
    boolean ta = transA, tb = transB;
    if (isTransposedMatrix(a)) {
      a = a.permutedView(new int[] {1, 0});
      ta = !ta;
    }
    if (isTransposedMatrix(b)) {
      b = b.permutedView(new int[] {1, 0});
      tb = !tb;
    }
    int n = ta ? a.dim(-1) : a.dim(-2);
    int k = ta ? a.dim(-2) : a.dim(-1);
    int m = tb ? b.dim(-2) : b.dim(-1);
    int batches = a.shape().outer(a.rank() - 2);
    Shape out = a.shape().with(a.rank() - 2, n).with(a.rank() - 1, m);
    Tensor c = Tensor.zeros(a.dtype(), out);
    for (int i = 0; i < batches; i++) {
      int aOff = i * n * k, bOff = i * k * m, cOff = i * n * m;
      if (!ta) {
        ParallelGemm.gemm(Compute.kernels(), tb, n, m, k, a, aOff, b, bOff, c, cOff, false);
      } else {
        a.storage().gemm(Compute.kernels(), ta, tb, n, m, k, aOff, b.storage(), bOff, c.storage(), cOff, false);
      }
    }
    return c;
  }

  @Override public Tensor[] backward(Context ctx, Tensor dy) {
    Tensor a = ctx.saved(0), b = ctx.saved(1);
    Tensor da = null, db = null;
    if (ctx.needsGrad(0)) {
      da = transA
          ? Tensor.apply(new MatMul(transB, true), b, dy)      // A stored as op(A)ᵀ: dA = op(B)·dCᵀ
          : Tensor.apply(new MatMul(false, !transB), dy, b);   // dA = dC·op(B)ᵀ
    }
    if (ctx.needsGrad(1)) {
      db = transB
          ? Tensor.apply(new MatMul(true, transA), dy, a)      // B stored as op(B)ᵀ: dB = dCᵀ·op(A)
          : Tensor.apply(new MatMul(!transA, false), a, dy);   // dB = op(A)ᵀ·dC
    }
    return new Tensor[] {da, db};
  }

  @Override public String toString() { return "MatMul(transA=" + transA + ", transB=" + transB + ")"; }

  @Override public Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y) {
    return Tangents.sum(
        t[0] == null ? null : Tensor.apply(this, t[0], x[1]),
        t[1] == null ? null : Tensor.apply(this, x[0], t[1]));
  }

  @Override public Domain domain(int input) {
    return Domain.reals(-1, 1);
  }

  /** A small application for the generic checks. */
  public static Example example() {
    return Example.of(new MatMul(false, false), Shape.of(3, 4), Shape.of(4, 2)).withParams(1);
  }
}
