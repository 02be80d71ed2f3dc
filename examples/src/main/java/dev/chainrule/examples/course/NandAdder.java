package dev.chainrule.examples.course;

import java.util.function.DoubleBinaryOperator;

/**
 * The course's point that perceptrons are universal for computation: a one-bit adder built only
 * from NAND gates (five gates), chained into an n-bit ripple-carry adder. The gate is the NAND
 * perceptron by default; {@link #ofSigmoids} swaps in sigmoid neurons with the same weights and
 * bias scaled by c, the course's exercise "sigmoid neurons simulating perceptrons".
 */
public final class NandAdder {
  private final DoubleBinaryOperator nand;

  /** The adder of NAND perceptrons (weights -2, -2, bias 3). */
  public NandAdder() {
    Perceptron gate = Perceptron.nand();
    this.nand = (a, b) -> gate.fire(a, b);
  }

  private NandAdder(DoubleBinaryOperator nand) {
    this.nand = nand;
  }

  /** The perceptron adder with every weight and bias multiplied by {@code c > 0}: it adds exactly as before. */
  public static NandAdder ofScaledPerceptrons(double c) {
    if (!(c > 0)) throw new IllegalArgumentException("perceptron adder: scale c must be > 0, got " + c);
    Perceptron gate = new Perceptron(new double[] {-2 * c, -2 * c}, 3 * c);
    return new NandAdder((a, b) -> gate.fire(a, b));
  }

  /** The same circuit with every perceptron replaced by the sigmoid neuron σ(c·(-2a - 2b + 3)). */
  public static NandAdder ofSigmoids(double c) {
    Perceptron gate = Perceptron.nand();
    gate.sigmoid(c, 0, 0);   // validates c now rather than at the first addition
    return new NandAdder((a, b) -> gate.sigmoid(c, a, b));
  }

  private double nand(double a, double b) {
    return nand.applyAsDouble(a, b);
  }

  /** Adds bits x1 + x2 (real values in [0, 1] for the sigmoid circuit), returning {sum, carry}. */
  public double[] addBits(double x1, double x2) {
    double n1 = nand(x1, x2);
    double sum = nand(nand(x1, n1), nand(x2, n1));   // x1 XOR x2
    double carry = nand(n1, n1);                     // x1 AND x2
    return new double[] {sum, carry};
  }

  /** Adds bits x1 + x2, returning {sum, carry} as 0 or 1 (the perceptron circuit's exact outputs). */
  public int[] addBits(int x1, int x2) {
    return bits(addBits((double) x1, x2));
  }

  /** Adds three bits (a full adder from two half adders and a NAND-built OR), returning {sum, carry}. */
  public int[] addBits(int x1, int x2, int carryIn) {
    double[] first = addBits((double) x1, x2);
    double[] second = addBits(first[0], carryIn);
    double carry = nand(nand(first[1], first[1]), nand(second[1], second[1]));  // OR from NANDs
    return bits(new double[] {second[0], carry});
  }

  /** Adds two non-negative numbers below 2^bits with a ripple of full adders. */
  public int add(int a, int b, int bits) {
    int result = 0, carry = 0;
    for (int i = 0; i < bits; i++) {
      int[] sc = addBits((a >> i) & 1, (b >> i) & 1, carry);
      result |= sc[0] << i;
      carry = sc[1];
    }
    return result | carry << bits;
  }

  /** Reads gate outputs as bits: above one half is 1 (exact for perceptrons, which give 0 or 1). */
  private static int[] bits(double[] outputs) {
    int[] b = new int[outputs.length];
    for (int i = 0; i < b.length; i++) b[i] = outputs[i] > 0.5 ? 1 : 0;
    return b;
  }
}
