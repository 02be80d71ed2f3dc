package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Derivatives;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.golden.GoldenFiles;
import dev.chainrule.nn.io.SafeTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss against PyTorch 1.13 in float64: outputs, gradients and Hessian-vector products (by
 * reverse over reverse and forward over reverse) from {@code golden-losses/}, written by
 * {@code benchmarks/python/golden_losses.py} (same format as autograd's golden gradients). Agreement
 * to 1e-12 relative to the largest expected magnitude: the formulas differ only in rounding.
 */
class GoldenLossTest {
  private static final double RTOL = 1e-12;

  /** Each case's Chainrule expression over (input, const.target), as in its metadata "output". */
  private static final Map<String, BiFunction<Tensor, Tensor, Tensor>> CASES = Map.ofEntries(
      Map.entry("mse_mean", (a, t) -> new MSELoss().apply(a, t)),
      Map.entry("mse_sum", (a, t) -> new MSELoss(Reduction.SUM).apply(a, t)),
      Map.entry("mse_none", (a, t) -> new MSELoss(Reduction.NONE).apply(a, t)),
      Map.entry("l1_mean", (a, t) -> new L1Loss().apply(a, t)),
      Map.entry("l1_none", (a, t) -> new L1Loss(Reduction.NONE).apply(a, t)),
      Map.entry("huber_mean", (a, t) -> new HuberLoss().apply(a, t)),
      Map.entry("huber_delta_sum", (a, t) -> new HuberLoss(0.5, Reduction.SUM).apply(a, t)),
      Map.entry("bce_logits_mean", (a, t) -> new BCEWithLogitsLoss().apply(a, t)),
      Map.entry("bce_logits_saturated_none", (a, t) -> new BCEWithLogitsLoss(Reduction.NONE).apply(a, t)),
      Map.entry("cross_entropy_indices_mean", (a, t) -> new CrossEntropyLoss().apply(a, t)),
      Map.entry("cross_entropy_sequence_ignore_smoothing", (a, t) -> new CrossEntropyLoss().labelSmoothing(0.1).apply(a, t)),
      Map.entry("cross_entropy_class_axis1_sum", (a, t) -> new CrossEntropyLoss().classAxis(1).reduction(Reduction.SUM).apply(a, t)),
      Map.entry("cross_entropy_ignore_index_none", (a, t) -> new CrossEntropyLoss().ignoreIndex(3).reduction(Reduction.NONE).apply(a, t)),
      Map.entry("cross_entropy_probabilities_smoothing", (a, t) -> new CrossEntropyLoss().labelSmoothing(0.2).apply(a, t)),
      Map.entry("nll_mean", (a, t) -> new NLLLoss().apply(a, t)),
      Map.entry("nll_log_softmax_class_axis1_ignore", (a, t) -> new NLLLoss().classAxis(1).apply(a.logSoftmax(1), t)),
      // Targets stored as int64 by PyTorch (safetensors "I64"), read as I64 tensors.
      Map.entry("cross_entropy_int64_targets_mean", (a, t) -> new CrossEntropyLoss().apply(a, t)),
      Map.entry("cross_entropy_int64_class_axis1_ignore_smoothing", (a, t) ->
          new CrossEntropyLoss().classAxis(1).labelSmoothing(0.1).apply(a, t)),
      Map.entry("nll_int64_sum", (a, t) -> new NLLLoss().reduction(Reduction.SUM).apply(a.logSoftmax(1), t)));

  private static List<Path> files() throws Exception {
    return GoldenFiles.in("/golden-losses");
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
    BiFunction<Tensor, Tensor, Tensor> expr = CASES.get(name);
    Tensor target = tensor(c, "const.target"), upstream = tensor(c, "upstream");
    if (name.contains("_int64_")) assertEquals(dev.chainrule.autograd.DType.I64, target.dtype(), where(c) + ": target dtype");
    Tensor[] x = {tensor(c, "input.0")}, v = {tensor(c, "hvp.direction.0")};
    String where = where(c);

    Derivatives.Vjp vjp = Derivatives.vjp(xs -> expr.apply(xs[0], target), x, upstream);
    close(where + ": output", tensor(c, "output"), vjp.output());
    close(where + ": grad", tensor(c, "grad.0"), vjp.grads()[0]);

    java.util.function.Function<Tensor[], Tensor> loss = xs -> expr.apply(xs[0], target).mul(upstream).sum();
    close(where + ": hvp (reverse over reverse)", tensor(c, "hvp.0"), Derivatives.hvp(loss, x, v)[0]);
    close(where + ": hvp (forward over reverse)", tensor(c, "hvp.0"), Derivatives.hvpForward(loss, x, v)[0]);
  }

  private static String where(SafeTensors.Contents c) {
    return c.metadata().get("case") + " (" + c.metadata().get("output") + ")";
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
