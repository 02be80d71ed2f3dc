package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * Validates targets and turns class indices into one-hot rows (the front that the cost formulas
 * trust). Class indices come as an I64/I32 tensor or as whole numbers in a float tensor; both give
 * the same one-hot rows, so the same costs bit for bit.
 */
final class Targets {
  private Targets() {}

  static Tensor dense(String op, Tensor output, Tensor target) {
    if (output.rank() != 2) {
      throw new IllegalArgumentException(op + ": output must be [batch, k] (got " + output.shape() + ")");
    }
    if (target.shape().equals(output.shape())) {
      if (target.dtype() != output.dtype()) {
        throw new IllegalArgumentException(op + ": output is " + output.dtype() + " but target is "
            + target.dtype() + "; convert the target with target.to(" + output.dtype() + ")");
      }
      return target;
    }
    if (target.rank() == 1 && target.dim(0) == output.dim(0) && output.dim(1) == 1) {
      // One output column (a single sigmoid): [batch] targets are the 0/1 labels themselves, not
      // class indices (one-hot over one class would turn every label into 1).
      return dense(op, output, target.reshape(-1, 1));
    }
    if (target.rank() == 1 && target.dim(0) == output.dim(0)) {
      int[] labels = new int[target.size()];
      for (int i = 0; i < labels.length; i++) {
        double v = target.getRaw(i);
        if (v != Math.rint(v)) {
          throw new IllegalArgumentException(op + ": class index " + v + " at position " + i + " is not an integer;"
              + " class indices are best held in an I64 tensor (Tensor.ofLongs, or target.to(DType.I64))");
        }
        labels[i] = (int) v;
      }
      return oneHot(op, output, labels);
    }
    throw new IllegalArgumentException(op + ": target must have the output's shape or be [batch] class indices"
        + " (got " + output.shape() + " and " + target.shape() + ")");
  }

  /**
   * {@code target} for an elementwise loss: it must have the output's shape and dtype (no silent
   * broadcasting: PyTorch warns about it, we refuse it).
   */
  static Tensor matching(String op, Tensor output, Tensor target) {
    if (!target.shape().equals(output.shape())) {
      throw new IllegalArgumentException(op + ": target must have the output's shape (got " + output.shape()
          + " and " + target.shape() + ")" + (target.size() == output.size() ? "; reshape the target with target.reshape("
          + java.util.Arrays.toString(output.dims()).replaceAll("[\\[\\]]", "") + ")" : ""));
    }
    if (target.dtype() != output.dtype()) {
      throw new IllegalArgumentException(op + ": output is " + output.dtype() + " but target is "
          + target.dtype() + "; convert the target with target.to(" + output.dtype() + ")");
    }
    return target;
  }

  static Tensor oneHot(String op, Tensor output, int[] labels) {
    if (output.rank() != 2 || labels.length != output.dim(0)) {
      throw new IllegalArgumentException(op + ": " + labels.length + " labels for output of shape "
          + output.shape() + "; expected output [batch, classes] with one label per row");
    }
    int classes = output.dim(1);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(op + ": class index " + labels[i] + " at position " + i
            + " is outside [0, " + classes + ") for output of shape " + output.shape());
      }
    }
    return Tensor.oneHot(output.dtype(), labels, classes);
  }
}
