package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README tour's graphs, drawn in DOT, match the stored text; drawing is deterministic. */
class GraphsTest {

  /** The tour's loss, drawn before backward with w named; then z³'s gradient with its own graph. */
  static String tourDot() {
    Tensor w = Tensor.randn(new SplittableRandom(42), DType.F64, 0, 1, 3, 2).requiresGrad(true);
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor loss = x.matmul(w.t()).sigmoid().sum();
    Tensor z = Tensor.of(new double[] {2.0}, 1).requiresGrad(true);
    Tensor[] dz = Autograd.grad(z.pow(3).sum(), true, z);
    return Graphs.toDot(loss, Map.of("w", w)) + Graphs.toDot(dz[0], Map.of("z", z));
  }

  @Test
  void theTourGraphsMatchTheStoredText() throws IOException {
    String expected;
    try (InputStream in = GraphsTest.class.getResourceAsStream("/graphs/tour.dot")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, tourDot(), "regenerate with GraphsTest.main if the change is intended");
  }

  @Test
  void aTensorUsedTwiceIsOneNodeWithTwoEdges() {
    Tensor a = Tensor.ones(DType.F64, 2).requiresGrad(true);
    Tensor e = a.exp();
    String dot = Graphs.toDot(e.mul(e).sum());
    assertEquals(2, dot.split("n2 -> n1;", -1).length - 1, dot);   // Exp (n2) feeds Mul (n1) twice
    assertTrue(dot.contains("n3 [label=\"leaf\\nF64 [2]\""), dot);
  }

  @Test
  void aFreedGraphSaysSo() {
    Tensor a = Tensor.ones(DType.F64, 2).requiresGrad(true);
    Tensor loss = a.exp().sum();
    loss.backward();
    assertTrue(Graphs.toDot(loss).contains("(freed by backward)"));
  }

  /** Prints the tour's DOT, to store as src/test/resources/graphs/tour.dot after a reviewed change. */
  public static void main(String[] args) {
    System.out.print(tourDot());
  }
}
