package dev.chainrule.examples.course;

import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * A function of x typed by a user, e.g. {@code "sin(2*x) + x^2/4"}, parsed once into a tree of
 * lambdas. Nothing is evaluated but arithmetic: numbers, {@code x}, {@code pi}, {@code + - * / ^}
 * ({@code ^} binds tightest and to the right, so {@code -x^2} is {@code -(x^2)} and
 * {@code 2^3^2} is {@code 2^9}), parentheses, and the functions
 * {@code sin cos exp abs tanh sqrt log} (natural log). A mistake is reported with its position:
 * {@code expression "sin(x": expected ')' at position 6 (end of input)}.
 *
 * <p>Grammar, by recursive descent:
 * <pre>
 * sum     = product (('+' | '-') product)*
 * product = signed (('*' | '/') signed)*
 * signed  = ('+' | '-') signed | power
 * power   = atom ('^' signed)?
 * atom    = number | 'x' | 'pi' | name '(' sum ')' | '(' sum ')'
 * </pre>
 */
public final class Expression implements DoubleUnaryOperator {
  private static final Map<String, DoubleUnaryOperator> FUNCTIONS = Map.of(
      "sin", Math::sin, "cos", Math::cos, "exp", Math::exp, "abs", Math::abs,
      "tanh", Math::tanh, "sqrt", Math::sqrt, "log", Math::log);

  private final String text;
  private final DoubleUnaryOperator f;

  private Expression(String text, DoubleUnaryOperator f) {
    this.text = text;
    this.f = f;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the 1-based position and what was expected there
   */
  public static Expression parse(String text) {
    Parser p = new Parser(text);
    DoubleUnaryOperator f = p.sum();
    p.skipSpaces();
    if (p.pos < text.length()) throw p.error("expected an operator (+ - * / ^) or the end");
    return new Expression(text, f);
  }

  @Override public double applyAsDouble(double x) {
    return f.applyAsDouble(x);
  }

  @Override public String toString() {
    return text;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    DoubleUnaryOperator sum() {
      DoubleUnaryOperator left = product();
      for (char op; (op = peek()) == '+' || op == '-'; ) {
        pos++;
        DoubleUnaryOperator a = left, b = product();
        left = op == '+' ? x -> a.applyAsDouble(x) + b.applyAsDouble(x) : x -> a.applyAsDouble(x) - b.applyAsDouble(x);
      }
      return left;
    }

    DoubleUnaryOperator product() {
      DoubleUnaryOperator left = signed();
      for (char op; (op = peek()) == '*' || op == '/'; ) {
        pos++;
        DoubleUnaryOperator a = left, b = signed();
        left = op == '*' ? x -> a.applyAsDouble(x) * b.applyAsDouble(x) : x -> a.applyAsDouble(x) / b.applyAsDouble(x);
      }
      return left;
    }

    DoubleUnaryOperator signed() {
      char c = peek();
      if (c == '+' || c == '-') {
        pos++;
        DoubleUnaryOperator operand = signed();
        return c == '+' ? operand : x -> -operand.applyAsDouble(x);
      }
      return power();
    }

    DoubleUnaryOperator power() {
      DoubleUnaryOperator base = atom();
      if (peek() != '^') return base;
      pos++;
      DoubleUnaryOperator exponent = signed();
      return x -> Math.pow(base.applyAsDouble(x), exponent.applyAsDouble(x));
    }

    DoubleUnaryOperator atom() {
      char c = peek();
      if (c == '(') {
        pos++;
        DoubleUnaryOperator inner = sum();
        expect(')');
        return inner;
      }
      if (Character.isDigit(c) || c == '.') return number();
      if (Character.isLetter(c)) {
        int start = pos;
        while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) pos++;
        String name = s.substring(start, pos).toLowerCase(Locale.ROOT);
        if (name.equals("x")) return x -> x;
        if (name.equals("pi")) return x -> Math.PI;
        DoubleUnaryOperator fn = FUNCTIONS.get(name);
        if (fn == null) {
          pos = start;
          throw error("unknown name '" + s.substring(start, start + name.length())
              + "' (known: x, pi, sin, cos, exp, abs, tanh, sqrt, log)");
        }
        expect('(');
        DoubleUnaryOperator arg = sum();
        expect(')');
        return x -> fn.applyAsDouble(arg.applyAsDouble(x));
      }
      throw error("expected a number, x, pi, a function or '('");
    }

    DoubleUnaryOperator number() {
      int start = pos;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {   // 1e-3
        int mark = pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
        if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
        } else {
          pos = mark;   // not an exponent after all: leave the 'e' to be read as a name (an error)
        }
      }
      String literal = s.substring(start, pos);
      try {
        double v = Double.parseDouble(literal);
        return x -> v;
      } catch (NumberFormatException e) {
        pos = start;
        throw error("'" + literal + "' is not a number");
      }
    }

    void expect(char c) {
      if (peek() != c) throw error("expected '" + c + "'");
      pos++;
    }

    /** The next character after spaces, or 0 at the end. */
    char peek() {
      skipSpaces();
      return pos < s.length() ? s.charAt(pos) : 0;
    }

    void skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    IllegalArgumentException error(String what) {
      skipSpaces();
      String found = pos < s.length() ? "found '" + s.charAt(pos) + "'" : "end of input";
      return new IllegalArgumentException(
          "expression \"" + s + "\": " + what + " at position " + (pos + 1) + " (" + found + ")");
    }
  }
}
