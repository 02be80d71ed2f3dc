package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.BatchNorm2d;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.MaxPool2d;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.loss.SoftmaxCrossEntropy;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.LearningRateSchedule;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.Sgd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Builds the network, cost and optimizer a {@link Recipe} describes. */
public final class MnistNetwork {
  private MnistNetwork() {}

  /**
   * Dense layers with the hidden activation between them (and dropout after it when asked). The
   * output layer ends in a sigmoid for the quadratic cost; for cross-entropy it emits logits,
   * which the fused softmax cross-entropy cost takes.
   */
  public static Sequential build(Recipe r, RandomGenerator rng) {
    if (r.convolutional()) return convolutional(r, rng);
    Init init = init(r.init());
    List<Module> layers = new ArrayList<>();
    int[] s = r.sizes();
    for (int i = 0; i + 1 < s.length; i++) {
      layers.add(new Dense(s[i], s[i + 1], init, rng));
      boolean output = i + 2 == s.length;
      if (!output) {
        layers.add(activation(r.activation()));
        if (r.dropout() > 0) layers.add(new Dropout(r.dropout(), rng));
      } else if (r.cost().equals("quadratic")) {
        layers.add(Activation.sigmoid());
      }
    }
    return new Sequential(layers.toArray(new Module[0]));
  }

  /**
   * The names and shapes of the parameters (and buffers: the state dict) {@link #build} gives a
   * recipe's network, in order, computed without building it: a weights file is checked against
   * them before anything the size of the network is allocated. (A test checks both agree.)
   */
  public static Map<String, Shape> parameterShapes(Recipe r) {
    if (r.convolutional()) return convolutionalShapes(r.sizes(), r.dropout() > 0);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    int[] s = r.sizes();
    int index = 0;
    for (int i = 0; i + 1 < s.length; i++) {
      shapes.put(index + ".weight", Shape.of(s[i + 1], s[i]));
      shapes.put(index + ".bias", Shape.of(s[i + 1]));
      index++;                                               // the Dense layer
      boolean output = i + 2 == s.length;
      if (!output) index += r.dropout() > 0 ? 2 : 1;         // activation (and dropout)
      else if (r.cost().equals("quadratic")) index++;        // the output sigmoid
    }
    return shapes;
  }

  /** The state of {@link #convolutional}: layer 0 reshapes, then per block conv, batch norm, ReLU, pool. */
  private static Map<String, Shape> convolutionalShapes(int[] s, boolean dropout) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    int index = 1, channels = 1, side = (int) Math.round(Math.sqrt(s[0]));
    for (int i = 1; i + 2 < s.length; i++, index += 4) {
      shapes.put(index + ".weight", Shape.of(s[i], channels, 5, 5));
      for (String name : new String[] {"weight", "bias", "running_mean", "running_var"}) {
        shapes.put((index + 1) + "." + name, Shape.of(s[i]));
      }
      shapes.put((index + 1) + ".num_batches_tracked", Shape.of());
      channels = s[i];
      side /= 2;
    }
    index++;                                                 // Flatten
    int hidden = s[s.length - 2];
    shapes.put(index + ".weight", Shape.of(hidden, channels * side * side));
    shapes.put(index + ".bias", Shape.of(hidden));
    index += dropout ? 3 : 2;                                // ReLU (and dropout)
    shapes.put(index + ".weight", Shape.of(s[s.length - 1], hidden));
    shapes.put(index + ".bias", Shape.of(s[s.length - 1]));
    return shapes;
  }

  /**
   * The {@link Recipe#cnn()} network for sizes {pixels, channels..., hidden, classes}: per conv
   * channel count a block conv 5x5 (padding 2, no bias: batch norm's shift replaces it), batch
   * norm, ReLU, max-pool 2x2; then flatten, dense hidden with ReLU (and dropout), dense logits.
   */
  static Sequential convolutional(Recipe r, RandomGenerator rng) {
    int[] s = r.sizes();
    int side = (int) Math.round(Math.sqrt(s[0]));
    if (side * side != s[0] || s.length < 4) {
      throw new IllegalArgumentException("cnn sizes: expected {square pixel count, conv channels..., hidden, classes}, got "
          + java.util.Arrays.toString(s));
    }
    List<Module> layers = new ArrayList<>();
    layers.add(new Images(side));
    int channels = 1;
    for (int i = 1; i + 2 < s.length; i++) {
      if (side < 2) throw new IllegalArgumentException("cnn sizes: too many conv blocks for " + s[0] + " pixels");
      layers.add(new Conv2d(channels, s[i], new int[] {5, 5}, new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 1}, 1, false,
          init(r.init()), rng, dev.chainrule.autograd.DType.F32));
      layers.add(new BatchNorm2d(s[i]));
      layers.add(activation(r.activation()));
      layers.add(new MaxPool2d(2));
      channels = s[i];
      side /= 2;
    }
    layers.add(new Flatten());
    layers.add(new Dense(channels * side * side, s[s.length - 2], init(r.init()), rng));
    layers.add(activation(r.activation()));
    if (r.dropout() > 0) layers.add(new Dropout(r.dropout(), rng));
    layers.add(new Dense(s[s.length - 2], s[s.length - 1], init(r.init()), rng));
    return new Sequential(layers.toArray(new Module[0]));
  }

  /** [batch, side·side] rows of pixels to [batch, 1, side, side] images, the layout convolutions take. */
  static final class Images extends Module {
    private final int side;

    Images(int side) { this.side = side; }

    @Override public Tensor forward(Tensor x) {
      if (x.rank() != 2 || x.dim(1) != side * side) {
        throw new IllegalArgumentException(this + ": input must be [batch, " + side * side + "] (got " + x.shape() + ")");
      }
      return x.reshape(x.dim(0), 1, side, side);
    }

    @Override public String toString() { return "Images(" + side + "x" + side + ")"; }
  }

  /** The recipe's cost: quadratic or cross-entropy (fused with softmax, on logits). */
  public static Cost cost(Recipe r) {
    switch (r.cost()) {
      case "quadratic": return new QuadraticCost();
      case "cross-entropy": return new SoftmaxCrossEntropy();
      default: throw new IllegalArgumentException("cost: expected quadratic or cross-entropy, got '" + r.cost() + "'");
    }
  }

  /** The recipe's optimizer over {@code net}'s parameters: sgd, momentum or adam, with its learning rate and L2. */
  public static Optimizer optimizer(Recipe r, Module net) {
    switch (r.optimizer()) {
      case "sgd": return new Sgd(net.parameters(), r.eta(), 0.0, r.l2());
      case "momentum": return new Sgd(net.parameters(), r.eta(), r.momentum(), r.l2());
      case "adam":
        if (r.l2() > 0) throw new IllegalArgumentException("optimizer adam: L2 weight decay is only supported with sgd and momentum, got l2=" + r.l2());
        return new Adam(net.parameters(), r.eta(), 0.9, 0.999, 1e-8);
      default: throw new IllegalArgumentException("optimizer: expected sgd, momentum or adam, got '" + r.optimizer() + "'");
    }
  }

  /** The recipe's learning-rate schedule over its epochs. */
  public static LearningRateSchedule schedule(Recipe r) {
    String s = r.schedule();
    if (s.equals("constant")) return LearningRateSchedule.constant();
    if (s.equals("cosine")) return LearningRateSchedule.cosine(r.epochs(), 0.0);
    String[] parts = s.split(":");
    if (parts.length == 3 && parts[0].equals("step")) {
      try {
        return LearningRateSchedule.step(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("schedule: expected constant, cosine or step:EPOCHS:GAMMA (e.g. step:10:0.1), got '" + s + "'");
  }

  static Init init(String name) {
    switch (name) {
      case "gaussian": return Init.gaussian();
      case "scaled": return Init.scaledGaussian();
      case "xavier": return Init.xavier();
      case "he": return Init.he();
      default: throw new IllegalArgumentException("init: expected gaussian, scaled, xavier or he, got '" + name + "'");
    }
  }

  static Module activation(String name) {
    switch (name) {
      case "sigmoid": return Activation.sigmoid();
      case "relu": return Activation.relu();
      case "tanh": return Activation.tanh();
      default: throw new IllegalArgumentException("activation: expected sigmoid, relu or tanh, got '" + name + "'");
    }
  }
}
