package dev.chainrule.autograd.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Derivatives;
import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Outputs, gradients and Hessian-vector products against PyTorch 1.13 (float64), read from the
 * safetensors files in {@code golden/} (see its README): no Python at test time. The gradient is
 * of L = Σ output·upstream; the HVP is d/dxᵢ Σⱼ ⟨∂L/∂xⱼ, vⱼ⟩, by reverse over reverse and by
 * forward over reverse.
 */
class GoldenGradientTest {
  /** Relative to the largest magnitude of the expected tensor; float64 results differ by rounding only. */
  private static final double RTOL = 1e-12;

  /** Each case's expression (from its __metadata__ "output") over (inputs, constants). */
  private static final Map<String, BiFunction<Tensor[], SafeTensors, Tensor>> CASES = Map.ofEntries(
      Map.entry("abs", (x, c) -> x[0].abs()),
      Map.entry("add_broadcast", (x, c) -> x[0].add(x[1])),
      Map.entry("clamp", (x, c) -> x[0].clamp(-0.5, 0.5)),
      Map.entry("avg_pool2d", (x, c) -> squared(x[0].avgPool2d(new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}))),
      Map.entry("batch_norm1d_train", (x, c) -> x[0].batchNorm(x[1], x[2], 1e-5)),
      Map.entry("batch_norm2d_train", (x, c) -> x[0].batchNorm(x[1], x[2], 1e-5)),
      Map.entry("concat", (x, c) -> squared(Tensor.concat(0, x[0], x[1]))),
      Map.entry("conv2d_basic", (x, c) -> x[0].conv2d(x[1], x[2], 1, 0)),
      Map.entry("conv2d_depthwise", (x, c) -> x[0].conv2d(x[1], x[2], new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 3)),
      Map.entry("conv2d_dilation", (x, c) -> x[0].conv2d(x[1], null, new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 1}, 1)),
      Map.entry("conv2d_groups", (x, c) -> x[0].conv2d(x[1], x[2], new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 2)),
      Map.entry("conv2d_stride_pad", (x, c) -> x[0].conv2d(x[1], x[2], new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 1}, 1)),
      Map.entry("div_broadcast", (x, c) -> x[0].div(x[1])),
      Map.entry("exp", (x, c) -> x[0].exp()),
      Map.entry("index_select_rows", (x, c) -> squared(x[0].indexSelect(new int[] {2, 0, 2, 3}))),
      Map.entry("linear_sigmoid_quadratic_cost", (x, c) ->
          c.get("const.target").sub(x[0].linear(x[1], x[2]).sigmoid()).pow(2.0).sum().div(2 * 4)),
      Map.entry("log", (x, c) -> x[0].log()),
      Map.entry("log_softmax", (x, c) -> x[0].logSoftmax(-1)),
      Map.entry("logsumexp", (x, c) -> x[0].logsumexp(1, true)),
      Map.entry("matmul_2d", (x, c) -> x[0].matmul(x[1])),
      Map.entry("matmul_batched", (x, c) -> x[0].matmul(x[1])),
      Map.entry("matmul_batched_broadcast", (x, c) -> x[0].matmul(x[1])),
      Map.entry("max_pool2d", (x, c) -> squared(x[0].maxPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}))),
      Map.entry("max_pool2d_plain", (x, c) -> squared(x[0].maxPool2d(2))),
      Map.entry("max_axis_keepdim", (x, c) -> squared(x[0].max(new int[] {1}, true))),
      Map.entry("maximum", (x, c) -> x[0].maximum(x[1])),
      Map.entry("mean_axis", (x, c) -> squared(x[0].mean(1))),
      Map.entry("mul_broadcast", (x, c) -> x[0].mul(x[1])),
      Map.entry("pad_constant", (x, c) -> squared(x[0].pad(new int[] {1, 2, 0, 3}, 0.5))),
      Map.entry("pow_scalar", (x, c) -> x[0].pow(3.0)),
      Map.entry("pow_tensor", (x, c) -> x[0].pow(x[1])),
      Map.entry("relu", (x, c) -> x[0].relu()),
      Map.entry("reshape", (x, c) -> squared(x[0].reshape(2, 6))),
      Map.entry("reuse_accumulate", (x, c) -> x[0].mul(x[0]).add(x[0].exp().mul(x[0]))),
      Map.entry("sigmoid", (x, c) -> x[0].sigmoid()),
      // rows 1..3, columns 0..5 step 2: Chainrule's slice has no step, so join single columns.
      Map.entry("slice", (x, c) -> {
        Tensor rows = x[0].slice(0, 1, 3);
        return squared(Tensor.concat(1, rows.slice(1, 0, 1), rows.slice(1, 2, 3), rows.slice(1, 4, 5)));
      }),
      Map.entry("softmax", (x, c) -> x[0].softmax(1)),
      Map.entry("softmax_cross_entropy", (x, c) -> c.get("const.target").mul(x[0].logSoftmax(1)).sum().neg().div(4)),
      Map.entry("sqrt", (x, c) -> x[0].sqrt()),
      Map.entry("sub_broadcast", (x, c) -> x[0].sub(x[1])),
      Map.entry("sum_all", (x, c) -> squared(x[0].sum())),
      Map.entry("sum_axes_keepdim", (x, c) -> squared(x[0].sum(new int[] {0, 2}, true))),
      Map.entry("tanh", (x, c) -> x[0].tanh()),
      Map.entry("transpose", (x, c) -> squared(x[0].transpose(0, 1))),
      Map.entry("where", (x, c) -> Tensor.where(c.get("const.mask"), x[0], x[1])),
      // vocab (issue 19): the added maths and shape tools
      Map.entry("sin", (x, c) -> x[0].sin()),
      Map.entry("cos", (x, c) -> x[0].cos()),
      Map.entry("log1p", (x, c) -> x[0].log1p()),
      Map.entry("expm1", (x, c) -> x[0].expm1()),
      Map.entry("erf", (x, c) -> x[0].erf()),
      Map.entry("sign_floor_round", (x, c) -> x[0].sign().add(x[0].floor()).add(x[0].round()).mul(x[0])),
      Map.entry("softplus", (x, c) -> x[0].softplus()),
      Map.entry("silu", (x, c) -> x[0].silu()),
      Map.entry("gelu", (x, c) -> x[0].gelu()),
      Map.entry("gelu_tanh", (x, c) -> x[0].geluTanh()),
      Map.entry("leaky_relu", (x, c) -> x[0].leakyRelu(0.1)),
      Map.entry("elu", (x, c) -> x[0].elu(1.3)),
      Map.entry("min_axis", (x, c) -> squared(x[0].min(1))),
      Map.entry("var_axis", (x, c) -> x[0].var(new int[] {1}, 1, false)),
      Map.entry("std_axis", (x, c) -> x[0].std(new int[] {0}, 1, true)),
      Map.entry("norm_all", (x, c) -> x[0].norm()),
      Map.entry("prod_axis", (x, c) -> x[0].prod(1, false)),
      Map.entry("cumsum", (x, c) -> squared(x[0].cumsum(1))),
      Map.entry("sort_descending", (x, c) -> squared(x[0].sort(1, true).values())),
      Map.entry("topk", (x, c) -> squared(x[0].topk(2, -1, true).values())),
      Map.entry("index_select_axis1", (x, c) -> squared(x[0].indexSelect(1, new int[] {2, 0, -1, 3}))),
      Map.entry("stack_chunk", (x, c) -> squared(Tensor.stack(-1, x[0].chunk(2, 1)))),
      Map.entry("unsqueeze_squeeze_slice_step", (x, c) ->
          squared(x[0].unsqueeze(0).slice(1, 1, 4).slice(2, 0, 5, 2).squeeze(0))),
      // Sequences and attention (issue 11): the files keep indices as float64 whole numbers; they index as I64.
      Map.entry("gather", (x, c) -> squared(x[0].gather(1, c.get("const.index").to(DType.I64)))),
      Map.entry("scatter_add", (x, c) -> squared(x[0].scatterAdd(0, c.get("const.index").to(DType.I64), x[1]))),
      Map.entry("embedding", (x, c) -> squared(x[0].embedding(c.get("const.ids").to(DType.I64)))),
      Map.entry("layer_norm", (x, c) -> x[0].layerNorm(2, x[1], x[2], 1e-5)),
      Map.entry("masked_fill_causal_softmax", (x, c) -> x[0].maskedFill(c.get("const.mask"), Double.NEGATIVE_INFINITY).softmax(1)));

  private static Tensor squared(Tensor y) { return y.mul(y); }

  private static Path folder() throws URISyntaxException {
    return Path.of(GoldenGradientTest.class.getResource("/golden").toURI());
  }

  @Test
  void everyGoldenFileHasAnExpressionAndViceVersa() throws Exception {
    TreeSet<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(folder())) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".safetensors"))
          .forEach(n -> files.add(n.substring(0, n.length() - ".safetensors".length())));
    }
    assertEquals(new TreeSet<>(CASES.keySet()), files, "golden files vs expressions in this test");
    assertTrue(files.size() >= 73, "expected the 73 PyTorch cases, found " + files.size());
  }

  @TestFactory
  Stream<DynamicTest> outputsGradientsAndHvpsMatchPyTorch() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder())) {
      s.filter(p -> p.toString().endsWith(".safetensors")).sorted().forEach(files::add);
    }
    return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path file) throws IOException {
    SafeTensors st = SafeTensors.read(file);
    String name = st.metadata.get("case");
    BiFunction<Tensor[], SafeTensors, Tensor> expr = CASES.get(name);
    List<Tensor> in = new ArrayList<>(), dirs = new ArrayList<>();
    for (int i = 0; st.tensors.containsKey("input." + i); i++) {
      in.add(st.get("input." + i));
      dirs.add(st.get("hvp.direction." + i));
    }
    Tensor[] x = in.toArray(new Tensor[0]), v = dirs.toArray(new Tensor[0]);
    Tensor upstream = st.get("upstream");
    String where = name + " (" + st.metadata.get("output") + ")";

    Derivatives.Vjp vjp = Derivatives.vjp(xs -> expr.apply(xs, st), x, upstream);
    close(where + ": output", st.get("output"), vjp.output());
    for (int i = 0; i < x.length; i++) close(where + ": grad." + i, st.get("grad." + i), vjp.grads()[i]);

    java.util.function.Function<Tensor[], Tensor> loss = xs -> expr.apply(xs, st).mul(upstream).sum();
    Tensor[] hvp = Derivatives.hvp(loss, x, v), hvpForward = Derivatives.hvpForward(loss, x, v);
    for (int i = 0; i < x.length; i++) {
      close(where + ": hvp." + i + " (reverse over reverse)", st.get("hvp." + i), hvp[i]);
      close(where + ": hvp." + i + " (forward over reverse)", st.get("hvp." + i), hvpForward[i]);
    }
  }

  private static void close(String what, Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
    double scale = 1e-300;
    for (double d : e) scale = Math.max(scale, Math.abs(d));
    for (int j = 0; j < e.length; j++) {
      double diff = Math.abs(e[j] - a[j]);
      if (!(diff <= RTOL * scale)) {
        throw new AssertionError(String.format("%s at flat index %d: Chainrule %.17g, PyTorch %.17g, |diff| %.3e > %.1e (rtol %.0e x max |PyTorch| %.3g)",
            what, j, a[j], e[j], diff, RTOL * scale, RTOL, scale));
      }
    }
  }
}
