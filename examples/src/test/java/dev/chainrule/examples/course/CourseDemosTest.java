package dev.chainrule.examples.course;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CourseDemosTest {
  @Test void nandPerceptronComputesNand() {
    Perceptron p = Perceptron.nand();
    assertEquals(1, p.fire(0, 0));
    assertEquals(1, p.fire(0, 1));
    assertEquals(1, p.fire(1, 0));
    assertEquals(0, p.fire(1, 1));
  }

  @Test void nandAdderAddsEveryPairOfFourBitNumbers() {
    NandAdder adder = new NandAdder();
    assertArrayEquals(new int[] {0, 1}, adder.addBits(1, 1));
    assertArrayEquals(new int[] {1, 0}, adder.addBits(1, 0));
    for (int a = 0; a < 16; a++) {
      for (int b = 0; b < 16; b++) assertEquals(a + b, adder.add(a, b, 4), a + "+" + b);
    }
  }

  @Test void cheeseFestivalThresholds() {
    for (int bits = 0; bits < 8; bits++) {
      boolean w = (bits & 4) != 0, p = (bits & 2) != 0, t = (bits & 1) != 0;
      assertEquals(w, CheeseFestival.go(5, w, p, t), "threshold 5: weather decides");
      assertEquals(w || (p && t), CheeseFestival.go(3, w, p, t), "threshold 3");
    }
  }

  @Test void ballRollsIntoTheValley() {
    List<GradientDescentValley.Step> path =
        GradientDescentValley.descend(GradientDescentValley::valley, new double[] {2.0, -1.5}, 0.1, 40);
    for (int i = 1; i < path.size(); i++) assertTrue(path.get(i).cost() < path.get(i - 1).cost());
    assertEquals(0.0, path.get(40).cost(), 1e-3);
    // First step by hand: ∇C = (2v₁, 6v₂) = (4, -9); v ← (2 - 0.4, -1.5 + 0.9).
    assertEquals(1.6, path.get(1).v1(), 1e-12);
    assertEquals(-0.6, path.get(1).v2(), 1e-12);
    assertTrue(GradientDescentValley.plot(path, 2.5, 21).contains("*"));
  }
}
