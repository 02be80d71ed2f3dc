package dev.chainrule.examples.mnist;

import java.util.Arrays;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Checks every value of a {@link Recipe} before anything is built, loaded or trained, so a bad
 * flag fails at once instead of after an epoch (or never: {@code --dropout NaN} used to mean "no
 * dropout"). Messages name where the value came from: a flag ({@code --dropout}) or a key of a
 * weights file's metadata.
 */
public final class RecipeCheck {
  /** MNIST images have 28x28 = 784 pixels: the first layer size. */
  public static final int INPUTS = 784;
  /** Ten digits: the last layer size. */
  public static final int CLASSES = 10;
  /**
   * Most parameters a recipe may ask for (400 MB of float32 weights, before gradients and
   * optimizer state): a bound on what a flag or a file's metadata can make the program allocate.
   */
  public static final long MAX_PARAMETERS = 100_000_000L;

  private RecipeCheck() {}

  /** Names values by their command-line flag, e.g. {@code --dropout}. */
  public static final UnaryOperator<String> FLAGS = key -> "--" + key;

  /** Names values by their key in a weights file's metadata. */
  public static final UnaryOperator<String> METADATA = key -> "weights metadata '" + key + "'";

  /**
   * Throws {@link IllegalArgumentException} naming the first value that is out of range.
   *
   * @param r the recipe
   * @param name how to name a value for the user, from its key ("dropout")
   */
  public static void validate(Recipe r, UnaryOperator<String> name) {
    int[] s = r.sizes();
    if (s[0] != INPUTS) {
      throw new IllegalArgumentException(name.apply("sizes") + ": the first size is the input layer, expected "
          + INPUTS + " (MNIST's 28x28 pixels), got " + s[0] + " in " + Recipe.describeSizes(s));
    }
    if (s[s.length - 1] != CLASSES) {
      throw new IllegalArgumentException(name.apply("sizes") + ": the last size is the output layer, expected "
          + CLASSES + " (one per digit), got " + s[s.length - 1] + " in " + Recipe.describeSizes(s));
    }
    if (r.convolutional() && s.length < 4) {
      throw new IllegalArgumentException(name.apply("sizes") + ": the cnn recipe needs {784, conv channels..., hidden, 10}, got "
          + Recipe.describeSizes(s));
    }
    long parameters = r.convolutional() ? convolutionalParameters(s) : parameters(s);
    if (parameters > MAX_PARAMETERS) {
      throw new IllegalArgumentException(name.apply("sizes") + ": " + Recipe.describeSizes(s) + " needs "
          + parameters + " parameters, expected at most " + MAX_PARAMETERS);
    }
    oneOf(name.apply("activation"), r.activation(), "sigmoid", "relu", "tanh");
    oneOf(name.apply("cost"), r.cost(), "quadratic", "cross-entropy");
    oneOf(name.apply("init"), r.init(), "gaussian", "scaled", "xavier", "he");
    oneOf(name.apply("optimizer"), r.optimizer(), "sgd", "momentum", "adam");
    if (!(r.eta() > 0) || Double.isInfinite(r.eta())) {
      throw new IllegalArgumentException(name.apply("eta") + ": expected a positive finite learning rate, got " + r.eta());
    }
    if (!(r.momentum() >= 0 && r.momentum() < 1)) {
      throw new IllegalArgumentException(name.apply("momentum") + ": expected a coefficient in [0, 1), got " + r.momentum());
    }
    if (!(r.l2() >= 0) || Double.isInfinite(r.l2())) {
      throw new IllegalArgumentException(name.apply("l2") + ": expected a finite lambda >= 0, got " + r.l2());
    }
    if (r.optimizer().equals("adam") && r.l2() > 0) {
      throw new IllegalArgumentException(name.apply("l2") + ": L2 weight decay works with sgd and momentum, not adam (got "
          + r.l2() + ")");
    }
    if (r.shift() < 0 || r.shift() >= 28) {
      throw new IllegalArgumentException(name.apply("shift") + ": expected 0 (off) to 27 pixels, got " + r.shift());
    }
    if (!(r.dropout() >= 0 && r.dropout() < 1)) {
      throw new IllegalArgumentException(name.apply("dropout") + ": expected a probability in [0, 1), got " + r.dropout());
    }
    try {
      MnistNetwork.schedule(r);
    } catch (IllegalArgumentException e) {
      String why = e.getMessage().startsWith("schedule: ") ? e.getMessage().substring("schedule: ".length()) : e.getMessage();
      throw new IllegalArgumentException(name.apply("schedule") + ": " + why, e);
    }
    if (r.batch() < 1) {
      throw new IllegalArgumentException(name.apply("batch") + ": expected a mini-batch size >= 1, got " + r.batch());
    }
    if (r.epochs() < 1) {
      throw new IllegalArgumentException(name.apply("epochs") + ": expected at least 1 epoch, got " + r.epochs());
    }
  }

  /** Weights and biases of dense layers of these sizes. */
  static long parameters(int[] sizes) {
    long n = 0;
    for (int i = 0; i + 1 < sizes.length; i++) n += (long) sizes[i] * sizes[i + 1] + sizes[i + 1];
    return n;
  }

  /** Weights of the cnn recipe's 5x5 convolutions and batch norms on 28x28 images, and its dense head. */
  static long convolutionalParameters(int[] sizes) {
    long n = 0;
    int channels = 1, side = 28;
    for (int i = 1; i + 2 < sizes.length; i++) {
      n += 25L * channels * sizes[i] + 4L * sizes[i];
      channels = sizes[i];
      side /= 2;
    }
    int hidden = sizes[sizes.length - 2];
    return n + (long) channels * side * side * hidden + hidden + 11L * hidden;
  }

  private static void oneOf(String name, String value, String... allowed) {
    if (!Set.of(allowed).contains(value)) {
      throw new IllegalArgumentException(name + ": expected " + String.join(", ", Arrays.asList(allowed))
          + "; got '" + value + "'");
    }
  }
}
