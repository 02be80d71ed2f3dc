package dev.chainrule.nn.optim;

/**
 * The learning rate as a function of the epoch: a factor applied to the base rate (the rate the
 * optimizer had when training began), as PyTorch's {@code LambdaLR}; {@link #step} and
 * {@link #cosine} are PyTorch's {@code StepLR} and {@code CosineAnnealingLR}. Epochs are 1-based:
 * epoch 1 is PyTorch's {@code last_epoch = 0}, the epoch before the first {@code scheduler.step()}.
 * The {@link dev.chainrule.nn.train.Trainer} sets the optimizer's rate from it at the start of
 * every epoch.
 * <pre>{@code
 * Trainer.builder()...optimizer(new Sgd(net.parameters(), 0.1)).epochs(30)
 *     .schedule(LearningRateSchedule.step(10, 0.1))   // 0.1 for epochs 1-10, 0.01 for 11-20, ...
 * }</pre>
 * A factor must be positive and finite for every epoch trained (the Trainer checks before the
 * first epoch). The factories' {@code toString} shows their parameters.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /** The factor that multiplies the base rate in the 1-based {@code epoch}. */
  double factor(int epoch);

  /** The learning rate for the 1-based {@code epoch}: {@code baseRate · factor(epoch)}. */
  default double rate(int epoch, double baseRate) {
    return baseRate * factor(epoch);
  }

  /** The base rate throughout (factor 1). */
  static LearningRateSchedule constant() {
    return Schedules.Constant.INSTANCE;
  }

  /**
   * PyTorch's {@code StepLR(step_size = everyEpochs, gamma)}: the rate is multiplied by
   * {@code gamma} every {@code everyEpochs} epochs, factor = γ^⌊(epoch − 1)/everyEpochs⌋.
   *
   * @param everyEpochs epochs between decays, ≥ 1
   * @param gamma       the multiplier, positive and finite (usually &lt; 1)
   */
  static LearningRateSchedule step(int everyEpochs, double gamma) {
    return new Schedules.Step(everyEpochs, gamma);
  }

  /**
   * PyTorch's {@code CosineAnnealingLR(T_max = totalEpochs, eta_min = minFactor·base)}, cosine
   * annealing without restarts from I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent
   * with Warm Restarts", ICLR 2017:
   * factor = minFactor + (1 − minFactor)·(1 + cos(π·(epoch − 1)/totalEpochs))/2, which is 1 in
   * epoch 1 and reaches minFactor in epoch totalEpochs + 1. Unlike PyTorch's, whose closed form
   * climbs back up after T_max, the factor stays at minFactor beyond that.
   *
   * @param totalEpochs the annealing length T_max in epochs, ≥ 1
   * @param minFactor   the final factor, in [0, 1]; with 0 (PyTorch's default eta_min) train at
   *                    most totalEpochs epochs, since a rate of 0 is rejected
   */
  static LearningRateSchedule cosine(int totalEpochs, double minFactor) {
    return new Schedules.Cosine(totalEpochs, minFactor);
  }
}
