package dev.chainrule.nn.train;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.StepSchedule;
import java.util.List;
import java.util.Map;

/**
 * The optimizer steps of one {@code fit}: gradient accumulation over micro-batches, the per-step
 * learning rate, gradient hooks, clipping and the step limit, so the {@link Trainer}'s loop stays
 * "zero, forward, cost, backward, step".
 */
final class Steps {
  private final Optimizer optimizer;
  private final int accumulate;
  private final StepSchedule schedule;
  private final double baseRate;
  private final long total;
  private final List<GradientHook> hooks;
  private final GradientClipping clipping;
  private final Map<String, Tensor> named;
  private final List<Tensor> params;
  private long taken;
  private int pending;

  Steps(Module model, Optimizer optimizer, int accumulate, StepSchedule schedule, long total,
        List<GradientHook> hooks, GradientClipping clipping) {
    this.optimizer = optimizer;
    this.accumulate = accumulate;
    this.schedule = schedule;
    this.baseRate = optimizer.learningRate();
    this.total = total;
    this.hooks = hooks;
    this.clipping = clipping;
    this.named = model.namedParameters();
    this.params = List.copyOf(named.values());
  }

  /** Backpropagates one micro-batch's cost, scaled by 1/accumulate so a step sees their mean. */
  void backward(Tensor cost) {
    if (pending == 0) optimizer.zeroGrad();
    (accumulate == 1 ? cost : cost.div(accumulate)).backward();
    pending++;
  }

  /** Steps once {@code accumulate} micro-batches are in, or at the end of the epoch with what there is. */
  void afterBatch(boolean lastOfEpoch) {
    if (pending == 0) return;   // every batch since the last step was skipped (non-finite cost)
    if (pending < accumulate && !lastOfEpoch) return;
    if (schedule != null) optimizer.setLearningRate(rateAt(taken));
    for (GradientHook h : hooks) h.onGradients(taken, named);
    if (clipping != null) clipping.apply(params);
    optimizer.step();
    taken++;
    pending = 0;
  }

  /** The learning rate the schedule gives the next step (the optimizer's own rate without one). */
  double nextRate() {
    return schedule == null ? optimizer.learningRate() : rateAt(taken);
  }

  private double rateAt(long step) {
    double rate = schedule.rate(step, total, baseRate);
    if (!(rate > 0.0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("Trainer: step schedule " + schedule + " gives learning rate " + rate
          + " at step " + step + " of " + total + " (base rate " + baseRate + "); rates must be positive and finite");
    }
    return rate;
  }

  /** Whether the step limit is reached. */
  boolean done() { return taken >= total; }
}
