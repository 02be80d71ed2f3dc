package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Storage;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.NamedArray;
import dev.chainrule.nn.io.SafeTensors;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.OptimizerState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a module's parameters as a safetensors file, under the names of
 * {@link Module#namedParameters()} ({@code 0.weight}, {@code 0.bias}, ... for a
 * {@link Sequential}, as PyTorch's {@code state_dict}), so NumPy ({@code safetensors.numpy}) and
 * PyTorch ({@code safetensors.torch.load_file}, then {@code load_state_dict}) read them directly.
 *
 * <p>A training checkpoint ({@link #save(Module, Optimizer, Path, Map)}) adds the optimizer's
 * state under {@code optimizer.<kind>.<parameter name>} (e.g. {@code optimizer.velocity.0.weight},
 * {@code optimizer.m.0.weight}) and its scalars under {@code optimizer.<name>}
 * ({@code optimizer.step}); loading both continues training with the same bits. A
 * {@link Sequential} of built-in layers also stores its {@link Architecture}, so
 * {@link #loadModel(Path)} rebuilds it from the file alone.
 *
 * <p>The file is written atomically (temporary file, then rename): a crash never leaves a
 * half-written checkpoint behind. Reading validates the whole file first; a truncated or corrupted
 * file is refused with a {@link dev.chainrule.nn.io.SafeTensorsFormatException} naming the byte
 * offset and the problem. F16 and BF16 entries are read as F32 (exactly) and converted to each
 * parameter's dtype. The format itself is implemented in {@link dev.chainrule.nn.io}.
 */
public final class Checkpoint {
  /** The name prefix of optimizer state entries. */
  public static final String OPTIMIZER_PREFIX = "optimizer.";

  private Checkpoint() {}

  /**
   * What a non-strict load did.
   *
   * @param loaded  the model's parameters that were read from the file
   * @param missing the model's parameters the file does not have (left as they were)
   * @param skipped the file's entries the model has no parameter for (not read)
   */
  public record LoadReport(List<String> loaded, List<String> missing, List<String> skipped) {
    public LoadReport {
      loaded = List.copyOf(loaded);
      missing = List.copyOf(missing);
      skipped = List.copyOf(skipped);
    }
  }

  /** Writes {@code model}'s parameters and buffers ({@link Module#stateDict()}) to {@code file} (metadata {@code format=pt}, as PyTorch's tools expect). */
  public static void save(Module model, Path file) throws IOException {
    write(file, model.stateDict(), modelMetadata(model, Map.of()));
  }

  /**
   * Writes a training checkpoint: {@code model}'s parameters, {@code optimizer}'s state under the
   * parameters' names, and {@code metadata} (string pairs, e.g. the epoch; keys {@code format} and
   * {@value Architecture#METADATA_KEY} are set here).
   */
  public static void save(Module model, Optimizer optimizer, Path file, Map<String, String> metadata) throws IOException {
    snapshot(model, optimizer, metadata).write(file);
  }

  /**
   * The training checkpoint {@link #save(Module, Optimizer, Path, Map)} would write, copied now and
   * written later with {@link Snapshot#write}: training may go on meanwhile (e.g. while another
   * thread evaluates the copy's epoch and then writes it), and the file still holds the values of
   * this moment.
   */
  public static Snapshot snapshot(Module model, Optimizer optimizer, Map<String, String> metadata) {
    Map<String, Tensor> tensors = new LinkedHashMap<>(model.stateDict());
    List<String> names = parameterNames(model, optimizer);
    OptimizerState state = optimizer.state();
    state.buffers().forEach((kind, byIndex) -> byIndex.forEach((i, t) -> put(tensors, OPTIMIZER_PREFIX + kind + "." + names.get(i), t)));
    state.scalars().forEach((name, v) -> put(tensors, OPTIMIZER_PREFIX + name, Tensor.scalar(v, DType.F64)));
    return new Snapshot(arrays(tensors), Collections.unmodifiableMap(modelMetadata(model, metadata)));
  }

  /** A checkpoint's contents, copies of the tensors at the time {@link #snapshot} was taken. */
  public static final class Snapshot {
    private final Map<String, NamedArray> arrays;
    private final Map<String, String> metadata;

    private Snapshot(Map<String, NamedArray> arrays, Map<String, String> metadata) {
      this.arrays = arrays;
      this.metadata = metadata;
    }

    /** Writes the checkpoint to {@code file}, atomically (any number of times, from any thread). */
    public void write(Path file) throws IOException {
      SafeTensors.write(file, arrays, metadata);
    }
  }

  private static void put(Map<String, Tensor> tensors, String name, Tensor t) {
    if (tensors.put(name, t) != null) {
      throw new IllegalArgumentException("Checkpoint: the model has a parameter named '" + name
          + "', which is where the optimizer's state goes; rename the module's '" + OPTIMIZER_PREFIX + "...' child");
    }
  }

  private static Map<String, String> modelMetadata(Module model, Map<String, String> metadata) {
    Map<String, String> out = new LinkedHashMap<>(metadata);
    out.put("format", "pt");
    Architecture.describe(model).ifPresent(a -> out.put(Architecture.METADATA_KEY, a));
    return out;
  }

  /** The model's name of each optimizer parameter, in the optimizer's order. */
  private static List<String> parameterNames(Module model, Optimizer optimizer) {
    Map<Tensor, String> byTensor = new IdentityHashMap<>();
    model.namedParameters().forEach((name, p) -> byTensor.put(p, name));
    List<String> names = new ArrayList<>();
    for (Tensor p : optimizer.parameters()) {
      String name = byTensor.get(p);
      if (name == null) {
        throw new IllegalArgumentException("Checkpoint: " + optimizer + " updates a tensor of shape " + p.shape()
            + " that is not a parameter of the model; build the optimizer over model.parameters()");
      }
      names.add(name);
    }
    return names;
  }

  /**
   * Reads {@code file} and copies its tensors into {@code model}'s parameters in place. The names
   * and shapes must match the model's exactly (the message lists missing and unexpected names);
   * values are converted to each parameter's dtype.
   */
  public static void load(Module model, Path file) throws IOException {
    loadValues(model, read(file), file);
  }

  private static void loadValues(Module model, Map<String, Tensor> values, Path file) {
    try {
      model.loadValues(values);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": does not fit the model: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a training checkpoint written by {@link #save(Module, Optimizer, Path, Map)} into
   * {@code model} and {@code optimizer} (built the same way as when it was saved), strictly: every
   * parameter and nothing else, and optimizer state of the optimizer's kinds.
   *
   * @return the file's metadata
   */
  public static Map<String, String> load(Module model, Optimizer optimizer, Path file) throws IOException {
    SafeTensors.Contents contents = SafeTensors.read(file);
    Map<String, Tensor> values = new LinkedHashMap<>(), stateEntries = new LinkedHashMap<>();
    tensors(contents).forEach((name, t) -> (name.startsWith(OPTIMIZER_PREFIX) ? stateEntries : values).put(name, t));
    List<String> names = parameterNames(model, optimizer);
    Map<String, Map<Integer, Tensor>> buffers = new LinkedHashMap<>();
    Map<String, Double> scalars = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : stateEntries.entrySet()) {
      String rest = e.getKey().substring(OPTIMIZER_PREFIX.length());
      int dot = rest.indexOf('.');
      if (dot < 0) {
        if (e.getValue().size() != 1) {
          throw new IllegalArgumentException(file + ": optimizer scalar '" + e.getKey() + "' has shape "
              + e.getValue().shape() + ", expected one value");
        }
        scalars.put(rest, e.getValue().toDoubleArray()[0]);
        continue;
      }
      String kind = rest.substring(0, dot), param = rest.substring(dot + 1);
      int index = names.indexOf(param);
      if (index < 0) {
        throw new IllegalArgumentException(file + ": optimizer state '" + e.getKey() + "' names parameter '" + param
            + "', which the optimizer does not update; expected one of " + shortList(names));
      }
      buffers.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(index, e.getValue());
    }
    OptimizerState state = new OptimizerState(buffers, scalars);
    loadValues(model, values, file);
    try {
      optimizer.loadState(state);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": does not fit the optimizer: " + e.getMessage(), e);
    }
    return contents.metadata();
  }

  /**
   * Copies the file's tensors into the model's parameters of the same names, PyTorch's
   * {@code load_state_dict(strict=False)}: parameters the file lacks are left alone and reported
   * as missing, entries the model lacks (optimizer state, a head you replaced) as skipped. A name
   * present in both with different shapes is an error, and then nothing is loaded.
   */
  public static LoadReport loadNonStrict(Module model, Path file) throws IOException {
    Map<String, Tensor> values = read(file);
    Map<String, Tensor> params = model.stateDict();
    List<String> loaded = new ArrayList<>(), missing = new ArrayList<>(), skipped = new ArrayList<>();
    for (Map.Entry<String, Tensor> p : params.entrySet()) {
      Tensor v = values.get(p.getKey());
      if (v == null) {
        missing.add(p.getKey());
      } else if (!v.shape().equals(p.getValue().shape())) {
        throw new IllegalArgumentException(file + ": parameter '" + p.getKey() + "' has shape " + p.getValue().shape()
            + ", the file's entry has shape " + v.shape() + "; nothing was loaded");
      } else {
        loaded.add(p.getKey());
      }
    }
    for (String name : values.keySet()) if (!params.containsKey(name)) skipped.add(name);
    try (var noGrad = GradMode.off()) {
      for (String name : loaded) params.get(name).copyInPlace(values.get(name));
    }
    return new LoadReport(loaded, missing, skipped);
  }

  /**
   * Rebuilds the {@link Sequential} of built-in layers whose {@link Architecture} the file's
   * metadata holds, with the file's parameters (optimizer state is skipped), in evaluation mode.
   *
   * @throws IllegalArgumentException if the file has no architecture or it does not match the tensors
   */
  public static Sequential loadModel(Path file) throws IOException {
    SafeTensors.Contents contents = SafeTensors.read(file);
    String description = contents.metadata().get(Architecture.METADATA_KEY);
    if (description == null) {
      throw new IllegalArgumentException(file + ": no '" + Architecture.METADATA_KEY + "' in the metadata, expected a"
          + " checkpoint of a Sequential of built-in layers written by Checkpoint.save; load it into a model you build with Checkpoint.load");
    }
    Map<String, Shape> shapes = new LinkedHashMap<>();
    contents.tensors().forEach((name, a) -> shapes.put(name, Shape.of(a.shape())));
    Sequential net;
    try {
      net = Architecture.build(description, shapes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    Map<String, Tensor> values = new LinkedHashMap<>();
    tensors(contents).forEach((name, t) -> { if (!name.startsWith(OPTIMIZER_PREFIX)) values.put(name, t); });
    loadValues(net, values, file);
    return net;
  }

  private static String shortList(List<String> names) {
    return names.size() <= 10 ? names.toString() : names.subList(0, 10) + " and " + (names.size() - 10) + " more";
  }

  /** Writes named tensors (values only, outside any graph) with string metadata, atomically. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    SafeTensors.write(file, arrays(tensors), metadata);
  }

  /** The tensors' values as named arrays (copies), in order. */
  private static Map<String, NamedArray> arrays(Map<String, Tensor> tensors) {
    Map<String, NamedArray> arrays = new LinkedHashMap<>();
    // a DType's name is its safetensors dtype ("F32", "F64")
    tensors.forEach((name, t) -> arrays.put(name, NamedArray.of(t.dtype().name(), t.dims(), t.toArray())));
    return arrays;
  }

  /** Reads every tensor of a safetensors file, in file order. */
  public static Map<String, Tensor> read(Path file) throws IOException {
    return tensors(SafeTensors.read(file));
  }

  /** The tensors of a file already read, in file order, wrapping its arrays (no copy). */
  public static Map<String, Tensor> tensors(SafeTensors.Contents contents) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    contents.tensors().forEach((name, a) -> {
      out.put(name, Tensor.wrap(Shape.of(a.shape()), Storage.wrap(a.data())));
    });
    return out;
  }
}
