package dev.chainrule.nn.onnx;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Sequential} of built-in layers as an ONNX model, for ONNX Runtime, DJL, Triton
 * and the other tools that read ONNX.
 *
 * <p>The graph has one input {@code input} of shape [batch, features] and one output
 * {@code output}; the batch dimension is symbolic ({@code "batch"}), so any batch size runs. Each
 * layer becomes one node, named by its index in the model as its parameters are:
 * <table>
 *   <caption>Layers and the ONNX operators they become</caption>
 *   <tr><th>layer</th><th>ONNX (opset 13)</th></tr>
 *   <tr><td>{@link Dense}</td><td>{@code Gemm(x, weight, bias, transB=1)}: x·Wᵀ + b, the weight kept [out, in]</td></tr>
 *   <tr><td>{@link Activation#sigmoid()}, {@link Activation#tanh()}, {@link Activation#relu()}</td><td>{@code Sigmoid}, {@code Tanh}, {@code Relu}</td></tr>
 *   <tr><td>{@link Activation#softmax()}</td><td>{@code Softmax(axis=-1)}</td></tr>
 *   <tr><td>{@link Activation#step()}</td><td>{@code Cast(Greater(x, 0))}: 1 where x &gt; 0, else 0</td></tr>
 *   <tr><td>{@link Dropout}</td><td>{@code Identity}: the model is exported for inference, as in eval mode</td></tr>
 *   <tr><td>{@link Sequential}</td><td>its layers, inlined</td></tr>
 * </table>
 *
 * <p>Parameters become initializers with PyTorch's {@code state_dict} names ({@code 0.weight},
 * {@code 0.bias}, ...), in the model's dtype: float32 ({@code FLOAT}) or float64 ({@code DOUBLE});
 * a model that mixes the two is refused. Any other layer is refused with its index and class, as
 * ONNX has no way to run arbitrary Java. The file is written by hand (protocol buffers, see
 * {@code onnx.proto}), so nn still has no runtime dependency.
 */
public final class OnnxExport {
  /** The ONNX IR version written: 7, the version that goes with opset 13. */
  public static final int IR_VERSION = 7;
  /** The version of the default ONNX operator set ({@code ai.onnx}) the graph uses. */
  public static final int OPSET = 13;

  // onnx.proto: TensorProto.DataType and AttributeProto.AttributeType values.
  /** ONNX TensorProto.DataType of each dtype: FLOAT = 1, DOUBLE = 11. */
  private static final Map<DType, Integer> ONNX_TYPE = Map.of(DType.F32, 1, DType.F64, 11);
  private static final int ATTRIBUTE_INT = 2;

  /** The activations (by {@link Activation#name()}) that become one ONNX operator of the same shape, no attributes. */
  private static final Map<String, String> ELEMENTWISE = Map.of("Sigmoid", "Sigmoid", "Tanh", "Tanh", "ReLU", "Relu");

  private OnnxExport() {}

  /**
   * Writes {@code model} to {@code file} as ONNX (see the class comment for what each layer becomes).
   *
   * @throws IllegalArgumentException if the model holds a layer that is not built in, or mixes dtypes
   * @throws IOException if the file cannot be written
   */
  public static void write(Sequential model, Path file) throws IOException {
    Files.write(file, toBytes(model));
  }

  /**
   * The ONNX model as bytes, ready for {@code OrtEnvironment.createSession(bytes)} or a file.
   *
   * @throws IllegalArgumentException if the model holds a layer that is not built in, or mixes dtypes
   */
  public static byte[] toBytes(Sequential model) {
    List<Layer> layers = new ArrayList<>();
    flatten(model, "", layers);
    DType dtype = dtypeOf(layers);
    int elemType = ONNX_TYPE.get(dtype);

    ProtoWriter graph = new ProtoWriter();
    String x = "input";
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      String y = i == layers.size() - 1 ? "output" : layer.name() + ".out";
      addNodes(graph, layer, x, y, elemType, dtype);
      x = y;
    }
    if (layers.isEmpty()) {
      graph.message(1, node("Identity", "identity", List.of("input"), "output"));
    }
    graph.string(2, "chainrule");
    graph.message(11, valueInfo("input", elemType, firstFeatures(layers)));
    graph.message(12, valueInfo("output", elemType, lastFeatures(layers)));

    return new ProtoWriter()
        .int64(1, IR_VERSION)
        .string(2, "chainrule")
        .string(3, "0.1")
        .string(6, model.toString())
        .message(7, graph)
        .message(8, new ProtoWriter().string(1, "").int64(2, OPSET))
        .toByteArray();
  }

  /** A layer with the name its parameters have in {@link Module#namedParameters()}. */
  private record Layer(String name, Module module) {}

  private static void flatten(Sequential seq, String prefix, List<Layer> out) {
    for (int i = 0; i < seq.size(); i++) {
      Module m = seq.get(i);
      String name = prefix + i;
      if (m instanceof Sequential inner) {
        flatten(inner, name + ".", out);
      } else if (m instanceof Dense || m instanceof Activation || m instanceof Dropout) {
        out.add(new Layer(name, m));
      } else {
        throw new IllegalArgumentException("ONNX export: layer " + name + " (" + m.getClass().getName()
            + ") is not a built-in layer; expected Dense, Sigmoid, Tanh, ReLU, Softmax, Step, Dropout"
            + " or a Sequential of them");
      }
    }
  }

  private static DType dtypeOf(List<Layer> layers) {
    DType found = null;
    String first = null;
    for (Layer l : layers) {
      if (l.module() instanceof Dense d) {
        if (found != null && d.weight().dtype() != found) {
          throw new IllegalArgumentException("ONNX export: layer " + l.name() + " is " + d.weight().dtype()
              + " but layer " + first + " is " + found + "; convert the model to one dtype");
        }
        found = d.weight().dtype();
        first = first == null ? l.name() : first;
      }
    }
    return found == null ? DType.F32 : found;
  }

  private static void addNodes(ProtoWriter graph, Layer layer, String x, String y, int elemType, DType dtype) {
    String name = layer.name();
    Module m = layer.module();
    if (m instanceof Dense d) {
      graph.message(5, initializer(name + ".weight", d.weight(), elemType));
      graph.message(5, initializer(name + ".bias", d.bias(), elemType));
      graph.message(1, node("Gemm", name, List.of(x, name + ".weight", name + ".bias"), y,
          intAttribute("transB", 1)));
    } else if (m instanceof Dropout) {
      graph.message(1, node("Identity", name, List.of(x), y));
    } else if (m instanceof Activation a && a.name().equals("Step")) {
      String zero = name + ".zero";
      graph.message(5, initializer(zero, Tensor.zeros(dtype, 1), elemType));
      graph.message(1, node("Greater", name + ".greater", List.of(x, zero), name + ".positive"));
      graph.message(1, node("Cast", name, List.of(name + ".positive"), y, intAttribute("to", elemType)));
    } else if (m instanceof Activation a && a.name().equals("Softmax")) {
      graph.message(1, node("Softmax", name, List.of(x), y, intAttribute("axis", -1)));
    } else {
      graph.message(1, node(ELEMENTWISE.get(((Activation) m).name()), name, List.of(x), y));
    }
  }

  // NodeProto: input 1, output 2, name 3, op_type 4, attribute 5.
  private static ProtoWriter node(String op, String name, List<String> inputs, String output,
                                  ProtoWriter... attributes) {
    ProtoWriter node = new ProtoWriter();
    for (String in : inputs) node.string(1, in);
    node.string(2, output).string(3, name).string(4, op);
    for (ProtoWriter a : attributes) node.message(5, a);
    return node;
  }

  // AttributeProto: name 1, i 3, type 20.
  private static ProtoWriter intAttribute(String name, long value) {
    return new ProtoWriter().string(1, name).int64(3, value).int64(20, ATTRIBUTE_INT);
  }

  // TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian, row-major).
  private static ProtoWriter initializer(String name, Tensor t, int elemType) {
    ProtoWriter tensor = new ProtoWriter();
    for (int d : t.dims()) tensor.int64(1, d);
    tensor.int64(2, elemType).string(8, name);
    return tensor.bytes(9, t.toLittleEndianBytes());
  }

  // ValueInfoProto{name 1, type 2: TypeProto{tensor_type 1: {elem_type 1, shape 2: {dim 1: {dim_value 1 | dim_param 2}}}}}
  private static ProtoWriter valueInfo(String name, int elemType, int features) {
    ProtoWriter shape = new ProtoWriter()
        .message(1, new ProtoWriter().string(2, "batch"))
        .message(1, features > 0 ? new ProtoWriter().int64(1, features) : new ProtoWriter().string(2, "features"));
    ProtoWriter tensorType = new ProtoWriter().int64(1, elemType).message(2, shape);
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
  }

  // The input's feature count is the first Dense's; the output's the last Dense's (activations keep the width).
  private static int firstFeatures(List<Layer> layers) {
    for (Layer l : layers) if (l.module() instanceof Dense d) return d.in();
    return 0;
  }

  private static int lastFeatures(List<Layer> layers) {
    for (int i = layers.size() - 1; i >= 0; i--) if (layers.get(i).module() instanceof Dense d) return d.out();
    return 0;
  }

}
