package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/**
 * PyTorch's {@code CrossEntropyLoss}: log-softmax over the class axis of the logits, then the
 * negative log-likelihood of the targets. The output may have any rank with the classes along
 * one axis ({@link #classAxis}, default −1, the last: [batch, k], [batch, time, k]; PyTorch's
 * [batch, k, time] is {@code classAxis(1)}). Per position, with p = softmax(z) over the classes:
 * <ul>
 *   <li>class-index targets (an I64 or I32 tensor of the output's shape without the class axis,
 *       as PyTorch's {@code cross_entropy(logits, target.long())}; whole numbers in a float tensor
 *       or an {@code int[]} in row-major order also do): ℓ = −(1 − ε)·ln p_y − (ε/k)·Σ_c ln p_c, and 0 where y is
 *       {@link #ignoreIndex} (default −100, as PyTorch); {@link Reduction#MEAN} divides by the
 *       number of positions not ignored (NaN if every one is);</li>
 *   <li>dense targets (class probabilities, the output's shape): ℓ = −Σ_c y'_c ln p_c with
 *       y' = (1 − ε)·y + ε/k; the mean divides by the number of positions.</li>
 * </ul>
 * ε is the {@link #labelSmoothing} (default 0). Stable for any logits (see
 * {@link Tensor#logSoftmax}); a composite of Tensor operations, so grad of grad works.
 *
 * <pre>{@code
 * new CrossEntropyLoss().labelSmoothing(0.1).ignoreIndex(0).apply(logits, tokens)  // [b, t, k], [b, t]
 * }</pre>
 */
public final class CrossEntropyLoss implements Cost {
  private static final String NAME = "CrossEntropyLoss";
  private final int classAxis;
  private final Reduction reduction;
  private final int ignoreIndex;
  private final double labelSmoothing;

  /** Classes along the last axis, the mean, ignore index −100, no label smoothing. */
  public CrossEntropyLoss() { this(-1, Reduction.MEAN, -100, 0.0); }

  private CrossEntropyLoss(int classAxis, Reduction reduction, int ignoreIndex, double labelSmoothing) {
    if (reduction == null) throw new IllegalArgumentException(NAME + ": reduction is null; use Reduction.MEAN, SUM or NONE");
    if (!(labelSmoothing >= 0.0 && labelSmoothing <= 1.0)) {
      throw new IllegalArgumentException(NAME + ": label smoothing must be in [0, 1], got " + labelSmoothing);
    }
    this.classAxis = classAxis;
    this.reduction = reduction;
    this.ignoreIndex = ignoreIndex;
    this.labelSmoothing = labelSmoothing;
  }

  /** The axis of the output that holds the classes (negative counts from the end). */
  public CrossEntropyLoss classAxis(int axis) { return new CrossEntropyLoss(axis, reduction, ignoreIndex, labelSmoothing); }

  /** How the per-position losses are combined. */
  public CrossEntropyLoss reduction(Reduction r) { return new CrossEntropyLoss(classAxis, r, ignoreIndex, labelSmoothing); }

  /** A class index whose positions contribute nothing (padding); class-index targets only. */
  public CrossEntropyLoss ignoreIndex(int index) { return new CrossEntropyLoss(classAxis, reduction, index, labelSmoothing); }

  /** ε in [0, 1]: the target puts 1 − ε on the true class and ε spread evenly over all k classes. */
  public CrossEntropyLoss labelSmoothing(double epsilon) { return new CrossEntropyLoss(classAxis, reduction, ignoreIndex, epsilon); }

  @Override public Tensor apply(Tensor output, Tensor target) {
    int axis = axisOf(output);
    if (target.shape().equals(output.shape())) {
      Tensor y = Targets.matching(NAME, output, target);
      int classes = output.dim(axis);
      Tensor smoothed = labelSmoothing == 0.0 ? y : y.mul(1.0 - labelSmoothing).add(labelSmoothing / classes);
      Tensor perPosition = output.logSoftmax(axis).mul(smoothed).sum(new int[] {axis}, false).neg();
      return reduction.apply(perPosition, perPosition.size());
    }
    if (!ClassIndices.isIndexShape(output, axis, target)) {
      throw new IllegalArgumentException(NAME + ": target must be class indices of shape "
          + java.util.Arrays.toString(ClassIndices.targetDims(output, axis)) + " (the output without its class axis "
          + axis + ") or class probabilities of the output's shape (got " + output.shape() + " and " + target.shape() + ")");
    }
    return fromIndices(output, ClassIndices.of(NAME, output, axis, target, ignoreIndex));
  }

  @Override public Tensor apply(Tensor output, int[] labels) {
    return fromIndices(output, ClassIndices.of(NAME, output, axisOf(output), labels, ignoreIndex));
  }

  private Tensor fromIndices(Tensor output, ClassIndices y) {
    Tensor logP = output.logSoftmax(y.axis());
    Tensor perPosition = logP.mul(y.weights(labelSmoothing)).sum(new int[] {y.axis()}, false).neg();
    return reduction.apply(perPosition, y.kept);
  }

  private int axisOf(Tensor output) {
    if (output.rank() == 0) throw new IllegalArgumentException(NAME + ": output is a scalar; it needs a class axis");
    return output.shape().axis(classAxis, NAME + " class axis");
  }

  @Override public String toString() {
    return NAME + "(classAxis=" + classAxis + ", reduction=" + reduction + ", ignoreIndex=" + ignoreIndex
        + ", labelSmoothing=" + labelSmoothing + ")";
  }
}
