package dev.chainrule.examples.course;

/**
 * The course's decision "go to the cheese festival?" as a perceptron over three yes/no factors:
 * is the weather good (weight 6), does your partner want to come (2), is it near public transit (2).
 * With threshold 5 you go exactly when the weather is good; with threshold 3 you also go when
 * the weather is bad but both other factors hold.
 */
public final class CheeseFestival {
  /** The weights of the three factors: weather, partner, transit. */
  public static final double[] WEIGHTS = {6, 2, 2};

  private CheeseFestival() {}

  /** Whether the perceptron with the given threshold decides to go. */
  public static boolean go(double threshold, boolean weather, boolean partner, boolean transit) {
    return Perceptron.withThreshold(WEIGHTS, threshold).fire(bit(weather), bit(partner), bit(transit)) == 1;
  }

  private static double bit(boolean b) {
    return b ? 1 : 0;
  }
}
