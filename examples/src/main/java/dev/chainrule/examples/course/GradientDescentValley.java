package dev.chainrule.examples.course;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The course's "ball rolling into the valley": gradient descent v ← v − η∇C(v) on a function of
 * two variables, with the gradient from autograd rather than by hand.
 */
public final class GradientDescentValley {
  /** A descent on the course's valley; see the methods for the path. */
  public GradientDescentValley() {}

  /** One point of the path: the position and the cost there. */
  public record Step(int iteration, double v1, double v2, double cost) {}

  /** The valley used by the demo: C(v) = v₁² + 3v₂², minimum 0 at the origin. */
  public static Tensor valley(Tensor v) {
    return v.square().mul(Tensor.of(new double[] {1, 3}, 2)).sum();
  }

  /** Runs {@code steps} updates from {@code start} with learning rate {@code eta}. */
  public static List<Step> descend(UnaryOperator<Tensor> cost, double[] start, double eta, int steps) {
    Tensor v = Tensor.of(start, 2).requiresGrad(true);
    List<Step> path = new ArrayList<>();
    for (int i = 0; i <= steps; i++) {
      Tensor c = cost.apply(v);
      path.add(new Step(i, v.get(0), v.get(1), c.item()));
      if (i == steps) break;
      c.backward();
      try (var noGrad = GradMode.off()) {
        v.addInPlace(-eta, v.grad());       // v ← v − η∇C
      }
      v.zeroGrad();
    }
    return path;
  }

  /** Draws the path on a character grid over [-range, range]²: digits mark steps (iteration mod 10), '*' the minimum. */
  public static String plot(List<Step> path, double range, int size) {
    char[][] grid = new char[size][size];
    for (char[] row : grid) java.util.Arrays.fill(row, '.');
    for (Step s : path) {
      int col = cell(s.v1(), range, size), row = cell(-s.v2(), range, size);
      if (row >= 0 && row < size && col >= 0 && col < size) {
        grid[row][col] = (char) ('0' + s.iteration() % 10);
      }
    }
    int centre = cell(0, range, size);
    grid[centre][centre] = '*';   // drawn last: the minimum stays visible under the converged path
    StringBuilder sb = new StringBuilder();
    for (char[] row : grid) sb.append(row).append('\n');
    return sb.toString();
  }

  private static int cell(double x, double range, int size) {
    return (int) Math.round((x + range) / (2 * range) * (size - 1));
  }
}
