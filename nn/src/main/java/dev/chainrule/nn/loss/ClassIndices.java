package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/**
 * Class-index targets for an output whose classes run along one axis, e.g. logits [batch, k]
 * with targets [batch], or [batch, time, k] with targets [batch, time] (class axis -1), or
 * PyTorch's layout [batch, k, time] with targets [batch, time] (class axis 1), held in an I64 or
 * I32 tensor (or as whole numbers in a float tensor). Validated once here, the front the loss
 * formulas trust: every index is a whole number in [0, k) or the ignore index.
 */
final class ClassIndices {
  private final Tensor output;
  private final int axis, classes, outer, inner;
  private final int[] labels;
  private final int ignoreIndex;
  /** Positions whose label is not the ignore index: the divisor of a mean. */
  final int kept;

  private ClassIndices(Tensor output, int axis, int[] labels, int ignoreIndex, int kept) {
    this.output = output;
    this.axis = axis;
    this.classes = output.dim(axis);
    this.outer = output.shape().outer(axis);
    this.inner = output.shape().inner(axis);
    this.labels = labels;
    this.ignoreIndex = ignoreIndex;
    this.kept = kept;
  }

  /** The dims of a class-index target for {@code output}: its dims without the class axis. */
  static int[] targetDims(Tensor output, int axis) {
    int[] d = new int[output.rank() - 1];
    for (int i = 0, j = 0; i < output.rank(); i++) if (i != axis) d[j++] = output.dim(i);
    return d;
  }

  /** Whether {@code target} has the shape of class indices for {@code output}. */
  static boolean isIndexShape(Tensor output, int axis, Tensor target) {
    return Arrays.equals(target.dims(), targetDims(output, axis));
  }

  /**
   * Indices in an integer tensor (I64, as PyTorch's {@code cross_entropy(logits, target.long())},
   * or I32), or held as whole numbers in a float tensor (the path from before integer dtypes,
   * kept: both give bit-identical losses).
   */
  static ClassIndices of(String op, Tensor output, int axis, Tensor target, int ignoreIndex) {
    int[] dims = targetDims(output, axis);
    if (!Arrays.equals(target.dims(), dims)) {
      throw new IllegalArgumentException(op + ": class-index target must be " + Arrays.toString(dims) + " (output "
          + output.shape() + " without its class axis " + axis + ") (got " + target.shape() + ")");
    }
    int[] labels = new int[target.size()];
    for (int i = 0; i < labels.length; i++) {
      double v = target.getRaw(i);
      if (v != Math.rint(v)) {
        throw new IllegalArgumentException(op + ": class index " + v + " at " + where(dims, i)
            + " of the target is not an integer; class indices are whole numbers in [0, " + output.dim(axis)
            + "), best held in an I64 tensor (Tensor.ofLongs, or target.to(DType.I64))");
      }
      if (Math.abs(v) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(op + ": class index " + (long) v + " at " + where(dims, i)
            + " of the target is outside [0, " + output.dim(axis) + ") (" + output.dim(axis) + " classes along axis "
            + axis + " of output " + output.shape() + ")");
      }
      labels[i] = (int) v;
    }
    return checked(op, output, axis, labels, dims, ignoreIndex);
  }

  /** Indices as an {@code int[]} in row-major order over the output's dims without the class axis. */
  static ClassIndices of(String op, Tensor output, int axis, int[] labels, int ignoreIndex) {
    int[] dims = targetDims(output, axis);
    int positions = 1;
    for (int d : dims) positions *= d;
    if (labels.length != positions) {
      throw new IllegalArgumentException(op + ": " + labels.length + " class indices for output " + output.shape()
          + " with class axis " + axis + "; expected " + positions + " (one per position of " + Arrays.toString(dims) + ")");
    }
    return checked(op, output, axis, labels.clone(), dims, ignoreIndex);
  }

  private static ClassIndices checked(String op, Tensor output, int axis, int[] labels, int[] dims, int ignoreIndex) {
    int classes = output.dim(axis), kept = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == ignoreIndex) continue;
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(op + ": class index " + labels[i] + " at " + where(dims, i)
            + " of the target is outside [0, " + classes + ") (" + classes + " classes along axis " + axis
            + " of output " + output.shape() + "; ignore_index is " + ignoreIndex + ")");
      }
      kept++;
    }
    return new ClassIndices(output, axis, labels, ignoreIndex, kept);
  }

  /** "[1, 0]": a flat position in {@code dims}, as a multi-index. */
  private static String where(int[] dims, int flat) {
    int[] idx = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      idx[d] = flat % dims[d];
      flat /= dims[d];
    }
    return Arrays.toString(idx);
  }

  /**
   * Constant weights of the output's shape for Σ_c w_c·ln p_c: at each kept position (1 − ε) on
   * its class plus ε/k on every class (label smoothing ε), zero at ignored positions.
   */
  Tensor weights(double smoothing) {
    double[] w = new double[output.size()];
    double spread = smoothing / classes;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int label = labels[o * inner + i];
        if (label == ignoreIndex) continue;
        for (int c = 0; c < classes; c++) w[(o * classes + c) * inner + i] = spread;
        w[(o * classes + label) * inner + i] += 1.0 - smoothing;
      }
    }
    return Tensor.of(output.dtype(), w, output.dims());
  }

  int axis() { return axis; }
}
