package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.NamedArray;
import dev.chainrule.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and loads a module's parameters as a safetensors file, under the names of
 * {@link Module#namedParameters()} ({@code 0.weight}, {@code 0.bias}, ... for a
 * {@link Sequential}, as PyTorch's {@code state_dict}), so NumPy ({@code safetensors.numpy}) and
 * PyTorch ({@code safetensors.torch.load_file}, then {@code load_state_dict}) read them directly.
 *
 * <p>The file is written atomically (temporary file, then rename): a crash never leaves a
 * half-written checkpoint behind. Reading validates the whole file first; a truncated or corrupted
 * file is refused with a {@link dev.chainrule.nn.io.SafeTensorsFormatException} naming the byte
 * offset and the problem. The format itself is implemented in {@link dev.chainrule.nn.io}.
 */
public final class Checkpoint {
  private Checkpoint() {}

  /** Writes {@code model}'s parameters to {@code file} (metadata {@code format=pt}, as PyTorch's tools expect). */
  public static void save(Module model, Path file) throws IOException {
    write(file, model.namedParameters(), Map.of("format", "pt"));
  }

  /**
   * Reads {@code file} and copies its tensors into {@code model}'s parameters in place. The names
   * and shapes must match the model's exactly (the message lists missing and unexpected names);
   * values are converted to each parameter's dtype.
   */
  public static void load(Module model, Path file) throws IOException {
    Map<String, Tensor> values = read(file);
    try {
      model.loadValues(values);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": does not fit the model: " + e.getMessage(), e);
    }
  }

  /** Writes named tensors (values only, outside any graph) with string metadata, atomically. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    Map<String, NamedArray> arrays = new LinkedHashMap<>();
    tensors.forEach((name, t) -> arrays.put(name, t.dtype() == DType.F32
        ? NamedArray.ofF32(t.dims(), t.toFloatArray())
        : NamedArray.ofF64(t.dims(), t.toDoubleArray())));
    SafeTensors.write(file, arrays, metadata);
  }

  /** Reads every tensor of a safetensors file, in file order. */
  public static Map<String, Tensor> read(Path file) throws IOException {
    return tensors(SafeTensors.read(file));
  }

  /** The tensors of a file already read, in file order, wrapping its arrays (no copy). */
  public static Map<String, Tensor> tensors(SafeTensors.Contents contents) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    contents.tensors().forEach((name, a) -> {
      Shape shape = Shape.of(a.shape());
      out.put(name, a.f32() != null ? Tensor.wrap(shape, a.f32()) : Tensor.wrap(shape, a.f64()));
    });
    return out;
  }
}
