package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Sequential} of built-in layers as one line of text, stored in a checkpoint's metadata
 * under {@value #METADATA_KEY} so the network can be rebuilt from the file alone:
 * {@code Dense(784->100) Sigmoid Dense(100->10) Sigmoid}. Tokens, separated by one space:
 * {@code Dense(IN->OUT)} or {@code Dense(IN->OUT,F64)}, {@code Sigmoid}, {@code ReLU},
 * {@code Tanh}, {@code Softmax}, {@code Step}, {@code Dropout(P)}.
 *
 * <p>Rebuilding never allocates by the text's claims: every {@code Dense} must match the shapes
 * of the tensors already read from the file ({@code i.weight} [OUT, IN], {@code i.bias} [OUT])
 * before any layer is built, and there are at most {@value #MAX_LAYERS} layers.
 */
public final class Architecture {
  /** The metadata key of the description. */
  public static final String METADATA_KEY = "chainrule.architecture";
  /** More layers than this are refused when rebuilding. */
  public static final int MAX_LAYERS = 10_000;

  private static final Pattern DENSE = Pattern.compile("Dense\\((\\d{1,10})->(\\d{1,10})(,F64)?\\)");
  private static final Pattern DROPOUT = Pattern.compile("Dropout\\(([0-9.eE+-]{1,30})\\)");

  private Architecture() {}

  /** The description of {@code model} if it is a {@link Sequential} of built-in layers, else empty. */
  public static Optional<String> describe(Module model) {
    if (!(model instanceof Sequential seq)) return Optional.empty();
    List<String> tokens = new ArrayList<>();
    for (Module m : seq.layers()) {
      String token;
      if (m instanceof Dense d) {
        token = "Dense(" + d.in() + "->" + d.out() + (d.weight().dtype() == DType.F64 ? ",F64" : "") + ")";
      } else if (m instanceof Dropout d) {
        token = "Dropout(" + d.p() + ")";
      } else if (m instanceof Activation) {
        token = m.toString().replace("()", "");   // Sigmoid(), ReLU(), ...: PyTorch's module names
      } else {
        return Optional.empty();
      }
      tokens.add(token);
    }
    return Optional.of(String.join(" ", tokens));
  }

  /**
   * The network {@code description} describes, its {@code Dense} layers checked against
   * {@code shapes} (the file's tensors by name) first; parameters are zero (load them next), the
   * network is in evaluation mode.
   *
   * @throws IllegalArgumentException naming the token and what was expected
   */
  public static Sequential build(String description, Map<String, Shape> shapes) {
    String[] tokens = description.isEmpty() ? new String[0] : description.split(" ", MAX_LAYERS + 1);
    if (tokens.length == 0 || tokens.length > MAX_LAYERS) {
      throw new IllegalArgumentException("architecture: " + (tokens.length == 0 ? "no layers" : "more than " + MAX_LAYERS + " layers")
          + ", expected 1 to " + MAX_LAYERS + " layers separated by single spaces");
    }
    for (int i = 0; i < tokens.length; i++) check(i, tokens[i], shapes);  // all checked before anything is built
    List<Module> layers = new ArrayList<>();
    for (int i = 0; i < tokens.length; i++) layers.add(layer(tokens[i]));
    Sequential net = new Sequential(layers.toArray(new Module[0]));
    net.eval();
    return net;
  }

  private static void check(int i, String token, Map<String, Shape> shapes) {
    Matcher dense = DENSE.matcher(token);
    if (dense.matches()) {
      long in = Long.parseLong(dense.group(1)), out = Long.parseLong(dense.group(2));
      Shape w = shapes.get(i + ".weight"), b = shapes.get(i + ".bias");
      if (w == null || b == null || w.rank() != 2 || w.dim(0) != out || w.dim(1) != in || b.rank() != 1 || b.dim(0) != out) {
        throw new IllegalArgumentException("architecture: layer " + i + " " + token + " needs tensors " + i + ".weight ["
            + out + ", " + in + "] and " + i + ".bias [" + out + "], the file has " + describe(w) + " and " + describe(b));
      }
      return;
    }
    Matcher dropout = DROPOUT.matcher(token);
    if (dropout.matches()) {
      double p;
      try {
        p = Double.parseDouble(dropout.group(1));
      } catch (NumberFormatException e) {
        p = Double.NaN;
      }
      if (!(p >= 0.0 && p < 1.0)) {
        throw new IllegalArgumentException("architecture: layer " + i + " " + token + ", expected a probability in [0, 1)");
      }
      return;
    }
    if (!List.of("Sigmoid", "ReLU", "Tanh", "Softmax", "Step").contains(token)) {
      String shown = token.length() > 40 ? token.substring(0, 40) + "..." : token;
      throw new IllegalArgumentException("architecture: layer " + i + " '" + shown + "' is not a built-in layer, expected"
          + " Dense(IN->OUT), Sigmoid, ReLU, Tanh, Softmax, Step or Dropout(P)");
    }
  }

  private static String describe(Shape s) {
    return s == null ? "none" : s.toString();
  }

  private static Module layer(String token) {
    Matcher dense = DENSE.matcher(token);
    if (dense.matches()) {
      int in = Integer.parseInt(dense.group(1)), out = Integer.parseInt(dense.group(2));
      DType dtype = dense.group(3) != null ? DType.F64 : DType.F32;
      return new Dense(Tensor.zeros(dtype, out, in), Tensor.zeros(dtype, out));
    }
    Matcher dropout = DROPOUT.matcher(token);
    if (dropout.matches()) {
      // Evaluation mode never draws a mask; the source is only there for train() after loading.
      return new Dropout(Double.parseDouble(dropout.group(1)), new SplittableRandom(0));
    }
    return switch (token) {
      case "Sigmoid" -> Activation.sigmoid();
      case "ReLU" -> Activation.relu();
      case "Tanh" -> Activation.tanh();
      case "Softmax" -> Activation.softmax();
      default -> Activation.step();
    };
  }
}
