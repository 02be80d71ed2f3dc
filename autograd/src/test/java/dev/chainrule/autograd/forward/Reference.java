package dev.chainrule.autograd.forward;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.function.DoubleBinaryOperator;

/** Straightforward index arithmetic over doubles: the obvious definitions the kernels must agree with. */
final class Reference {
  private Reference() {}

  /** The multi-index of row-major position {@code flat}. */
  static int[] unravel(int flat, int[] dims) {
    int[] idx = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      idx[d] = flat % dims[d];
      flat /= dims[d];
    }
    return idx;
  }

  /** The row-major position of a multi-index. */
  static int ravel(int[] idx, int[] dims) {
    int flat = 0;
    for (int d = 0; d < dims.length; d++) flat = flat * dims[d] + idx[d];
    return flat;
  }

  /** The element of {@code t} that broadcasting reads for output index {@code out}: align right, size-1 dims read 0. */
  static double broadcastRead(Tensor t, int[] out) {
    int[] dims = t.dims();
    int[] idx = new int[dims.length];
    int lead = out.length - dims.length;
    for (int d = 0; d < dims.length; d++) idx[d] = dims[d] == 1 ? 0 : out[d + lead];
    return t.getRaw(ravel(idx, dims));
  }

  /** op(a, b) elementwise with NumPy broadcasting, as a double array in row-major order of the result. */
  static double[] broadcast(Tensor a, Tensor b, DoubleBinaryOperator op) {
    Shape s = Shape.broadcast("reference", a.shape(), b.shape());
    double[] out = new double[s.size()];
    for (int i = 0; i < out.length; i++) {
      int[] idx = unravel(i, s.dims());
      out[i] = op.applyAsDouble(broadcastRead(a, idx), broadcastRead(b, idx));
    }
    return out;
  }

  /** matmul by the triple loop, with 1-D operands promoted and batch dimensions broadcast by index. */
  static Tensor matmul(Tensor a, Tensor b) {
    boolean rowVector = a.rank() == 1, colVector = b.rank() == 1;
    Tensor a2 = rowVector ? a.reshape(1, a.dim(0)) : a;
    Tensor b2 = colVector ? b.reshape(b.dim(0), 1) : b;
    int n = a2.dim(-2), k = a2.dim(-1), m = b2.dim(-1);
    Shape batch = Shape.broadcast("reference", leading(a2), leading(b2));
    int[] bd = batch.dims();
    double[] out = new double[batch.size() * n * m];
    for (int t = 0; t < batch.size(); t++) {
      int[] bi = unravel(t, bd);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double acc = 0;
          for (int p = 0; p < k; p++) acc += broadcastRead(a2, append(bi, i, p)) * broadcastRead(b2, append(bi, p, j));
          out[(t * n + i) * m + j] = acc;
        }
      }
    }
    int[] dims = new int[bd.length + (rowVector ? 0 : 1) + (colVector ? 0 : 1)];
    System.arraycopy(bd, 0, dims, 0, bd.length);
    int at = bd.length;
    if (!rowVector) dims[at++] = n;
    if (!colVector) dims[at] = m;
    return Tensor.of(out, dims);
  }

  private static Shape leading(Tensor t) {
    int[] d = new int[t.rank() - 2];
    System.arraycopy(t.dims(), 0, d, 0, d.length);
    return Shape.of(d);
  }

  private static int[] append(int[] batch, int r, int c) {
    int[] idx = java.util.Arrays.copyOf(batch, batch.length + 2);
    idx[batch.length] = r;
    idx[batch.length + 1] = c;
    return idx;
  }

  /** Sum (or max) over a set of axes, kept as size 1, by visiting every input element once. */
  static double[] reduce(Tensor x, int[] axes, boolean max) {
    int[] dims = x.dims();
    boolean[] reduced = new boolean[dims.length];
    for (int a : axes) reduced[a < 0 ? a + dims.length : a] = true;
    int[] outDims = dims.clone();
    for (int d = 0; d < dims.length; d++) if (reduced[d]) outDims[d] = 1;
    double[] out = new double[Shape.of(outDims).size()];
    java.util.Arrays.fill(out, max ? Double.NEGATIVE_INFINITY : 0.0);
    for (int i = 0; i < x.size(); i++) {
      int[] idx = unravel(i, dims);
      for (int d = 0; d < dims.length; d++) if (reduced[d]) idx[d] = 0;
      int o = ravel(idx, outDims);
      out[o] = max ? Math.max(out[o], x.getRaw(i)) : out[o] + x.getRaw(i);
    }
    return out;
  }
}
