package dev.chainrule.nn.optim;

/** The {@link StepSchedule} factories' implementations; validate once, in the constructor. */
final class StepSchedules {
  private StepSchedules() {}

  static void checkStep(StepSchedule s, long step, long totalSteps) {
    if (step < 0 || step >= totalSteps) {
      throw new IllegalArgumentException(s + ": step " + step + " is outside [0, " + totalSteps + ")");
    }
  }

  static double warmup(long warmupSteps, long step) {
    return step < warmupSteps ? (step + 1.0) / warmupSteps : 1.0;
  }

  record Warmup(long warmupSteps) implements StepSchedule {
    Warmup {
      if (warmupSteps < 1) throw new IllegalArgumentException("linearWarmup: warmupSteps must be >= 1, got " + warmupSteps);
    }

    @Override public double factor(long step, long totalSteps) {
      checkStep(this, step, totalSteps);
      return warmup(warmupSteps, step);
    }

    @Override public String toString() { return "linearWarmup(" + warmupSteps + ")"; }
  }

  record CosineWithWarmup(long warmupSteps, double minFactor) implements StepSchedule {
    CosineWithWarmup {
      if (warmupSteps < 0) throw new IllegalArgumentException("cosineWithWarmup: warmupSteps must be >= 0, got " + warmupSteps);
      if (!(minFactor >= 0.0 && minFactor <= 1.0)) {
        throw new IllegalArgumentException("cosineWithWarmup: minFactor must be in [0, 1], got " + minFactor);
      }
    }

    @Override public double factor(long step, long totalSteps) {
      checkStep(this, step, totalSteps);
      if (step < warmupSteps) return warmup(warmupSteps, step);
      double t = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
      return minFactor + (1.0 - minFactor) * (1.0 + Math.cos(Math.PI * t)) / 2.0;
    }

    @Override public String toString() { return "cosineWithWarmup(" + warmupSteps + ", " + minFactor + ")"; }
  }

  record OneCycle(double pctStart, double divFactor, double finalDivFactor) implements StepSchedule {
    OneCycle {
      if (!(pctStart > 0.0 && pctStart < 1.0)) throw new IllegalArgumentException("oneCycle: pctStart must be in (0, 1), got " + pctStart);
      if (!(divFactor > 0.0) || Double.isInfinite(divFactor) || !(finalDivFactor > 0.0) || Double.isInfinite(finalDivFactor)) {
        throw new IllegalArgumentException("oneCycle: divFactor and finalDivFactor must be positive and finite, got "
            + divFactor + " and " + finalDivFactor);
      }
    }

    /** PyTorch's two phases: up from 1/div to 1 until step pctStart·total − 1, then down to 1/(div·finalDiv) at total − 1. */
    @Override public double factor(long step, long totalSteps) {
      checkStep(this, step, totalSteps);
      double initial = 1.0 / divFactor, min = initial / finalDivFactor;
      double upEnd = pctStart * totalSteps - 1, downEnd = totalSteps - 1;
      if (step <= upEnd) return anneal(initial, 1.0, step / upEnd);
      return anneal(1.0, min, (step - upEnd) / (downEnd - upEnd));
    }

    /** PyTorch's {@code _annealing_cos}: from start to end as pct goes from 0 to 1. */
    private static double anneal(double start, double end, double pct) {
      return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    @Override public String toString() { return "oneCycle(" + pctStart + ", " + divFactor + ", " + finalDivFactor + ")"; }
  }
}
