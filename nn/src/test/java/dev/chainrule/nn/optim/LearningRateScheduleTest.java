package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LearningRateScheduleTest {

  static double[] rates(LearningRateSchedule s, double base, int epochs) {
    return IntStream.rangeClosed(1, epochs).mapToDouble(e -> s.rate(e, base)).toArray();
  }

  static void assertRejected(String expectedMessage, Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertEquals(expectedMessage, x.getMessage());
  }

  @Test void constantKeepsTheBaseRate() {
    assertArrayEquals(new double[] {0.3, 0.3, 0.3, 0.3}, rates(LearningRateSchedule.constant(), 0.3, 4));
    assertEquals("constant()", LearningRateSchedule.constant().toString());
  }

  @Test void stepIsPyTorchsStepLR() {
    // PyTorch's StepLR docs: lr = 0.05 for epochs 0..29, 0.005 for 30..59, 0.0005 for 60..89 (0-based)
    LearningRateSchedule s = LearningRateSchedule.step(30, 0.1);
    double[] r = rates(s, 0.05, 90);
    for (int e = 1; e <= 90; e++) {
      double expected = e <= 30 ? 0.05 : e <= 60 ? 0.005 : 0.0005;
      assertEquals(expected, r[e - 1], 1e-15 * expected, "epoch " + e);
    }
    assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25}, rates(LearningRateSchedule.step(2, 0.5), 1.0, 5));
    assertEquals("step(everyEpochs=30, gamma=0.1)", s.toString());
  }

  @Test void cosineIsPyTorchsCosineAnnealingLR() {
    // CosineAnnealingLR(T_max=4, eta_min=0) from lr 0.1: 0.1, 0.1(1+cos(π/4))/2, 0.05, 0.1(1+cos(3π/4))/2, 0
    double c = Math.sqrt(0.5);
    assertArrayEquals(new double[] {0.1, 0.1 * (1 + c) / 2, 0.05, 0.1 * (1 - c) / 2, 0.0, 0.0},
        rates(LearningRateSchedule.cosine(4, 0.0), 0.1, 6), 1e-15);
    // eta_min = 0.2·base: min + (1 − min)(1 + cos)/2, and held at the minimum after T_max
    assertArrayEquals(new double[] {1.0, 0.6, 0.2, 0.2}, rates(LearningRateSchedule.cosine(2, 0.2), 1.0, 4), 1e-15);
    assertEquals(1.0, LearningRateSchedule.cosine(7, 0.3).factor(1), "epoch 1 is exactly the base rate");
    assertEquals("cosine(totalEpochs=4, minFactor=0.0)", LearningRateSchedule.cosine(4, 0.0).toString());
  }

  @Test void cosineDecreasesMonotonically() {
    double[] r = rates(LearningRateSchedule.cosine(50, 0.01), 1.0, 60);
    for (int i = 1; i < r.length; i++) assertTrue(r[i] <= r[i - 1], "epoch " + (i + 1));
    assertEquals(0.01, r[50], 1e-15);
  }

  @Test void aLambdaIsASchedule() {
    LearningRateSchedule warmup = epoch -> Math.min(1.0, epoch / 3.0);
    assertArrayEquals(new double[] {0.1 / 3, 0.2 / 3, 0.1, 0.1}, rates(warmup, 0.1, 4), 1e-15);
  }

  @Test void invalidArgumentsAreRejectedWithTheirValues() {
    assertRejected("step schedule: everyEpochs must be >= 1, got 0", () -> LearningRateSchedule.step(0, 0.1));
    assertRejected("step schedule: gamma must be positive and finite, got 0.0", () -> LearningRateSchedule.step(5, 0.0));
    assertRejected("step schedule: gamma must be positive and finite, got -0.5", () -> LearningRateSchedule.step(5, -0.5));
    assertRejected("step schedule: gamma must be positive and finite, got NaN", () -> LearningRateSchedule.step(5, Double.NaN));
    assertRejected("step schedule: gamma must be positive and finite, got Infinity",
        () -> LearningRateSchedule.step(5, Double.POSITIVE_INFINITY));
    assertRejected("cosine schedule: totalEpochs must be >= 1, got -3", () -> LearningRateSchedule.cosine(-3, 0.0));
    assertRejected("cosine schedule: minFactor must be in [0, 1], got 1.5", () -> LearningRateSchedule.cosine(10, 1.5));
    assertRejected("cosine schedule: minFactor must be in [0, 1], got -0.1", () -> LearningRateSchedule.cosine(10, -0.1));
    assertRejected("cosine schedule: minFactor must be in [0, 1], got NaN", () -> LearningRateSchedule.cosine(10, Double.NaN));
    assertRejected("step(everyEpochs=2, gamma=0.5): epochs are 1-based, got epoch 0", () -> LearningRateSchedule.step(2, 0.5).factor(0));
    assertRejected("cosine(totalEpochs=2, minFactor=0.0): epochs are 1-based, got epoch -1", () -> LearningRateSchedule.cosine(2, 0).rate(-1, 0.1));
    assertRejected("constant(): epochs are 1-based, got epoch 0", () -> LearningRateSchedule.constant().factor(0));
  }
}
