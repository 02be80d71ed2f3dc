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
    for (Module m : layers) x = m.call(x);   // call: each layer's forward hooks run
    return x;
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
