package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class StallDiagnosisTest {
  /** Three classes, four images each; class 2 is predicted once, its neuron's z is -10 on its own images. */
  private static StallDiagnosis stalledOnTwo() {
    int[] labels = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
    int[] predicted = {0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 2};
    float[] z = new float[labels.length * 3];
    for (int i = 0; i < labels.length; i++) z[i * 3 + labels[i]] = labels[i] == 2 ? -10f : 3f;
    return StallDiagnosis.of(predicted, labels, z, 3);
  }

  @Test void findsTheClassPredictedForFarFewerImagesThanItHas() {
    List<StallDiagnosis.Stall> stalls = stalledOnTwo().stalls();
    assertEquals(1, stalls.size());
    StallDiagnosis.Stall s = stalls.get(0);
    assertEquals(2, s.digit());
    assertEquals(1, s.predictions());
    assertEquals(4, s.images());
    assertEquals(-10.0, s.meanZ(), 0.0);
    double sigma = 1 / (1 + Math.exp(10));
    assertEquals(sigma * (1 - sigma), s.meanSigmoidPrime(), 1e-15);
  }

  @Test void halfThePredictionsIsNotAStall() {
    int[] labels = {0, 0, 1, 1}, predicted = {0, 1, 1, 1};   // class 0: 1 of 2 predicted, exactly half
    StallDiagnosis d = StallDiagnosis.of(predicted, labels, new float[8], 2);
    assertTrue(d.stalls().isEmpty(), d.toString());
    assertEquals("", d.report(true, List.of("cure")));
  }

  @Test void reportCarriesTheFiguresAndTheCures() {
    String report = stalledOnTwo().report(true, List.of("  ./mnist --cost cross-entropy"));
    assertTrue(report.contains("predicted for 1 of the 12 test images, though 4 of them are a 2"), report);
    assertTrue(report.contains("z = -10.00"), report);
    assertTrue(report.endsWith("  ./mnist --cost cross-entropy" + System.lineSeparator()), report);
  }

  @Test void mismatchedLengthsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StallDiagnosis.of(new int[3], new int[4], new float[8], 2));
    assertTrue(e.getMessage().contains("(got 3 and 8)"), e.getMessage());
  }
}
