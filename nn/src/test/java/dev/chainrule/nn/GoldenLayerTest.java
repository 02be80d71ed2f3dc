package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Derivatives;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.golden.GoldenFiles;
import dev.chainrule.nn.io.SafeTensors;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The sequence and attention layers and the transposed convolution against PyTorch 1.13's
 * nn.LSTM, nn.GRU, nn.MultiheadAttention, nn.TransformerEncoderLayer and nn.ConvTranspose2d in float64 ({@code golden-layers/}, written by
 * {@code benchmarks/python/golden_layers.py}): outputs, gradients for the input, the initial state
 * and every weight, and Hessian-vector products, to 1e-12 relative to the largest expected
 * magnitude. The weights are loaded by their PyTorch state_dict names, so the test also checks the
 * names, layouts and gate orders.
 */
class GoldenLayerTest {
  private static final double RTOL = 1e-12;

  /** Each case as a function of its tensors, in the order of the file's "names". */
  private static final Map<String, Function<Tensor[], Tensor>> CASES = Map.of(
      "conv_transpose2d", in -> {
        ConvTranspose2d up = new ConvTranspose2d(3, 2, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1},
            new int[] {1, 1}, 1, true, Conv2d.defaultInit(), new SplittableRandom(1), DType.F64);
        return withTorchWeights(up, up.namedParameters(), in, 1, () -> up.forward(in[0]).reshape(-1));
      },
      "conv_transpose2d_groups", in -> {
        ConvTranspose2d up = new ConvTranspose2d(4, 2, new int[] {2, 3}, new int[] {2, 1}, new int[] {0, 1}, new int[] {1, 0},
            new int[] {1, 2}, 2, false, Conv2d.defaultInit(), new SplittableRandom(1), DType.F64);
        return withTorchWeights(up, up.namedParameters(), in, 1, () -> up.forward(in[0]).reshape(-1));
      },
      "lstm", in -> {
        Recurrent lstm = new Recurrent(new LSTMCell(3, 4, new SplittableRandom(1), DType.F64));
        return withTorchWeights(lstm, lstm.torchStateDict(), in, 3, () -> {
          Recurrent.Result r = lstm.run(in[0], new RecurrentState(in[1].reshape(2, 4), in[2].reshape(2, 4)));
          return Tensor.concat(0, r.outputs().reshape(-1), r.last().hidden().reshape(-1), r.last().cell().reshape(-1));
        });
      },
      "gru", in -> {
        Recurrent gru = new Recurrent(new GRUCell(3, 4, new SplittableRandom(1), DType.F64));
        return withTorchWeights(gru, gru.torchStateDict(), in, 2, () -> {
          Recurrent.Result r = gru.run(in[0], RecurrentState.of(in[1].reshape(2, 4)));
          return Tensor.concat(0, r.outputs().reshape(-1), r.last().hidden().reshape(-1));
        });
      },
      "attention_causal_padding", in -> {
        MultiheadAttention mha = new MultiheadAttention(4, 2, new SplittableRandom(1), DType.F64);
        Tensor padding = Tensor.of(new double[] {0, 0, 0, 0, 0, 0, 0, 1}, 2, 4);
        return withTorchWeights(mha, mha.namedParameters(), in, 1, () -> {
          MultiheadAttention.Output o = mha.attend(in[0], in[0], in[0], padding, true);
          return Tensor.concat(0, o.output().reshape(-1), o.weights().reshape(-1));
        });
      },
      "transformer_encoder_post_relu", in -> {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(4, 2, 6, 0.0, TransformerEncoderLayer.Nonlinearity.RELU,
            false, new SplittableRandom(1), DType.F64);
        layer.eval();
        return withTorchWeights(layer, layer.namedParameters(), in, 1, () -> layer.encode(in[0], null, false).output().reshape(-1));
      },
      "transformer_encoder_pre_gelu_masked", in -> {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(4, 2, 6, 0.0, TransformerEncoderLayer.Nonlinearity.GELU,
            true, new SplittableRandom(1), DType.F64);
        layer.eval();
        Tensor padding = Tensor.of(new double[] {0, 0, 0, 0, 0, 0, 0, 1}, 2, 4);
        return withTorchWeights(layer, layer.namedParameters(), in, 1, () -> layer.encode(in[0], padding, true).output().reshape(-1));
      });

  /**
   * Runs {@code body} with the module's parameters replaced by {@code in[first...]}, matched by
   * position to {@code torchNames} (the module's parameters under PyTorch's names, in its order).
   */
  private static Tensor withTorchWeights(Module m, Map<String, Tensor> torchNames, Tensor[] in, int first,
                                         java.util.function.Supplier<Tensor> body) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    Iterator<String> own = m.namedParameters().keySet().iterator();
    int k = first;
    for (String torchName : torchNames.keySet()) {
      Tensor p = torchNames.get(torchName);
      if (!p.shape().equals(in[k].shape())) {
        throw new AssertionError(torchName + ": Chainrule shape " + p.shape() + ", PyTorch " + in[k].shape());
      }
      values.put(own.next(), in[k++]);
    }
    return ParameterSwap.run(m, values, body);
  }

  private static List<Path> files() throws Exception {
    return GoldenFiles.in("/golden-layers");
  }

  @Test
  void everyGoldenFileHasAnExpressionAndViceVersa() throws Exception {
    assertEquals(new TreeSet<>(CASES.keySet()), GoldenFiles.names(files()), "golden files vs expressions in this test");
  }

  @TestFactory
  Stream<DynamicTest> outputsGradientsAndHvpsMatchPyTorch() throws Exception {
    return files().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static Tensor tensor(SafeTensors.Contents c, String name) {
    return GoldenFiles.tensor(c, name);
  }

  private static void check(Path file) throws Exception {
    SafeTensors.Contents c = SafeTensors.read(file);
    String name = c.metadata().get("case");
    String[] names = c.metadata().get("names").split(",");
    Function<Tensor[], Tensor> f = CASES.get(name);
    Tensor[] x = new Tensor[names.length], v = new Tensor[names.length];
    for (int i = 0; i < names.length; i++) {
      x[i] = tensor(c, "input." + i);
      v[i] = tensor(c, "hvp.direction." + i);
    }
    Tensor upstream = tensor(c, "upstream");
    Derivatives.Vjp vjp = Derivatives.vjp(f, x, upstream);
    close(name + ": output", tensor(c, "output"), vjp.output());
    for (int i = 0; i < x.length; i++) close(name + ": grad of " + names[i], tensor(c, "grad." + i), vjp.grads()[i]);
    Function<Tensor[], Tensor> loss = xs -> f.apply(xs).mul(upstream).sum();
    Tensor[] hvp = Derivatives.hvp(loss, x, v);
    for (int i = 0; i < x.length; i++) close(name + ": hvp of " + names[i], tensor(c, "hvp." + i), hvp[i]);
  }

  private static void close(String what, Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
    double scale = 1e-300;
    for (double d : e) scale = Math.max(scale, Math.abs(d));
    for (int j = 0; j < e.length; j++) {
      double diff = Math.abs(e[j] - a[j]);
      if (!(diff <= RTOL * scale)) {
        throw new AssertionError(String.format("%s at flat index %d: Chainrule %.17g, PyTorch %.17g, |diff| %.3e > %.1e",
            what, j, a[j], e[j], diff, RTOL * scale));
      }
    }
  }
}
