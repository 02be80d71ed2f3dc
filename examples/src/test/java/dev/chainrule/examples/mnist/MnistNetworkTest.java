package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MnistNetworkTest {
  /** WeightsFile checks a file against parameterShapes before building: the two must never drift apart. */
  @Test void parameterShapesAreThoseOfTheBuiltNetwork() {
    Recipe course = Recipe.course();
    Recipe beyond = Recipe.beyond();
    Recipe[] recipes = {
        course,
        beyond,
        new Recipe("deep", new int[] {784, 30, 20, 10}, "tanh", "quadratic", "xavier", "adam",
            0.01, 0, 0, 0.5, "constant", 10, 1, 3),
        new Recipe("shallow", new int[] {784, 10}, "relu", "cross-entropy", "he", "sgd",
            0.1, 0, 0, 0, "constant", 10, 1, 3),
        Recipe.cnn(),
        new Recipe("cnn", new int[] {784, 4, 6, 8, 20, 10}, "tanh", "cross-entropy", "xavier", "sgd",
            0.1, 0, 0, 0, "constant", 10, 1, 3)};
    for (Recipe r : recipes) {
      Map<String, Shape> built = new LinkedHashMap<>();
      MnistNetwork.build(r, new SplittableRandom(1)).stateDict().forEach((name, p) -> built.put(name, p.shape()));
      assertEquals(built, MnistNetwork.parameterShapes(r), r.toString());
    }
  }
}
