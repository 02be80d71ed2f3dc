package dev.chainrule.examples.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chainrule demo NAME}: the course's small examples. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs a course demo: perceptron (NAND), adder (NAND-built binary adder), cheese (festival decision),",
        "descent (gradient descent path), xor, approximate (universal approximation with N sigmoids),",
        "sigmoid-perceptron (sigmoid neurons becoming perceptrons as c grows), learning-rate (too low, good, too high)."})
public final class DemoCommand implements Callable<Integer> {
  private static final String NAMES =
      "perceptron, adder, cheese, descent, xor, approximate, sigmoid-perceptron or learning-rate";

  /** The command; picocli sets the demo to run. */
  public DemoCommand() {}

  @Parameters(index = "0", description = NAMES) String demo;

  @Option(names = "--function", description = "approximate: also fit this function of x, e.g. 'x^3 - 2*x' "
      + "(+ - * / ^, parentheses, sin cos exp abs tanh sqrt log, pi)")
  String function;

  @Option(names = "--from", description = "approximate: --function's interval start (default: -pi)")
  Double from;

  @Option(names = "--to", description = "approximate: --function's interval end (default: pi)")
  Double to;

  @Option(names = "--seed", defaultValue = "1", description = "approximate, learning-rate: random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", description = "approximate, learning-rate: directory for the PNG (default: runs/demo-NAME)")
  Path out;

  @Override public Integer call() throws IOException {
    switch (demo) {
      case "perceptron": {
        Perceptron nand = Perceptron.nand();
        System.out.println("NAND perceptron, weights -2 -2, bias 3:");
        for (int a = 0; a <= 1; a++) for (int b = 0; b <= 1; b++) {
          System.out.println("  " + a + " NAND " + b + " = " + nand.fire(a, b));
        }
        return 0;
      }
      case "adder": {
        NandAdder adder = new NandAdder();
        System.out.println("Adding with NAND perceptrons only:");
        for (int[] p : new int[][] {{0, 0}, {0, 1}, {1, 1}}) {
          int[] sc = adder.addBits(p[0], p[1]);
          System.out.println("  " + p[0] + " + " + p[1] + " -> sum " + sc[0] + ", carry " + sc[1]);
        }
        System.out.println("  4-bit ripple adder: 11 + 6 = " + adder.add(11, 6, 4) + ", 15 + 15 = " + adder.add(15, 15, 4));
        return 0;
      }
      case "cheese": {
        System.out.println("Cheese festival, weights: weather 6, partner 2, transit 2");
        for (double threshold : new double[] {5, 3}) {
          System.out.println("threshold " + threshold + ":");
          for (int bits = 7; bits >= 0; bits--) {
            boolean w = (bits & 4) != 0, p = (bits & 2) != 0, t = (bits & 1) != 0;
            System.out.printf("  weather %-5s partner %-5s transit %-5s -> %s%n", w, p, t,
                CheeseFestival.go(threshold, w, p, t) ? "go" : "stay home");
          }
        }
        return 0;
      }
      case "descent": {
        List<GradientDescentValley.Step> path =
            GradientDescentValley.descend(GradientDescentValley::valley, new double[] {2.0, -1.5}, 0.1, 20);
        System.out.println("Gradient descent on C(v) = v1^2 + 3 v2^2 from (2, -1.5), eta 0.1:");
        for (GradientDescentValley.Step s : path) {
          System.out.printf("  step %2d: v = (% .5f, % .5f), C = %.6f%n", s.iteration(), s.v1(), s.v2(), s.cost());
        }
        System.out.print(GradientDescentValley.plot(path, 2.5, 21));
        return 0;
      }
      case "xor":
        return XorDemo.run(System.out);
      case "approximate": {
        if (function == null && (from != null || to != null)) {
          throw new IllegalArgumentException("--from and --to set the interval of --function; give --function too");
        }
        UniversalApproximation.Target extra = function == null ? null : new UniversalApproximation.Target(
            function, Expression.parse(function), from != null ? from : -Math.PI, to != null ? to : Math.PI);
        return UniversalApproximation.run(System.out, extra, seed, png("approximate.png"));
      }
      case "sigmoid-perceptron":
        return SigmoidPerceptrons.run(System.out);
      case "learning-rate":
        return LearningRates.run(System.out, seed, png("learning-rate.png"));
      default:
        System.err.println("demo: expected " + NAMES + ", got '" + demo + "'");
        return 2;
    }
  }

  private Path png(String name) {
    return (out != null ? out : Path.of("runs", "demo-" + demo)).resolve(name);
  }
}
