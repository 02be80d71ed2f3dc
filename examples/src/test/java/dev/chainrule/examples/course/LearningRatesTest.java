package dev.chainrule.examples.course;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Too low is slow, good converges, too high diverges, and the boundary is where the theory puts it. */
class LearningRatesTest {
  private final LearningRates problem = new LearningRates(1);

  @Test void steepestCurvatureOfTheGridIsOne() {
    // Hessian = (1/9) Σ [x1, x2, 1][x1, x2, 1]ᵀ over the grid {-1, 0, 1}² = diag(2/3, 2/3, 1).
    assertEquals(1.0, problem.largestCurvature(), 1e-9);
  }

  @Test void tooLowIsSlowGoodConvergesTooHighDiverges() {
    double[] low = problem.descend(LearningRates.ETAS[0], LearningRates.STEPS);
    double[] good = problem.descend(LearningRates.ETAS[1], LearningRates.STEPS);
    double[] high = problem.descend(LearningRates.ETAS[2], LearningRates.STEPS);
    double minimum = problem.descend(1.0, 500)[500];
    for (int i = 1; i <= LearningRates.STEPS; i++) {
      assertTrue(low[i] < low[i - 1], "too low still descends, step " + i);
    }
    assertTrue(low[LearningRates.STEPS] > 100 * minimum, "too low is far from the minimum after 50 steps");
    assertEquals(minimum, good[10], 1e-6 * minimum, "good is at the minimum within 10 steps");
    // Along the steepest direction each step multiplies the error by |1 - 2.5| = 1.5, the cost by 2.25.
    assertEquals(2.25, high[LearningRates.STEPS] / high[LearningRates.STEPS - 1], 1e-3);
    assertTrue(high[LearningRates.STEPS] > 1e15, "too high diverges");
  }

  @Test void justBelowTwoOverLambdaConvergesJustAboveDiverges() {
    double[] below = problem.descend(1.95, 400), above = problem.descend(2.05, 400);
    assertTrue(below[400] < below[0], "eta 1.95 converges");
    assertTrue(above[400] > above[0], "eta 2.05 diverges");
  }
}
