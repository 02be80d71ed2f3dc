package dev.chainrule.nn.optim;

/** The {@link LearningRateSchedule} factories' implementations; validate once, in the constructor. */
final class Schedules {
  private Schedules() {}

  static void checkEpoch(LearningRateSchedule s, int epoch) {
    if (epoch < 1) throw new IllegalArgumentException(s + ": epochs are 1-based, got epoch " + epoch);
  }

  enum Constant implements LearningRateSchedule {
    INSTANCE;

    @Override public double factor(int epoch) {
      checkEpoch(this, epoch);
      return 1.0;
    }

    @Override public String toString() { return "constant()"; }
  }

  record Step(int everyEpochs, double gamma) implements LearningRateSchedule {
    Step {
      if (everyEpochs < 1) throw new IllegalArgumentException("step schedule: everyEpochs must be >= 1, got " + everyEpochs);
      if (!(gamma > 0.0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("step schedule: gamma must be positive and finite, got " + gamma);
      }
    }

    @Override public double factor(int epoch) {
      checkEpoch(this, epoch);
      return Math.pow(gamma, (epoch - 1) / everyEpochs);
    }

    @Override public String toString() { return "step(everyEpochs=" + everyEpochs + ", gamma=" + gamma + ")"; }
  }

  record Cosine(int totalEpochs, double minFactor) implements LearningRateSchedule {
    Cosine {
      if (totalEpochs < 1) throw new IllegalArgumentException("cosine schedule: totalEpochs must be >= 1, got " + totalEpochs);
      if (!(minFactor >= 0.0 && minFactor <= 1.0)) {
        throw new IllegalArgumentException("cosine schedule: minFactor must be in [0, 1], got " + minFactor);
      }
    }

    @Override public double factor(int epoch) {
      checkEpoch(this, epoch);
      if (epoch > totalEpochs) return minFactor;
      // Written as 1 − (1 − min)(1 − cos)/2 (equal to PyTorch's min + (1 − min)(1 + cos)/2) so
      // that epoch 1 gives exactly the base rate.
      return 1.0 - (1.0 - minFactor) * (1.0 - Math.cos(Math.PI * (epoch - 1) / totalEpochs)) / 2.0;
    }

    @Override public String toString() { return "cosine(totalEpochs=" + totalEpochs + ", minFactor=" + minFactor + ")"; }
  }
}
