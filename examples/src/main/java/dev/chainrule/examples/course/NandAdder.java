package dev.chainrule.examples.course;

/**
 * The course's point that perceptrons are universal for computation: a one-bit adder built only
 * from NAND perceptrons (five gates), chained into an n-bit ripple-carry adder.
 */
public final class NandAdder {
  /** An adder made of one shared NAND perceptron. */
  public NandAdder() {}

  private final Perceptron nand = Perceptron.nand();

  private int nand(int a, int b) {
    return nand.fire(a, b);
  }

  /** Adds bits x1 + x2, returning {sum, carry}. */
  public int[] addBits(int x1, int x2) {
    int n1 = nand(x1, x2);
    int sum = nand(nand(x1, n1), nand(x2, n1));   // x1 XOR x2
    int carry = nand(n1, n1);                    // x1 AND x2
    return new int[] {sum, carry};
  }

  /** Adds three bits (a full adder from two half adders and a NAND-built OR), returning {sum, carry}. */
  public int[] addBits(int x1, int x2, int carryIn) {
    int[] first = addBits(x1, x2);
    int[] second = addBits(first[0], carryIn);
    int carry = nand(nand(first[1], first[1]), nand(second[1], second[1]));  // OR from NANDs
    return new int[] {second[0], carry};
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
}
