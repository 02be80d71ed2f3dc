package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015), PyTorch's {@code nn.BatchNorm1d} and
 * {@code nn.BatchNorm2d}: each channel (axis 1) is normalised, then scaled and shifted,
 * y = (x − μ)/√(σ² + ε)·γ + β.
 *
 * <ul>
 *   <li>Training mode: μ and σ² are the batch's mean and biased variance over every axis but the
 *       channel axis ({@link Tensor#batchNorm}, differentiated through them); the running
 *       statistics move towards the batch's, r ← (1 − momentum)·r + momentum·batch (with the
 *       unbiased variance, as PyTorch), and {@code num_batches_tracked} counts the batches.</li>
 *   <li>Evaluation mode ({@link #eval()}): μ and σ² are the running statistics, so each example
 *       is transformed on its own.</li>
 * </ul>
 *
 * <p>State, with PyTorch's names: parameters {@code weight} (γ, ones) and {@code bias} (β, zeros);
 * buffers {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked}
 * (a float64 scalar here, int64 in PyTorch; {@code load_state_dict} converts it). In training
 * mode examples influence each other's outputs, so its contract declares no batch axis.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
  private final int features;
  private final double eps, momentum;
  private final Tensor weight, bias, runningMean, runningVar, batchesTracked;

  BatchNorm(int features, double eps, double momentum, DType dtype) {
    if (features <= 0 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": needs features > 0, eps > 0 and momentum in [0, 1], got "
          + features + ", " + eps + ", " + momentum);
    }
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = param("weight", Tensor.ones(dtype, features));
    this.bias = param("bias", Tensor.zeros(dtype, features));
    this.runningMean = buffer("running_mean", Tensor.zeros(dtype, features));
    this.runningVar = buffer("running_var", Tensor.ones(dtype, features));
    this.batchesTracked = buffer("num_batches_tracked", Tensor.scalar(0.0, DType.F64));
  }

  /** Whether the input's rank is one this layer takes (2 or 3 for 1-d, 4 for 2-d). */
  abstract boolean acceptsRank(int rank);

  /** The input layout for error messages. */
  abstract String layout();

  @Override public Tensor forward(Tensor x) {
    if (!acceptsRank(x.rank())) throw new IllegalArgumentException(this + ": input must be " + layout() + " (got " + x.shape() + ")");
    if (x.dim(1) != features) {
      throw new IllegalArgumentException(this + ": input has " + x.dim(1) + " channels, expected " + features + " (got " + x.shape() + ")");
    }
    int[] perChannel = new int[x.rank()];
    java.util.Arrays.fill(perChannel, 1);
    perChannel[1] = features;
    if (!isTraining()) {
      // y = x·s + (β − μ·s) with s = γ/√(σ² + ε): one multiply and one add over the batch.
      Tensor scale = weight.mul(runningVar.to(x.dtype()).add(eps).pow(-0.5));
      Tensor shift = bias.sub(runningMean.to(x.dtype()).mul(scale));
      return x.mul(scale.reshape(perChannel)).add(shift.reshape(perChannel));
    }
    int perFeature = x.size() / features;
    if (perFeature < 2) {
      throw new IllegalArgumentException(this + ": training needs more than one value per channel (got " + x.shape()
          + "); call eval() to use the running statistics");
    }
    Tensor y = x.batchNorm(weight, bias, eps);
    updateRunningStatistics(x, perFeature);
    return y;
  }

  private void updateRunningStatistics(Tensor x, int n) {
    try (var noGrad = GradMode.off()) {
      int[] axes = new int[x.rank() - 1];
      for (int a = 0, i = 0; a < x.rank(); a++) if (a != 1) axes[i++] = a;
      Tensor xs = x.detach().to(runningMean.dtype());
      Tensor mean = xs.mean(axes, true);
      Tensor unbiasedVar = xs.sub(mean).square().sum(axes, false).div(n - 1);
      runningMean.copyInPlace(runningMean.mul(1 - momentum).add(mean.reshape(features).mul(momentum)));
      runningVar.copyInPlace(runningVar.mul(1 - momentum).add(unbiasedVar.mul(momentum)));
      batchesTracked.copyInPlace(batchesTracked.add(1.0));
    }
  }

  /** γ, the per-channel scale [features]. */
  public Tensor weight() { return weight; }

  /** β, the per-channel shift [features]. */
  public Tensor bias() { return bias; }

  /** The running mean [features] (a buffer). */
  public Tensor runningMean() { return runningMean; }

  /** The running (unbiased) variance [features] (a buffer). */
  public Tensor runningVar() { return runningVar; }

  /** How many training batches have updated the running statistics. */
  public long batchesTracked() { return (long) batchesTracked.item(); }

  @Override public String toString() {
    return getClass().getSimpleName() + "(" + features + (eps == 1e-5 ? "" : ", eps=" + eps)
        + (momentum == 0.1 ? "" : ", momentum=" + momentum) + (weight.dtype() == DType.F32 ? "" : ", " + weight.dtype()) + ")";
  }
}
