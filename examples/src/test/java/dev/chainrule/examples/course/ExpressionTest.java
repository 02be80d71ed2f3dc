package dev.chainrule.examples.course;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "x; 1.5; 1.5",
      "2 + 3 * x; 2; 8",
      "(2 + 3) * x; 2; 10",
      "-x^2; 3; -9",
      "2^3^2; 0; 512",
      "2^-1; 0; 0.5",
      "x / 4 / 2; 16; 2",
      "10 - 4 - 3; 0; 3",
      "sin(pi / 2) + cos(0); 0; 2",
      "exp(log(x)) + abs(-x) + sqrt(x^2); 5; 15",
      "tanh(0) + 1.5e2 + .5; 0; 150.5",
      "  x*x  -  1 ; 3; 8",
      "SIN(X); 0; 0"})
  void evaluates(String text, double x, double expected) {
    assertEquals(expected, Expression.parse(text).applyAsDouble(x), 1e-12, text);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "sin(x; expected ')' at position 6 (end of input)",
      "2 *; expected a number, x, pi, a function or '(' at position 4 (end of input)",
      "2 x; expected an operator (+ - * / ^) or the end at position 3 (found 'x')",
      "foo(x); unknown name 'foo' (known: x, pi, sin, cos, exp, abs, tanh, sqrt, log) at position 1 (found 'f')",
      "x + 1..2; '1..2' is not a number at position 5 (found '1')",
      "sqrt x; expected '(' at position 6 (found 'x')",
      "x $ 2; expected an operator (+ - * / ^) or the end at position 3 (found '$')"})
  void namesThePositionOfAMistake(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expression.parse(text));
    assertEquals("expression \"" + text + "\": " + message, e.getMessage());
  }
}
