package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class StepScheduleTest {

  static double[] rates(StepSchedule s, int total, double base) {
    double[] r = new double[total];
    for (int i = 0; i < total; i++) r[i] = s.rate(i, total, base);
    return r;
  }

  @Test void oneCycleIsPyTorchs() {
    // torch.optim.lr_scheduler.OneCycleLR(SGD(lr=1), max_lr=1.0, total_steps=10): the lr before each
    // of the 10 steps, PyTorch 1.13 (printed with repr)
    double[] torch = {0.040000000000000036, 0.52, 1.0, 0.9504846320134737, 0.8117456539497631, 0.6112620219362893,
        0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4e-06};
    assertArrayEquals(torch, rates(StepSchedule.oneCycle(0.3, 25, 1e4), 10, 1.0), 1e-15);
    // OneCycleLR(max_lr=0.5, total_steps=7, pct_start=0.5, div_factor=10, final_div_factor=100)
    double[] torch2 = {0.04999999999999999, 0.20547117626563682, 0.45702882373436315, 0.47526697475862917,
        0.3058246032555895, 0.09453342198578131, 0.0005};
    assertArrayEquals(torch2, rates(StepSchedule.oneCycle(0.5, 10, 100), 7, 0.5), 1e-15);
  }

  @Test void warmupRisesLinearlyThenHolds() {
    assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 1, 1}, rates(StepSchedule.linearWarmup(4), 6, 1.0), 1e-15);
  }

  @Test void cosineWithWarmupRisesThenFallsToTheFloor() {
    double[] r = rates(StepSchedule.cosineWithWarmup(2, 0.1), 6, 2.0);
    assertEquals(1.0, r[0], 1e-15);   // (0 + 1)/2 of the base 2.0
    assertEquals(2.0, r[1], 1e-15);
    assertEquals(2.0, r[2], 1e-15);   // t = 0: the base
    assertEquals(2.0 * (0.1 + 0.9 * (1 + Math.cos(Math.PI * 0.5)) / 2), r[4], 1e-15);
    for (int i = 3; i < 6; i++) assertTrue(r[i] < r[i - 1] && r[i] > 0.2, java.util.Arrays.toString(r));
  }

  @Test void badArgumentsAreNamed() {
    assertThrows(IllegalArgumentException.class, () -> StepSchedule.linearWarmup(0));
    assertThrows(IllegalArgumentException.class, () -> StepSchedule.cosineWithWarmup(3, 1.5));
    assertThrows(IllegalArgumentException.class, () -> StepSchedule.oneCycle(1.0, 25, 1e4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepSchedule.linearWarmup(3).factor(5, 5));
    assertEquals("linearWarmup(3): step 5 is outside [0, 5)", e.getMessage());
  }
}
