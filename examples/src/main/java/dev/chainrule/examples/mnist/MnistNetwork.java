package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.Shape;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Init;
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
   * The names and shapes of the parameters {@link #build} gives a recipe's network, in order,
   * computed without building it: a weights file is checked against them before anything the
   * size of the network is allocated. (A test checks both agree.)
   */
  public static Map<String, Shape> parameterShapes(Recipe r) {
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
