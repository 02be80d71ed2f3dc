package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.ContractItem;
import dev.chainrule.autograd.check.ContractReport;
import dev.chainrule.autograd.check.LayerContract;
import dev.chainrule.nn.check.ModuleContract;
import dev.chainrule.nn.loss.BCEWithLogitsLoss;
import dev.chainrule.nn.loss.BinaryCrossEntropy;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.HuberLoss;
import dev.chainrule.nn.loss.L1Loss;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.nn.loss.NLLLoss;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.loss.Reduction;
import dev.chainrule.nn.loss.SoftmaxCrossEntropy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in layer ({@link Module} subclass) and cost ({@link Cost}) of the nn jar passes the
 * nine-item {@link LayerContract} in float64 (issue #6). A layer is checked as it is, through
 * {@link ModuleContract}: a function of its input and its parameters (issue #20). {@link #everyBuiltinLayerAndCostHasAContractCase}
 * fails when a public layer or cost is added to the jar without a case here.
 */
class LayerContractsTest {
  /**
   * One contract, the built-in class it covers, and the items expected to be SKIPPED; every other
   * item must PASS. So a case cannot quietly lose an item: item 7 must find dead entries where the
   * layer has them (ReLU, Step, dropout) and item 6 must run wherever a batch axis is declared.
   */
  record Case(Class<?> covers, LayerContract contract, Set<ContractItem> skipped) {}

  /** For layers whose every input entry moves the output: item 7 finds nothing to check. */
  private static final ContractItem EVERY_ENTRY_LIVE = ContractItem.UNUSED_GET_ZERO;

  private static Case of(Class<?> covers, LayerContract contract, ContractItem... skipped) {
    return new Case(covers, contract, skipped.length == 0 ? EnumSet.noneOf(ContractItem.class) : EnumSet.copyOf(List.of(skipped)));
  }

  private static Tensor uniform(SplittableRandom r, double lo, double hi, int... dims) { return Tensor.rand(r, DType.F64, lo, hi, dims); }

  private static Tensor u(SplittableRandom r, int... dims) { return uniform(r, -1.5, 1.5, dims); }

  /** Entries of magnitude in [0.2, 1.5] with random signs: off the kink of ReLU and the jump of Step. */
  private static Tensor offZero(SplittableRandom r, int... dims) {
    double[] v = uniform(r, 0.2, 1.5, dims).toDoubleArray();
    for (int j = 0; j < v.length; j++) if (r.nextBoolean()) v[j] = -v[j];
    return Tensor.of(v, dims);
  }

  /** A batch-mean cost times the batch size: the summed loss that item 6 compares with per-example losses. */
  private static Tensor summed(Cost cost, Tensor output, Tensor target) {
    return cost.apply(output, target).mul(output.dim(0));
  }

  /** A BatchNorm2d whose running statistics moved off their defaults: evaluation mode then transforms each example alone. */
  private static BatchNorm2d trainedBatchNorm(SplittableRandom r) {
    BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.5, DType.F64);
    bn.forward(u(r, 4, 2, 3, 3).mul(2.0).add(0.5));
    return bn;
  }

  /** The cases, on samples drawn afresh from one seed (so each call gives the same contracts). */
  static List<Case> cases() {
    SplittableRandom r = new SplittableRandom(6);
    Dense initialised = new Dense(3, 5, Init.xavier(), r, DType.F64);
    Tensor probabilities = uniform(r, 0.05, 0.95, 4, 3);
    Tensor softTargets = Tensor.of(new double[] {0, 1, 0.3, 1, 0, 0.8, 0.5, 0, 1, 1, 0.1, 0}, 4, 3);
    Tensor oneHot = Tensor.oneHot(DType.F64, new int[] {2, 0, 1, 2}, 3);
    return List.of(
        // Layers are checked as they are, through ModuleContract (their parameters as the params).
        of(Dense.class, ModuleContract.of(new Dense(u(r, 5, 3), u(r, 5))).inputs(u(r, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Dense.class, ModuleContract.of(initialised).inputs(u(r, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Dense.class, ModuleContract.of(new Dense(u(r, 2, 3), u(r, 2))).inputs(u(r, 2, 3, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Activation.class, ModuleContract.of(Activation.sigmoid()).inputs(uniform(r, -3, 3, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Activation.class, ModuleContract.of(Activation.relu()).inputs(offZero(r, 4, 3)).batchAxis(0)),
        of(Activation.class, ModuleContract.of(Activation.tanh()).inputs(uniform(r, -2, 2, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Activation.class, ModuleContract.of(Activation.softmax()).inputs(uniform(r, -2, 2, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Activation.class, ModuleContract.of(Activation.step()).inputs(offZero(r, 4, 3)).batchAxis(0)),
        of(Dropout.class, ModuleContract.of(new Dropout(0.4, new SplittableRandom(3)).eval()).inputs(u(r, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        // A fresh layer on the same seed draws the same mask at every evaluation, so in training
        // mode the layer is a fixed function of x: every item but 6 applies, and item 7 checks that
        // dropped units get exactly 0. Positive inputs: item 7 compares output bits, and 0·x is −0.0
        // for a negative x, so moving a dropped x across 0 would look like a change.
        of(Dropout.class, LayerContract.of("Dropout(p=0.4) in training mode, fixed mask", in -> new Dropout(0.4, new SplittableRandom(3)).forward(in[0]))
            .inputs(uniform(r, 0.5, 1.5, 4, 3)).skip(ContractItem.BATCH_SUM, "the mask is drawn per element of the whole batch in row-major order,"
                + " so an example run alone gets a different mask than in the batch; that is dropout's contract, not a leak"),
            ContractItem.BATCH_SUM),
        // Convolution and pooling: a stride that skips the last row (or column) leaves entries
        // with no effect on the output, and item 7 checks they get exactly zero.
        of(Conv2d.class, ModuleContract.of(new Conv2d(u(r, 4, 2, 3, 3), u(r, 4), new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1))
            .inputs(u(r, 2, 2, 5, 4)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Conv2d.class, ModuleContract.of(new Conv2d(u(r, 4, 1, 2, 3), null, new int[] {2, 1}, new int[] {0, 1}, new int[] {1, 2}, 2))
            .inputs(u(r, 2, 2, 5, 6)).batchAxis(0)),
        // Transposed convolution: with kernel rows 1, stride 2 and padding 1, input row 0 lands on
        // output row -1, outside the output: its entries get exactly zero gradient (item 7).
        of(ConvTranspose2d.class, ModuleContract.of(new ConvTranspose2d(u(r, 2, 3, 3, 2), u(r, 3), new int[] {2, 2}, new int[] {1, 0},
                new int[] {1, 1}, new int[] {1, 2}, 1)).inputs(u(r, 2, 2, 3, 2)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(ConvTranspose2d.class, ModuleContract.of(new ConvTranspose2d(u(r, 4, 1, 1, 3), null, new int[] {2, 1}, new int[] {1, 1},
                new int[] {1, 0}, new int[] {1, 1}, 2)).inputs(u(r, 2, 4, 3, 4)).batchAxis(0)),
        of(MaxPool2d.class, ModuleContract.of(new MaxPool2d(2)).inputs(u(r, 2, 3, 4, 4)).batchAxis(0)),
        of(MaxPool2d.class, ModuleContract.of(new MaxPool2d(3, 2, 1)).inputs(u(r, 2, 2, 5, 5)).batchAxis(0)),
        of(AvgPool2d.class, ModuleContract.of(new AvgPool2d(2)).inputs(u(r, 2, 3, 4, 5)).batchAxis(0)),
        of(AvgPool2d.class, ModuleContract.of(new AvgPool2d(3, 1, 1)).inputs(u(r, 2, 2, 4, 4)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Flatten.class, ModuleContract.of(new Flatten()).inputs(u(r, 3, 2, 2, 2)).batchAxis(0), EVERY_ENTRY_LIVE),
        // Batch norm in training mode mixes the examples of a batch: no batch axis (item 6 skipped).
        of(BatchNorm1d.class, ModuleContract.of(new BatchNorm1d(3, 1e-5, 0.1, DType.F64)).inputs(u(r, 5, 3)),
            ContractItem.BATCH_SUM, EVERY_ENTRY_LIVE),
        of(BatchNorm1d.class, ModuleContract.of(new BatchNorm1d(2, 1e-5, 0.1, DType.F64)).inputs(u(r, 3, 2, 4)),
            ContractItem.BATCH_SUM, EVERY_ENTRY_LIVE),
        of(BatchNorm2d.class, ModuleContract.of(new BatchNorm2d(2, 1e-5, 0.1, DType.F64)).inputs(u(r, 3, 2, 2, 3)),
            ContractItem.BATCH_SUM, EVERY_ENTRY_LIVE),
        of(BatchNorm2d.class, ModuleContract.of(trainedBatchNorm(r).eval()).inputs(u(r, 3, 2, 2, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(Sequential.class, ModuleContract.of(new Sequential(new Dense(u(r, 4, 3), u(r, 4)), Activation.sigmoid(), new Dense(u(r, 2, 4), u(r, 2))))
            .inputs(u(r, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        // Sequences and attention (issue 11). Embedding's input is a constant I64 tensor of indices;
        // a cell checked alone starts from h = 0, so weight_hh gets exactly zero gradient (item 7).
        of(Embedding.class, ModuleContract.of(new Embedding(u(r, 5, 3))).inputs(Tensor.ofLongs(new long[] {4, 0, 4, 1, 2, 0}, 2, 3))
            .constant(0).batchAxis(0)),
        of(LayerNorm.class, ModuleContract.of(new LayerNorm(dev.chainrule.autograd.Shape.of(3), 1e-5, DType.F64)).inputs(u(r, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        of(RNNCell.class, ModuleContract.of(new RNNCell(3, 2, r, DType.F64)).inputs(u(r, 4, 3)).batchAxis(0)),
        of(LSTMCell.class, ModuleContract.of(new LSTMCell(3, 2, r, DType.F64)).inputs(u(r, 4, 3)).batchAxis(0)),
        of(GRUCell.class, ModuleContract.of(new GRUCell(3, 2, r, DType.F64)).inputs(u(r, 4, 3)).batchAxis(0)),
        of(Recurrent.class, ModuleContract.of(new Recurrent(new GRUCell(3, 2, r, DType.F64))).inputs(u(r, 2, 4, 3)).batchAxis(0), EVERY_ENTRY_LIVE),
        // The key bias is dead (softmax ignores a shift of a whole row of scores), and the fused
        // softmax keeps the output bit-identical when it moves; its gradient is a rounding residue
        // (about 1e-18, as in PyTorch), never exactly 0, so item 7 cannot hold here.
        of(MultiheadAttention.class, ModuleContract.of(new MultiheadAttention(4, 2, r, DType.F64)).inputs(u(r, 2, 3, 4)).batchAxis(0)
            .skip(ContractItem.UNUSED_GET_ZERO, "the key bias is dead by softmax's shift invariance; its gradient is rounding residue"),
            EVERY_ENTRY_LIVE),
        // Issue 11's encoder block, both norm placements, without dropout (a dropout of 0 is the
        // identity in either mode). The key projection's bias adds q·b_k to every score of a row,
        // which the softmax cancels: it is dead, but its gradient is a sum of canceling terms that leaves roundoff
        // (5e-18 to 7e-18 here), not exactly 0, so both skip item 7.
        of(TransformerEncoderLayer.class, ModuleContract.of(new TransformerEncoderLayer(4, 2, 6, 0.0, TransformerEncoderLayer.Nonlinearity.RELU,
            false, r, DType.F64)).inputs(u(r, 2, 3, 4)).batchAxis(0).skip(ContractItem.UNUSED_GET_ZERO, "the key bias is dead"
                + " (the softmax cancels it), but its gradient is a sum of terms that cancel to roundoff, not to exactly 0"), EVERY_ENTRY_LIVE),
        of(TransformerEncoderLayer.class, ModuleContract.of(new TransformerEncoderLayer(4, 2, 6, 0.0, TransformerEncoderLayer.Nonlinearity.GELU,
            true, r, DType.F64)).inputs(u(r, 2, 3, 4)).batchAxis(0).skip(ContractItem.UNUSED_GET_ZERO, "the key bias is dead"
                + " (the softmax cancels it), but its gradient is a sum of terms that cancel to roundoff, not to exactly 0"), EVERY_ENTRY_LIVE),
        of(QuadraticCost.class, LayerContract.of("QuadraticCost, summed over the batch", in -> summed(new QuadraticCost(), in[0], in[1]))
            .inputs(u(r, 4, 3), uniform(r, 0, 1, 4, 3)).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        of(BinaryCrossEntropy.class, LayerContract.of("BinaryCrossEntropy, summed over the batch", in -> summed(new BinaryCrossEntropy(), in[0], in[1]))
            .inputs(probabilities, softTargets).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        of(SoftmaxCrossEntropy.class, LayerContract.of("SoftmaxCrossEntropy on one-hot rows, summed over the batch",
                in -> summed(new SoftmaxCrossEntropy(), in[0], in[1]))
            .inputs(uniform(r, -2, 2, 4, 3), oneHot).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        of(SoftmaxCrossEntropy.class, LayerContract.of("SoftmaxCrossEntropy on class indices, summed over the batch",
                in -> summed(new SoftmaxCrossEntropy(), in[0], in[1]))
            .inputs(uniform(r, -2, 2, 4, 3), Cost.labels(DType.F64, 2, 0, 1, 2)).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        // The PyTorch-style losses with Reduction.SUM: the sum over the batch that item 6 compares.
        of(MSELoss.class, LayerContract.of("MSELoss(sum)", in -> new MSELoss(Reduction.SUM).apply(in[0], in[1]))
            .inputs(u(r, 4, 3), u(r, 4, 3)).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        of(L1Loss.class, LayerContract.of("L1Loss(sum), off the kink a = y", in -> new L1Loss(Reduction.SUM).apply(in[0], in[1]))
            .inputs(offZero(r, 4, 3), uniform(r, -0.1, 0.1, 4, 3)).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        of(HuberLoss.class, LayerContract.of("HuberLoss(delta=0.5, sum), both regimes", in -> new HuberLoss(0.5, Reduction.SUM).apply(in[0], in[1]))
            .inputs(u(r, 4, 3), u(r, 4, 3)).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        of(BCEWithLogitsLoss.class, LayerContract.of("BCEWithLogitsLoss(sum)", in -> new BCEWithLogitsLoss(Reduction.SUM).apply(in[0], in[1]))
            .inputs(uniform(r, -4, 4, 4, 3), softTargets).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        // Row 1 is ignored: item 7 checks that its logits get exactly zero gradient.
        of(CrossEntropyLoss.class, LayerContract.of("CrossEntropyLoss(sum, ignoreIndex=-100, labelSmoothing=0.1) on class indices",
                in -> new CrossEntropyLoss().reduction(Reduction.SUM).labelSmoothing(0.1).apply(in[0], in[1]))
            .inputs(uniform(r, -2, 2, 4, 3), Cost.labels(DType.F64, 2, -100, 1, 0)).constant(1).batchAxis(0, 0)),
        of(CrossEntropyLoss.class, LayerContract.of("CrossEntropyLoss(sum) over [batch, time, k] on class probabilities",
                in -> new CrossEntropyLoss().reduction(Reduction.SUM).apply(in[0], in[1]))
            .inputs(uniform(r, -2, 2, 2, 3, 4), uniform(r, 0, 1, 2, 3, 4)).constant(1).batchAxis(0, 0), EVERY_ENTRY_LIVE),
        // Only the log-probability of each target class counts: item 7 checks the other entries get 0.
        of(NLLLoss.class, LayerContract.of("NLLLoss(sum) with classes on axis 1", in -> new NLLLoss().classAxis(1).reduction(Reduction.SUM).apply(in[0], in[1]))
            .inputs(u(r, 2, 3, 2), Tensor.of(new double[] {0, 2, 1, 1}, 2, 2)).constant(1).batchAxis(0, 0)));
  }

  @TestFactory
  Stream<DynamicTest> everyBuiltinLayerAndCostPassesTheContract() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.contract().toString(), () -> {
      ContractReport report = c.contract().check();
      report.assertPassed();
      for (ContractItem item : ContractItem.values()) {
        ContractReport.Status want = c.skipped().contains(item) ? ContractReport.Status.SKIPPED : ContractReport.Status.PASS;
        assertEquals(want, report.status(item), "item " + item + "\n" + report.report());
      }
    }));
  }

  @Test
  void everyBuiltinLayerAndCostHasAContractCase() {
    TreeSet<String> builtins = new TreeSet<>();
    for (Class<?> c : publicConcreteClassesIn(Module.class, Module.class, Cost.class)) builtins.add(c.getName());
    assertTrue(builtins.contains(Dense.class.getName()) && builtins.contains(QuadraticCost.class.getName()),
        "the scan of the nn classes found " + builtins);
    TreeSet<String> covered = new TreeSet<>();
    for (Case c : cases()) covered.add(c.covers().getName());
    TreeSet<String> missing = new TreeSet<>(builtins);
    missing.removeAll(covered);
    assertTrue(missing.isEmpty(), "public layers or costs with no LayerContract case in "
        + LayerContractsTest.class.getSimpleName() + ": " + missing);
    TreeSet<String> stale = new TreeSet<>(covered);
    stale.removeAll(builtins);
    assertTrue(stale.isEmpty(), "cases cover classes that the scan did not find as public built-ins: " + stale);
  }

  /**
   * The public, non-abstract classes that extend or implement one of {@code kinds}, among the
   * classes compiled with {@code anchor} (the nn main output, a directory or a jar).
   */
  static List<Class<?>> publicConcreteClassesIn(Class<?> anchor, Class<?>... kinds) {
    List<String> names = new ArrayList<>();
    try {
      Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files.map(p -> root.relativize(p).toString().replace('\\', '/')).forEach(names::add);
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          jar.stream().forEach(e -> names.add(e.getName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> found = new ArrayList<>();
    for (String n : names) {
      if (!n.startsWith("dev/chainrule/nn/") || !n.endsWith(".class") || n.endsWith("package-info.class")) continue;
      Class<?> c;
      try {
        c = Class.forName(n.substring(0, n.length() - ".class".length()).replace('/', '.'), false, anchor.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      int mods = c.getModifiers();
      if (!Modifier.isPublic(mods) || Modifier.isAbstract(mods) || c.isInterface()) continue;
      for (Class<?> kind : kinds) {
        if (kind.isAssignableFrom(c)) {
          found.add(c);
          break;
        }
      }
    }
    return found;
  }
}
