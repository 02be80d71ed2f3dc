package dev.chainrule.nn.optim;

/**
 * The learning rate as a function of the optimizer step, for schedules that change within an
 * epoch (warm-up, one-cycle): a factor applied to the base rate (the rate the optimizer had when
 * training began). Steps are 0-based and {@code totalSteps} is the number the run will take; the
 * {@link dev.chainrule.nn.train.Trainer} sets the optimizer's rate from it before every step.
 * <pre>{@code
 * Trainer.builder()...optimizer(new Adam(net.parameters(), 3e-4))
 *     .stepSchedule(StepSchedule.cosineWithWarmup(500, 0.0))   // 500 steps up, then cosine down
 * }</pre>
 * A factor must be positive and finite at every step trained (the Trainer checks as it goes).
 */
@FunctionalInterface
public interface StepSchedule {

  /** The factor that multiplies the base rate at the 0-based {@code step} of {@code totalSteps}. */
  double factor(long step, long totalSteps);

  /** The learning rate at {@code step}: {@code baseRate · factor(step, totalSteps)}. */
  default double rate(long step, long totalSteps, double baseRate) {
    return baseRate * factor(step, totalSteps);
  }

  /**
   * Linear warm-up, then the base rate: factor = (step + 1)/warmupSteps for the first
   * {@code warmupSteps} steps (so the first step already moves, at 1/warmupSteps of the rate), 1
   * afterwards.
   */
  static StepSchedule linearWarmup(long warmupSteps) {
    return new StepSchedules.Warmup(warmupSteps);
  }

  /**
   * Linear warm-up as {@link #linearWarmup}, then cosine annealing over the remaining steps from
   * the base rate towards {@code minFactor}·base: factor = m + (1 − m)·(1 + cos(π·t))/2 with
   * t = (step − warmupSteps)/(totalSteps − warmupSteps) (the schedule of most transformer training
   * recipes, e.g. Hugging Face's {@code get_cosine_schedule_with_warmup} with a floor).
   *
   * @param minFactor the floor, in [0, 1]; with 0 the last step's rate is small but positive
   */
  static StepSchedule cosineWithWarmup(long warmupSteps, double minFactor) {
    return new StepSchedules.CosineWithWarmup(warmupSteps, minFactor);
  }

  /**
   * PyTorch's {@code OneCycleLR} with cosine annealing and the base rate as {@code max_lr}
   * (L. N. Smith and N. Topin, "Super-Convergence", 2017): from base/divFactor up to the base over
   * the first {@code pctStart} of the steps, then down to base/(divFactor·finalDivFactor) at the
   * last step. PyTorch's defaults are {@code oneCycle(0.3, 25, 1e4)}.
   */
  static StepSchedule oneCycle(double pctStart, double divFactor, double finalDivFactor) {
    return new StepSchedules.OneCycle(pctStart, divFactor, finalDivFactor);
  }
}
