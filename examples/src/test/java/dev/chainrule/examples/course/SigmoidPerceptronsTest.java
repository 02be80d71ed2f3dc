package dev.chainrule.examples.course;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The exercise's claims, checked on the numbers the demo prints. */
class SigmoidPerceptronsTest {
  @Test void scalingAPerceptronNetworkChangesNothing() {
    for (double c : new double[] {1e-3, 0.5, 7, 1e3}) {
      assertTrue(SigmoidPerceptrons.scalingLeavesPerceptronsUnchanged(c), "c = " + c);
    }
  }

  @Test void sigmoidAdderApproachesThePerceptronAdderAsCGrows() {
    double previous = Double.POSITIVE_INFINITY;
    for (double c : SigmoidPerceptrons.SCALES) {
      double deviation = SigmoidPerceptrons.maxDeviation(c);
      assertTrue(deviation < previous, "c = " + c + ": " + deviation + " not below " + previous);
      previous = deviation;
    }
    assertTrue(SigmoidPerceptrons.maxDeviation(1) > 0.5, "at c = 1 the sigmoids are far from bits");
    // The worst gate sees |w.x + b| = 1, so the error is about sigma(-c) = e^-c: 4.5e-5 at c = 10.
    assertEquals(1 / (1 + Math.exp(10)), SigmoidPerceptrons.maxDeviation(10), 2e-5);
    assertEquals(0.0, SigmoidPerceptrons.maxDeviation(1000), 0.0, "sigma(1000) is 1 in float64");
    // At c = 1 the 1 + 1 carry is nand(n1, n1) with n1 = sigma(-1): sigma(3 - 4 sigma(-1)).
    double n1 = 1 / (1 + Math.exp(1));
    assertEquals(1 / (1 + Math.exp(-(3 - 4 * n1))), SigmoidPerceptrons.sigmoidAdder(1)[3][1], 1e-12);
  }

  @Test void onTheBoundaryTheSigmoidStaysAtOneHalf() {
    assertEquals(0.0, Perceptron.nand().weightedInput(SigmoidPerceptrons.BOUNDARY_INPUT), 0.0);
    assertEquals(0, Perceptron.nand().fire(SigmoidPerceptrons.BOUNDARY_INPUT), "step(0) = 0");
    for (double c : SigmoidPerceptrons.SCALES) assertEquals(0.5, SigmoidPerceptrons.boundaryOutput(c), 0.0);
  }

  @Test void aScaleMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NandAdder.ofSigmoids(0));
    assertTrue(e.getMessage().contains("c must be > 0, got 0.0"), e.getMessage());
  }
}
