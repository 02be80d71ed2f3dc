package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.io.NamedArray;
import dev.chainrule.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trained network on disk: its parameters in safetensors (PyTorch state_dict names such as
 * {@code 0.weight}) and its {@link Recipe} in the header metadata, so eval and predict can rebuild it.
 */
public final class WeightsFile {
  private WeightsFile() {}

  public static void save(Path file, Sequential net, Recipe recipe) throws IOException {
    Map<String, NamedArray> arrays = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : net.namedParameters().entrySet()) {
      Tensor t = e.getValue();
      arrays.put(e.getKey(), t.dtype() == DType.F32
          ? NamedArray.ofF32(t.dims(), t.toFloatArray()) : NamedArray.ofF64(t.dims(), t.toDoubleArray()));
    }
    SafeTensors.write(file, arrays, recipe.toMetadata());
  }

  /** A network with the file's recipe and parameters. */
  public static Loaded load(Path file) throws IOException {
    SafeTensors.Contents contents = SafeTensors.read(file);
    Recipe recipe;
    try {
      recipe = Recipe.fromMetadata(contents.metadata());
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    Sequential net = MnistNetwork.build(recipe, new SplittableRandom(0));
    Map<String, Tensor> params = net.namedParameters();
    for (Map.Entry<String, Tensor> e : params.entrySet()) {
      NamedArray a = contents.tensors().get(e.getKey());
      if (a == null) throw new IOException(file + ": missing tensor '" + e.getKey() + "' for " + net);
      Tensor stored = a.f32() != null ? Tensor.of(a.f32(), a.shape()) : Tensor.of(a.f64(), a.shape());
      if (!stored.shape().equals(e.getValue().shape())) {
        throw new IOException(file + ": tensor '" + e.getKey() + "' has shape " + stored.shape()
            + ", expected " + e.getValue().shape() + " for " + net);
      }
      try (var noGrad = GradMode.off()) {
        e.getValue().copyInPlace(stored.to(e.getValue().dtype()));
      }
    }
    return new Loaded(recipe, net);
  }

  public record Loaded(Recipe recipe, Sequential net) {}
}
