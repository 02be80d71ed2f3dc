package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * PyTorch's {@code NLLLoss}: the negative log-likelihood of class-index targets given
 * log-probabilities (e.g. a {@code logSoftmax} output), ℓ = −ln p_y per position, 0 where y is
 * {@link #ignoreIndex} (default −100). Classes along {@link #classAxis} (default −1, the last;
 * PyTorch's [batch, k, ...] layout is {@code classAxis(1)}); targets are the output's shape
 * without the class axis (an I64 or I32 tensor, or whole numbers in a float tensor), or an
 * {@code int[]} in row-major order. {@link Reduction#MEAN} divides
 * by the number of positions not ignored. {@code NLLLoss} on {@code z.logSoftmax(axis)} is
 * {@link CrossEntropyLoss} on z.
 */
public final class NLLLoss implements Cost {
  private static final String NAME = "NLLLoss";
  private final int classAxis;
  private final Reduction reduction;
  private final int ignoreIndex;

  /** Classes along the last axis, the mean, ignore index −100. */
  public NLLLoss() { this(-1, Reduction.MEAN, -100); }

  private NLLLoss(int classAxis, Reduction reduction, int ignoreIndex) {
    if (reduction == null) throw new IllegalArgumentException(NAME + ": reduction is null; use Reduction.MEAN, SUM or NONE");
    this.classAxis = classAxis;
    this.reduction = reduction;
    this.ignoreIndex = ignoreIndex;
  }

  /** The axis of the output that holds the classes (negative counts from the end). */
  public NLLLoss classAxis(int axis) { return new NLLLoss(axis, reduction, ignoreIndex); }

  /** How the per-position losses are combined. */
  public NLLLoss reduction(Reduction r) { return new NLLLoss(classAxis, r, ignoreIndex); }

  /** A class index whose positions contribute nothing (padding). */
  public NLLLoss ignoreIndex(int index) { return new NLLLoss(classAxis, reduction, index); }

  @Override public Tensor apply(Tensor output, Tensor target) {
    int axis = axisOf(output);
    if (!ClassIndices.isIndexShape(output, axis, target)) {
      throw new IllegalArgumentException(NAME + ": target must be class indices of shape "
          + java.util.Arrays.toString(ClassIndices.targetDims(output, axis)) + " (the output without its class axis "
          + axis + ") (got " + output.shape() + " and " + target.shape() + ")"
          + (target.shape().equals(output.shape()) ? "; for class probabilities use CrossEntropyLoss on logits" : ""));
    }
    return fromIndices(output, ClassIndices.of(NAME, output, axis, target, ignoreIndex));
  }

  @Override public Tensor apply(Tensor output, int[] labels) {
    return fromIndices(output, ClassIndices.of(NAME, output, axisOf(output), labels, ignoreIndex));
  }

  private Tensor fromIndices(Tensor logP, ClassIndices y) {
    Tensor perPosition = logP.mul(y.weights(0.0)).sum(new int[] {y.axis()}, false).neg();
    return reduction.apply(perPosition, y.kept);
  }

  private int axisOf(Tensor output) {
    if (output.rank() == 0) throw new IllegalArgumentException(NAME + ": output is a scalar; it needs a class axis");
    return output.shape().axis(classAxis, NAME + " class axis");
  }

  @Override public String toString() {
    return NAME + "(classAxis=" + classAxis + ", reduction=" + reduction + ", ignoreIndex=" + ignoreIndex + ")";
  }
}
