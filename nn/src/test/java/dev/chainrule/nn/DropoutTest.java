package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutTest {

  @Test void trainingDropsAboutPAndScalesSurvivors() {
    Dropout d = new Dropout(0.3, new SplittableRandom(1));
    double[] y = d.forward(Tensor.ones(100, 100)).toDoubleArray();
    int zeros = 0;
    double sum = 0;
    for (double v : y) {
      if (v == 0) zeros++;
      else assertEquals(1 / 0.7, v, 1e-6);
      sum += v;
    }
    assertEquals(0.3, zeros / 10_000.0, 0.02);
    assertEquals(1.0, sum / 10_000, 0.03, "inverted dropout keeps the expected activation");
  }

  @Test void evaluationModeIsTheIdentity() {
    Dropout d = new Dropout(0.5, new SplittableRandom(1));
    d.eval();
    Tensor x = Tensor.rand(new SplittableRandom(2), DType.F32, -1, 1, 4, 4);
    assertSame(x, d.forward(x));
  }

  @Test void gradientFlowsOnlyThroughKeptUnits() {
    Dropout d = new Dropout(0.5, new SplittableRandom(3));
    Tensor x = Tensor.ones(DType.F64, 8, 8).requiresGrad(true);
    Tensor y = d.forward(x);
    y.sum().backward();
    assertArrayEquals(y.toDoubleArray(), x.grad().toDoubleArray(), "dy/dx is the mask itself");
  }

  @Test void seededMasksAreReproducibleAndFreshEachCall() {
    Tensor x = Tensor.ones(5, 5);
    Dropout a = new Dropout(0.5, new SplittableRandom(9)), b = new Dropout(0.5, new SplittableRandom(9));
    double[] first = a.forward(x).toDoubleArray();
    assertArrayEquals(first, b.forward(x).toDoubleArray());
    assertFalse(java.util.Arrays.equals(first, a.forward(x).toDoubleArray()));
  }

  @Test void probabilityIsValidated() {
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, new SplittableRandom(1)));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, new SplittableRandom(1)));
    assertEquals("Dropout(p=0.25)", new Dropout(0.25, new SplittableRandom(1)).toString());
  }
}
