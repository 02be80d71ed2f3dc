package dev.chainrule.autograd.kernel;

/**
 * The scalar definitions of every elementwise function: the single source of truth for both twins.
 *
 * <p>NOTE: exp, log, tanh and pow are {@link StrictMath}'s (fdlibm), which the JDK specifies to
 * give the same bits on every JVM. {@link Math}'s may differ in the last bit between JDKs (JDK
 * 25's {@code Math.tanh} does from JDK 17's), which would make float64 results, and float32
 * results through these functions, depend on the JDK. sqrt is correctly rounded in both, so it
 * stays {@code Math.sqrt}. TranscendentalBitsTest pins the bits.
 */
public final class ScalarMath {
  private ScalarMath() {}

  /** Logistic sigmoid, evaluated so that neither branch overflows. */
  public static double sigmoid(double x) {
    // NOTE: 1/(1+e^-x) overflows e^-x for very negative x and loses the tiny result; the
    // mirrored form e^x/(1+e^x) keeps full relative precision there.
    if (x >= 0) {
      return 1.0 / (1.0 + StrictMath.exp(-x));
    }
    double e = StrictMath.exp(x);
    return e / (1.0 + e);
  }

  public static double unary(UnaryOp op, double x) {
    switch (op) {
      case NEG: return -x;
      case EXP: return StrictMath.exp(x);
      case LOG: return StrictMath.log(x);
      case SQRT: return Math.sqrt(x);
      case SIGMOID: return sigmoid(x);
      case TANH: return StrictMath.tanh(x);
      case RELU: return x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
      case STEP: return x > 0 ? 1.0 : (Double.isNaN(x) ? x : 0.0);
      case ABS: return Math.abs(x);
      case SIGN: return Double.isNaN(x) ? 0.0 : Math.signum(x) + 0.0;
      default: throw new AssertionError(op);
    }
  }

  public static double binary(BinaryOp op, double a, double b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return a / b;
      case MAX: return Math.max(a, b);
      case MIN: return Math.min(a, b);
      case POW: return StrictMath.pow(a, b);
      case EQ: return a == b ? 1.0 : 0.0;
      case GT: return a > b ? 1.0 : 0.0;
      default: throw new AssertionError(op);
    }
  }

  public static double scalar(ScalarOp op, double x, double s) {
    switch (op) {
      case ADD: return x + s;
      case MUL: return x * s;
      case RSUB: return s - x;
      case RDIV: return s / x;
      case POW: return StrictMath.pow(x, s);
      case MAX: return Math.max(x, s);
      case MIN: return Math.min(x, s);
      case GE: return x >= s ? 1.0 : 0.0;
      case LE: return x <= s ? 1.0 : 0.0;
      default: throw new AssertionError(op);
    }
  }

  /** Float versions round each operand and the result the way float arithmetic does. */
  public static float unary(UnaryOp op, float x) {
    switch (op) {
      case NEG: return -x;
      case ABS: return Math.abs(x);
      case RELU: return x > 0 ? x : (Float.isNaN(x) ? x : 0f);
      default: return (float) unary(op, (double) x);
    }
  }

  public static float binary(BinaryOp op, float a, float b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return a / b;
      case MAX: return Math.max(a, b);
      case MIN: return Math.min(a, b);
      default: return (float) binary(op, (double) a, (double) b);
    }
  }

  public static float scalar(ScalarOp op, float x, float s) {
    switch (op) {
      case ADD: return x + s;
      case MUL: return x * s;
      case RSUB: return s - x;
      case RDIV: return s / x;
      case MAX: return Math.max(x, s);
      case MIN: return Math.min(x, s);
      default: return (float) scalar(op, (double) x, (double) s);
    }
  }
}
