package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsciiDigitTest {
  @Test
  void twentyEightLinesOfFiftySixCharacters() {
    float[] image = new float[784];
    for (int r = 4; r < 24; r++) {
      image[r * 28 + 14] = 1f; // a vertical stroke: a "1"
    }
    List<String> lines = AsciiDigit.render(image).lines().toList();
    assertEquals(28, lines.size());
    for (String line : lines) {
      assertEquals(56, line.length());
    }
    assertEquals(" ".repeat(56), lines.get(0));
    assertEquals(" ".repeat(28) + "@@" + " ".repeat(26), lines.get(10));
  }

  @Test
  void shadesRiseWithInk() {
    assertEquals(' ', AsciiDigit.shade(0f));
    assertEquals('=', AsciiDigit.shade(0.45f));
    assertEquals('@', AsciiDigit.shade(1f));
    assertEquals('@', AsciiDigit.shade(3f));
    assertEquals('?', AsciiDigit.shade(Float.NaN));
  }

  @Test
  void rendersAnImageInsideALargerArray() {
    float[] two = new float[2 * 4];
    two[4] = 1f;
    assertEquals("@@  \n    \n", AsciiDigit.render(two, 4, 2, 2));
    assertThrows(IllegalArgumentException.class, () -> AsciiDigit.render(two, 6, 2, 2));
    assertThrows(IllegalArgumentException.class, () -> AsciiDigit.render(new float[783]));
  }
}
