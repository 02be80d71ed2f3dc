package dev.chainrule.examples.mnist;

import dev.chainrule.nn.Architecture;
import dev.chainrule.nn.Checkpoint;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A trained network on disk: its parameters in safetensors (PyTorch state_dict names such as
 * {@code 0.weight}, via {@link Checkpoint}) and its {@link Recipe} in the header metadata, so
 * eval and predict can rebuild it.
 */
public final class WeightsFile {
  private WeightsFile() {}

  public static void save(Path file, Sequential net, Recipe recipe) throws IOException {
    Map<String, String> metadata = new TreeMap<>(recipe.toMetadata());
    metadata.put("format", "pt");
    Architecture.describe(net).ifPresent(a -> metadata.put(Architecture.METADATA_KEY, a));   // for Checkpoint.loadModel
    Checkpoint.write(file, net.namedParameters(), metadata);
  }

  /** A network with the file's recipe and parameters. */
  public static Loaded load(Path file) throws IOException {
    Map<String, String> metadata = SafeTensors.read(file).metadata();
    if (!metadata.containsKey("recipe") && metadata.containsKey(Architecture.METADATA_KEY)) {
      return new Loaded(null, Checkpoint.loadModel(file));   // any Sequential of built-in layers (Checkpoint.save)
    }
    Recipe recipe;
    try {
      recipe = Recipe.fromMetadata(metadata);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    Sequential net = MnistNetwork.build(recipe, new SplittableRandom(0));
    Checkpoint.load(net, file);
    return new Loaded(recipe, net);
  }

  public record Loaded(Recipe recipe, Sequential net) {}
}
