package dev.chainrule.examples.mnist;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that defines a training run: architecture and hyperparameters. Two built-in
 * recipes: {@link #course()} is the course's network exactly, {@link #beyond()} goes past it.
 *
 * @param sizes      layer sizes, input first: {784, 100, 10}
 * @param activation hidden-layer activation: sigmoid, relu or tanh
 * @param cost       quadratic (sigmoid outputs) or cross-entropy (softmax outputs, fused)
 * @param init       gaussian (N(0,1), the course), scaled (N(0,1/fan_in)), xavier or he
 * @param optimizer  sgd, momentum or adam
 * @param eta        learning rate η
 * @param momentum   momentum coefficient (for the momentum optimizer)
 * @param l2         L2 weight decay λ (0 = off)
 * @param dropout    dropout probability on hidden layers (0 = off)
 * @param schedule   learning-rate schedule: constant, cosine (to 0 over the epochs) or step:N:gamma
 * @param batch      mini-batch size m
 * @param epochs     number of epochs
 * @param seed       seeds initialisation, shuffling, dropout and augmentation
 * @param shift      data augmentation: each training image moves by up to this many pixels in each
 *                   direction, drawn per image and epoch (0 = off; see {@code RandomShift})
 */
public record Recipe(String name, int[] sizes, String activation, String cost, String init, String optimizer,
                     double eta, double momentum, double l2, double dropout, String schedule,
                     int batch, int epochs, long seed, int shift) {

  /** A recipe without augmentation (shift 0); the parameters are those of the record. */
  public Recipe(String name, int[] sizes, String activation, String cost, String init, String optimizer,
                double eta, double momentum, double l2, double dropout, String schedule,
                int batch, int epochs, long seed) {
    this(name, sizes, activation, cost, init, optimizer, eta, momentum, l2, dropout, schedule, batch, epochs, seed, 0);
  }

  /** Most layer sizes a recipe may list (checked before the list is split, so a huge one costs nothing). */
  public static final int MAX_SIZES = 1000;

  /** The course: 784-100-10 sigmoid, quadratic cost, N(0,1) init, SGD η = 3.0, batch 10, 30 epochs. */
  public static Recipe course() {
    return new Recipe("course", new int[] {784, 100, 10}, "sigmoid", "quadratic", "gaussian", "sgd",
        3.0, 0.0, 0.0, 0.0, "constant", 10, 30, 1);
  }

  /**
   * Past the course: ReLU hidden layer with He init, softmax + cross-entropy, SGD with momentum
   * and L2 weight decay, dropout on the hidden layer, and a cosine learning-rate schedule.
   */
  public static Recipe beyond() {
    return new Recipe("beyond", new int[] {784, 256, 10}, "relu", "cross-entropy", "he", "momentum",
        0.05, 0.9, 1e-4, 0.2, "cosine", 32, 30, 1);
  }

  /**
   * A convolutional network: two blocks of 5x5 convolution (padding 2), batch norm, ReLU and 2x2
   * max pooling (28x28 to 14x14 to 7x7), then a dense ReLU layer with dropout and the logits;
   * softmax + cross-entropy, SGD with momentum and a cosine schedule; training images shifted
   * at random by up to 2 pixels (the course's "expanding the training data"). Here {@code sizes}
   * reads {input pixels, conv channels..., dense hidden, classes}: {784, 16, 32, 128, 10}.
   */
  public static Recipe cnn() {
    return new Recipe("cnn", new int[] {784, 16, 32, 128, 10}, "relu", "cross-entropy", "he", "momentum",
        0.05, 0.9, 1e-4, 0.25, "cosine", 64, 8, 1, 2);
  }

  /** Whether this recipe builds the convolutional network ({@link #cnn()}), whose sizes list conv channels. */
  public boolean convolutional() {
    return name.equals("cnn");
  }

  /**
   * The recipe called {@code name}.
   *
   * @throws IllegalArgumentException unless {@code name} is course, beyond or cnn
   */
  public static Recipe named(String name) {
    switch (name) {
      case "course": return course();
      case "beyond": return beyond();
      case "cnn": return cnn();
      default: throw new IllegalArgumentException("--recipe: expected course, beyond or cnn, got '" + name + "'");
    }
  }

  /** The recipe as string properties, stored in the weights file so eval/predict can rebuild the network. */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new TreeMap<>();
    m.put("recipe", name);
    m.put("sizes", Arrays.toString(sizes).replaceAll("[\\[\\] ]", ""));
    m.put("activation", activation);
    m.put("cost", cost);
    m.put("init", init);
    m.put("optimizer", optimizer);
    m.put("eta", Double.toString(eta));
    m.put("momentum", Double.toString(momentum));
    m.put("l2", Double.toString(l2));
    m.put("dropout", Double.toString(dropout));
    m.put("schedule", schedule);
    m.put("batch", Integer.toString(batch));
    m.put("epochs", Integer.toString(epochs));
    m.put("seed", Long.toString(seed));
    if (shift != 0) m.put("shift", Integer.toString(shift));   // absent: files written before augmentation read as 0
    return m;
  }

  /**
   * Reads a recipe back from {@link #toMetadata()}; a missing or unreadable value is named by its
   * key ("weights metadata 'eta': expected a number, got 'fast'").
   */
  public static Recipe fromMetadata(Map<String, String> m) {
    String sizes = get(m, "sizes");
    return new Recipe(get(m, "recipe"), parseSizes(sizes, "weights metadata 'sizes'"), get(m, "activation"), get(m, "cost"),
        get(m, "init"), get(m, "optimizer"), number(m, "eta"), number(m, "momentum"), number(m, "l2"),
        number(m, "dropout"), m.getOrDefault("schedule", "constant"), (int) integer(m, "batch", Integer.MAX_VALUE),
        (int) integer(m, "epochs", Integer.MAX_VALUE), integer(m, "seed", Long.MAX_VALUE),
        m.containsKey("shift") ? (int) integer(m, "shift", Integer.MAX_VALUE) : 0);
  }

  private static String get(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) throw new IllegalArgumentException("weights metadata: missing '" + key + "' (was the file written by the mnist command?)");
    return v;
  }

  private static double number(Map<String, String> m, String key) {
    String v = get(m, key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("weights metadata '" + key + "': expected a number, got '" + abbreviate(v) + "'");
    }
  }

  private static long integer(Map<String, String> m, String key, long max) {
    String v = get(m, key);
    try {
      long n = Long.parseLong(v);
      if (n <= max) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("weights metadata '" + key + "': expected an integer up to " + max
        + ", got '" + abbreviate(v) + "'");
  }

  /** Parses "784,100,10"; see {@link #parseSizes(String, String)}. */
  public static int[] parseSizes(String s) {
    return parseSizes(s, "sizes");
  }

  /**
   * Parses "784,100,10"; a bad list is an {@link IllegalArgumentException} whose message starts
   * with {@code name}: "--sizes: entry 2 is empty, expected positive integers ...".
   */
  public static int[] parseSizes(String s, String name) {
    long count = s.chars().filter(c -> c == ',').count() + 1;
    if (count > MAX_SIZES) {
      throw new IllegalArgumentException(name + ": expected at most " + MAX_SIZES + " layer sizes, got " + count
          + " in '" + abbreviate(s) + "'");
    }
    String[] parts = s.split(",", -1);
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      try {
        sizes[i] = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": entry " + (i + 1) + (part.isEmpty() ? " is empty" : " is '" + abbreviate(part) + "'")
            + ", expected positive integers separated by commas such as 784,100,10 (got '" + abbreviate(s) + "')");
      }
      if (sizes[i] < 1) throw new IllegalArgumentException(name + ": layer " + i + " has size " + sizes[i] + " in '" + abbreviate(s) + "'");
    }
    if (sizes.length < 2) throw new IllegalArgumentException(name + ": need at least input and output sizes, got '" + abbreviate(s) + "'");
    return sizes;
  }

  /** Sizes for a message: {@code 784,100,10}, or the first and last few and the count when long. */
  public static String describeSizes(int[] sizes) {
    if (sizes.length <= 8) return Arrays.toString(sizes).replaceAll("[\\[\\] ]", "");
    return sizes[0] + "," + sizes[1] + "," + sizes[2] + ",...," + sizes[sizes.length - 1] + " (" + sizes.length + " sizes)";
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 40) + "... (" + s.length() + " characters)";
  }

  @Override public String toString() {
    return String.format(Locale.ROOT, "%s: %s %s, %s cost, %s init, %s eta=%s%s%s%s%s, batch %d, %d epochs, seed %d%s",
        name, Arrays.toString(sizes).replace(", ", "-"), activation, cost, init, optimizer, eta,
        optimizer.equals("momentum") ? " momentum=" + momentum : "",
        l2 > 0 ? " l2=" + l2 : "", dropout > 0 ? " dropout=" + dropout : "",
        schedule.equals("constant") ? "" : " schedule=" + schedule, batch, epochs, seed,
        shift > 0 ? ", random shifts up to " + shift + " px" : "");
  }

  @Override public boolean equals(Object o) {
    return o instanceof Recipe r && r.toMetadata().equals(toMetadata());
  }

  @Override public int hashCode() { return toMetadata().hashCode(); }
}
