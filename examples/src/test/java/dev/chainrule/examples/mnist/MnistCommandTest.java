package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MnistCommandTest {
  static Recipe parse(String... args) {
    MnistCommand cmd = new MnistCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.recipe();
  }

  @Test void defaultIsTheCourseRecipe() {
    assertEquals(Recipe.course(), parse());
    Recipe r = Recipe.course();
    assertArrayEquals(new int[] {784, 100, 10}, r.sizes());
    assertEquals(3.0, r.eta());
    assertEquals(10, r.batch());
    assertEquals(30, r.epochs());
    assertEquals("quadratic", r.cost());
    assertEquals("gaussian", r.init());
  }

  @Test void optionsOverrideOnlyWhatTheyName() {
    Recipe r = parse("--recipe", "beyond", "--sizes", "784,64,10", "--eta", "0.1", "--schedule", "step:5:0.5", "--seed", "9");
    assertArrayEquals(new int[] {784, 64, 10}, r.sizes());
    assertEquals(0.1, r.eta());
    assertEquals("step:5:0.5", r.schedule());
    assertEquals(9, r.seed());
    assertEquals(Recipe.beyond().activation(), r.activation());
    assertEquals(Recipe.beyond().dropout(), r.dropout());
  }

  @Test void badValuesNameWhatWasExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistNetwork.cost(parse("--cost", "hinge")));
    assertTrue(e.getMessage().contains("expected quadratic or cross-entropy, got 'hinge'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MnistNetwork.schedule(parse("--schedule", "step:x")));
    assertTrue(e.getMessage().contains("step:EPOCHS:GAMMA"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> parse("--sizes", "784,0,10"));
    assertTrue(e.getMessage().contains("layer 1 has size 0"), e.getMessage());
  }

  @Test void recipeRoundTripsThroughMetadata() {
    Recipe r = parse("--recipe", "beyond", "--schedule", "step:5:0.5");
    assertEquals(r, Recipe.fromMetadata(r.toMetadata()));
  }

  @Test void theCnnRecipeShiftsByTwoPixelsAndShiftRoundTripsOrDefaultsToOff() {
    assertEquals(2, Recipe.cnn().shift());
    assertEquals(0, Recipe.course().shift());
    assertFalse(Recipe.course().toMetadata().containsKey("shift"), "the course's weights files are unchanged");
    Recipe r = parse("--recipe", "beyond", "--shift", "1");
    assertEquals(1, r.shift());
    assertEquals(r, Recipe.fromMetadata(r.toMetadata()));
    assertEquals(0, parse("--recipe", "cnn", "--shift", "0").shift());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecipeCheck.validate(parse("--shift", "28"), RecipeCheck.FLAGS));
    assertTrue(e.getMessage().startsWith("--shift: expected 0 (off) to 27 pixels, got 28"), e.getMessage());
  }
}
