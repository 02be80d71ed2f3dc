package dev.chainrule.examples.course;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** More sigmoids, smaller error, for a continuous function; a jump keeps its error. */
class UniversalApproximationTest {
  private static UniversalApproximation.Target builtIn(String name) {
    return UniversalApproximation.builtIns().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test void moreSigmoidsFitAKinkBetter() {
    List<UniversalApproximation.Fit> fits =
        UniversalApproximation.fit(builtIn("|x|"), new int[] {2, 20}, 1000, 1);
    double two = fits.get(0).maxError(), twenty = fits.get(1).maxError();
    assertTrue(two > 0.2, "two sigmoids cannot bend sharply at 0: " + two);
    assertTrue(twenty < 0.1, "twenty do: " + twenty);
    assertTrue(twenty < two / 3, two + " -> " + twenty);
  }

  @Test void aJumpKeepsHalfItsHeightAsMaxErrorButTheMeanFalls() {
    List<UniversalApproximation.Fit> fits =
        UniversalApproximation.fit(builtIn("step(x)"), new int[] {2, 20}, 1000, 1);
    for (UniversalApproximation.Fit f : fits) assertTrue(f.maxError() > 0.4, "N = " + f.hidden() + ": " + f.maxError());
    assertTrue(fits.get(1).meanError() < fits.get(0).meanError());
  }

  @Test void sameSeedSameFit() {
    UniversalApproximation.Target sin = builtIn("sin(x)");
    double a = UniversalApproximation.fit(sin, new int[] {5}, 200, 7).get(0).maxError();
    double b = UniversalApproximation.fit(sin, new int[] {5}, 200, 7).get(0).maxError();
    assertEquals(a, b, 0.0);
  }

  @Test void aUsersFunctionThatIsNotFiniteOnTheIntervalIsNamed() {
    UniversalApproximation.Target log = new UniversalApproximation.Target("log(x)", Expression.parse("log(x)"), -1, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UniversalApproximation.fit(log, new int[] {2}, 1, 1));
    assertTrue(e.getMessage().startsWith("log(x) is NaN at x = -1.0"), e.getMessage());
  }
}
