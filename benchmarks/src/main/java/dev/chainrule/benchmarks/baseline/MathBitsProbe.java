package dev.chainrule.benchmarks.baseline;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/**
 * Not JMH: whether {@code Math} and {@code StrictMath} give the same bits, on this JDK and across
 * JDKs. For each function it prints how many of 200,000 seeded inputs {@code Math} rounds
 * differently from {@code StrictMath}, and a short SHA-256 of each library's results; run it on
 * two JDKs and compare the hashes (issue 17's probe). Inputs: uniform in (-20, 20); log and sqrt
 * take |x|, pow a base in (0, 20) and an exponent in (-5, 5). The last pass is printed, after the
 * JIT has compiled the loops.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.chainrule.benchmarks.baseline.MathBitsProbe</pre>
 */
public final class MathBitsProbe {
  private static final int N = 200_000;

  private MathBitsProbe() {}

  public static void main(String[] args) {
    SplittableRandom rnd = new SplittableRandom(1);
    double[] x = new double[N], y = new double[N], base = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = rnd.nextDouble(-20, 20);
      y[i] = rnd.nextDouble(-5, 5);
      base[i] = Math.abs(x[i]) * rnd.nextDouble() + 1e-3;
    }
    String[] names = {"exp", "log", "tanh", "sigmoid", "pow", "sqrt", "cos"};
    DoubleBinaryOperator[] math = {
        (a, b) -> Math.exp(a), (a, b) -> Math.log(Math.abs(a)), (a, b) -> Math.tanh(a),
        (a, b) -> 1 / (1 + Math.exp(-a)), Math::pow, (a, b) -> Math.sqrt(Math.abs(a)), (a, b) -> Math.cos(a)};
    DoubleBinaryOperator[] strict = {
        (a, b) -> StrictMath.exp(a), (a, b) -> StrictMath.log(Math.abs(a)), (a, b) -> StrictMath.tanh(a),
        (a, b) -> 1 / (1 + StrictMath.exp(-a)), StrictMath::pow, (a, b) -> StrictMath.sqrt(Math.abs(a)),
        (a, b) -> StrictMath.cos(a)};
    StringBuilder report = new StringBuilder();
    for (int pass = 0; pass < 3; pass++) {
      report.setLength(0);
      report.append("JDK ").append(Runtime.version()).append(", ").append(N).append(" inputs\n");
      for (int f = 0; f < names.length; f++) {
        boolean pow = names[f].equals("pow");
        ByteBuffer m = ByteBuffer.allocate(8 * N), s = ByteBuffer.allocate(8 * N);
        int differ = 0;
        for (int i = 0; i < N; i++) {
          double a = pow ? base[i] : x[i];
          long bm = Double.doubleToLongBits(math[f].applyAsDouble(a, y[i]));
          long bs = Double.doubleToLongBits(strict[f].applyAsDouble(a, y[i]));
          if (bm != bs) differ++;
          m.putLong(bm);
          s.putLong(bs);
        }
        report.append(String.format("%-8s Math != StrictMath on %6d   Math %s   StrictMath %s%n",
            names[f], differ, sha256(m), sha256(s)));
      }
    }
    System.out.print(report);
  }

  private static String sha256(ByteBuffer bits) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bits.array()), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
