package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.List;

/**
 * Layers applied one after another: {@code forward(x) = layers[n-1](...layers[0](x))}. Child
 * {@code i} is named {@code "i"}, so parameters are named {@code 0.weight}, {@code 0.bias}, ... as
 * in a PyTorch {@code nn.Sequential}.
 */
public final class Sequential extends Module {
  private final List<Module> layers;

  /** The layers in order of application; child i is named "i". */
  public Sequential(Module... layers) {
    if (layers.length == 0) throw new IllegalArgumentException("Sequential: needs at least one layer");
    this.layers = List.of(layers);
    for (int i = 0; i < layers.length; i++) child(Integer.toString(i), layers[i]);
  }

  @Override public Tensor forward(Tensor x) {
    for (int i = 0; i < layers.size(); i++) {
      x = layers.get(i).call(x);   // call: each layer's forward hooks run
      if (i + 1 < layers.size() && passesOnly(layers.get(i)) && passesOnly(layers.get(i + 1))) {
        // Between two built-in layers nothing but the graph sees x: once backward is past it,
        // its storage serves the next step (no garbage per training step, issue 12).
        x.freeAfterBackward();
      }
    }
    return x;
  }

  /**
   * A built-in layer that returns a new tensor and keeps neither its input nor its output, and
   * that no forward hook watches: what {@link Tensor#freeAfterBackward()} needs on both sides.
   */
  private static boolean passesOnly(Module m) {
    return (m instanceof Dense || m instanceof Activation) && !m.hasForwardHooks();
  }

  /** Layer {@code i}. */
  public Module get(int i) { return layers.get(i); }

  /** Number of layers. */
  public int size() { return layers.size(); }

  /** The layers, in order. */
  public List<Module> layers() { return layers; }

  /** One layer per line, as PyTorch prints it: {@code (0): Dense(2->2)}. */
  @Override public String toString() {
    StringBuilder sb = new StringBuilder("Sequential(\n");
    for (int i = 0; i < layers.size(); i++) {
      String inner = layers.get(i).toString().replace("\n", "\n  ");
      sb.append("  (").append(i).append("): ").append(inner).append('\n');
    }
    return sb.append(')').toString();
  }
}
