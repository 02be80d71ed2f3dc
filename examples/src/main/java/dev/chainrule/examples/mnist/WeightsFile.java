package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.Shape;
import dev.chainrule.nn.Architecture;
import dev.chainrule.nn.Checkpoint;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.io.NamedArray;
import dev.chainrule.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A trained network on disk: its parameters in safetensors (PyTorch state_dict names such as
 * {@code 0.weight}, via {@link Checkpoint}) and its {@link Recipe} in the header metadata, so
 * eval and predict can rebuild it.
 *
 * <p>Loading trusts nothing the file says until it is checked: the recipe's values are validated
 * ({@link RecipeCheck}) and the parameter names and shapes its sizes imply must be exactly the
 * tensors the file holds, before the network is built. So what loading allocates is bounded by
 * the file's length: metadata cannot make it build a network larger than the weights it carries.
 */
public final class WeightsFile {
  private WeightsFile() {}

  /** Writes {@code net}'s parameters with {@code recipe} in the metadata, replacing {@code file} atomically. */
  public static void save(Path file, Sequential net, Recipe recipe) throws IOException {
    Map<String, String> metadata = new TreeMap<>(recipe.toMetadata());
    metadata.put("format", "pt");
    Architecture.describe(net).ifPresent(a -> metadata.put(Architecture.METADATA_KEY, a));   // for Checkpoint.loadModel
    Checkpoint.write(file, net.namedParameters(), metadata);
  }

  /** A network with the file's recipe and parameters. */
  public static Loaded load(Path file) throws IOException {
    SafeTensors.Contents contents = SafeTensors.read(file);
    Map<String, String> metadata = contents.metadata();
    if (!metadata.containsKey("recipe") && metadata.containsKey(Architecture.METADATA_KEY)) {
      return new Loaded(null, Checkpoint.loadModel(file));   // any Sequential of built-in layers (Checkpoint.save)
    }
    Recipe recipe;
    try {
      recipe = Recipe.fromMetadata(metadata);
      RecipeCheck.validate(recipe, RecipeCheck.METADATA);
      checkTensors(recipe, contents.tensors());
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    Sequential net = MnistNetwork.build(recipe, new SplittableRandom(0));
    net.loadValues(Checkpoint.tensors(contents));
    return new Loaded(recipe, net);
  }

  /** The file's tensors must be exactly those the recipe's network has, by name and shape. */
  static void checkTensors(Recipe recipe, Map<String, NamedArray> tensors) {
    int layers = recipe.sizes().length - 1;
    String sizes = "sizes " + Recipe.describeSizes(recipe.sizes());
    if (tensors.size() != 2 * layers) {
      throw new IllegalArgumentException("the metadata's " + sizes + " describe " + layers + " dense layers, "
          + 2 * layers + " tensors; the file holds " + tensors.size());
    }
    List<String> problems = new ArrayList<>();
    MnistNetwork.parameterShapes(recipe).forEach((name, shape) -> {
      NamedArray a = tensors.get(name);
      if (a == null) {
        problems.add("no tensor '" + name + "' (expected " + shape + ")");
      } else if (!Shape.of(a.shape()).equals(shape)) {
        problems.add("tensor '" + name + "' has shape " + Shape.of(a.shape()) + ", expected " + shape);
      }
    });
    if (!problems.isEmpty()) {
      String shown = String.join("; ", problems.subList(0, Math.min(3, problems.size())));
      throw new IllegalArgumentException("the weights do not fit the metadata's " + sizes + ": " + shown
          + (problems.size() > 3 ? "; and " + (problems.size() - 3) + " more" : ""));
    }
  }


  /**
   * A network read back from a file.
   *
   * @param recipe the recipe stored in the file's metadata
   * @param net    the network that recipe builds, holding the file's parameters
   */
  public record Loaded(Recipe recipe, Sequential net) {}
}
