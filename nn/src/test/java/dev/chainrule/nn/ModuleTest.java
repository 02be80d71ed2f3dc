package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModuleTest {
  final SplittableRandom rng = new SplittableRandom(3);

  Sequential net() {
    return new Sequential(new Dense(4, 3, Init.gaussian(), rng), Activation.sigmoid(), new Dropout(0.5, rng),
        new Dense(3, 2, Init.gaussian(), rng));
  }

  @Test void sequentialParameterNamesMatchPyTorchStateDict() {
    Sequential net = net();
    assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias"), List.copyOf(net.namedParameters().keySet()));
    Map<String, Tensor> named = net.namedParameters();
    assertSame(((Dense) net.get(0)).weight(), named.get("0.weight"));
    assertSame(((Dense) net.get(3)).bias(), named.get("3.bias"));
    assertEquals(List.of(3, 4), List.of(named.get("0.weight").dim(0), named.get("0.weight").dim(1)));
    assertEquals(4 * 3 + 3 + 3 * 2 + 2, net.parameterCount());
    assertEquals(List.copyOf(named.values()), net.parameters());
    for (Tensor p : net.parameters()) assertTrue(p.requiresGrad() && p.isLeaf());
  }

  @Test void nestedModulesJoinNamesWithDots() {
    Module outer = new Module() {
      final Sequential inner = child("encoder", new Sequential(new Dense(2, 2, Init.he(), rng), Activation.relu()));
      final Tensor scale = param("scale", Tensor.ones(2));
      @Override public Tensor forward(Tensor x) { return inner.forward(x).mul(scale); }
    };
    // own parameters first, then children, in registration order
    assertEquals(List.of("scale", "encoder.0.weight", "encoder.0.bias"), List.copyOf(outer.namedParameters().keySet()));
  }

  @Test void badNamesAreRefused() {
    IllegalArgumentException dot = assertThrows(IllegalArgumentException.class, () -> new Module() {
      { param("a.b", Tensor.ones(1)); }
      @Override public Tensor forward(Tensor x) { return x; }
    });
    assertTrue(dot.getMessage().contains("'a.b'"), dot.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> new Module() {
      { param("w", Tensor.ones(1)); param("w", Tensor.ones(1)); }
      @Override public Tensor forward(Tensor x) { return x; }
    });
    assertTrue(twice.getMessage().contains("already registered"), twice.getMessage());
  }

  @Test void parameterMustBeALeaf() {
    Tensor w = Tensor.ones(2).requiresGrad(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameter.of(w.mul(2.0)));
    assertTrue(e.getMessage().contains("not a leaf"), e.getMessage());
  }

  @Test void trainAndEvalReachEveryDescendant() {
    Sequential net = net();
    assertTrue(net.isTraining() && net.get(2).isTraining());
    net.eval();
    assertFalse(net.isTraining());
    for (Module m : net.layers()) assertFalse(m.isTraining());
    net.train();
    for (Module m : net.layers()) assertTrue(m.isTraining());
  }

  @Test void toStringShowsHyperparameters() {
    assertEquals("Dense(784->100)", new Dense(784, 100, Init.scaledGaussian(), rng).toString());
    assertEquals("Dense(2->1, F64)", new Dense(2, 1, Init.gaussian(), rng, DType.F64).toString());
    assertEquals("Sequential(\n  (0): Dense(4->3)\n  (1): Sigmoid()\n  (2): Dropout(p=0.5)\n  (3): Dense(3->2)\n)",
        net().toString());
  }

  @Test void denseChecksInputShapeAtTheFront() {
    Dense d = new Dense(784, 100, Init.gaussian(), rng);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.forward(Tensor.zeros(10, 783)));
    assertEquals("Dense(784->100): input has 783 features, expected 784 (got [10, 783])", e.getMessage());
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> d.forward(Tensor.scalar(1.0, DType.F32)));
    assertEquals("Dense(784->100): input must be [..., 784], got a scalar (got [])", rank.getMessage());
    IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class, () -> d.forward(Tensor.zeros(DType.F64, 1, 784)));
    assertTrue(dtype.getMessage().contains("F64") && dtype.getMessage().contains("to(F32)"), dtype.getMessage());
  }

  @Test void denseTakesAnyLeadingDimensionsLikeNnLinear() {
    Dense d = new Dense(4, 3, Init.xavier(), rng, DType.F64);
    Tensor x = Tensor.rand(rng, DType.F64, -1, 1, 2, 5, 4);            // [batch, time, in]
    Tensor y = d.forward(x);
    assertArrayEquals(new int[] {2, 5, 3}, y.dims());
    assertArrayEquals(d.forward(x.reshape(10, 4)).toDoubleArray(), y.toDoubleArray(), 0.0);
    Tensor one = x.slice(0, 1, 2).slice(1, 3, 4).reshape(4);            // a single example [in]
    assertArrayEquals(new int[] {3}, d.forward(one).dims());
    assertArrayEquals(y.slice(0, 1, 2).slice(1, 3, 4).reshape(3).toDoubleArray(), d.forward(one).toDoubleArray(), 1e-15);
  }

  @Test void denseComputesXWTransposedPlusBias() {
    Dense d = new Dense(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(new double[] {10, 20}, 2));
    Tensor y = d.forward(Tensor.of(new double[] {1, 0, 0, 0, 1, 1}, 2, 3));
    assertArrayEquals(new double[] {11, 24, 15, 31}, y.toDoubleArray());
    assertEquals(List.of(2, 2), List.of(y.dim(0), y.dim(1)));
  }

  /** Issue 21 item 1: a file of three million tensors printed an 89 MB list of names. */
  @Test void aMismatchListsAtMostTenNamesAndCountsTheRest() {
    Sequential net = new Sequential(new Dense(2, 3, Init.xavier(), new SplittableRandom(1)));
    Map<String, Tensor> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 100_000; i++) values.put("layer" + i + ".weight", Tensor.zeros(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loadValues(values));
    assertEquals("Sequential: parameter names do not match; missing [0.weight, 0.bias], unexpected [layer0.weight, "
        + "layer1.weight, layer2.weight, layer3.weight, layer4.weight, layer5.weight, layer6.weight, layer7.weight, "
        + "layer8.weight, layer9.weight, ... and 99990 more]", e.getMessage());
  }

  @Test void copyAndLoadValuesRoundTrip() {
    Sequential a = net(), b = net();
    assertNotEquals(a.namedParameters().get("0.weight").toString(), b.namedParameters().get("0.weight").toString());
    b.loadValues(a.copyValues());
    a.namedParameters().forEach((name, p) ->
        assertArrayEquals(p.toDoubleArray(), b.namedParameters().get(name).toDoubleArray(), name));
    Map<String, Tensor> snapshot = a.copyValues();
    assertNotSame(snapshot.get("0.weight"), a.namedParameters().get("0.weight"));
    assertFalse(snapshot.get("0.weight").requiresGrad());
  }

  @Test void loadValuesNamesWhatIsMissingOrMisshaped() {
    Sequential a = net();
    Map<String, Tensor> values = new java.util.LinkedHashMap<>(a.copyValues());
    values.remove("3.bias");
    values.put("9.bias", Tensor.zeros(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.loadValues(values));
    assertTrue(e.getMessage().contains("missing [3.bias]") && e.getMessage().contains("unexpected [9.bias]"), e.getMessage());
    Map<String, Tensor> wrongShape = new java.util.LinkedHashMap<>(a.copyValues());
    wrongShape.put("3.bias", Tensor.zeros(3));
    IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> a.loadValues(wrongShape));
    assertTrue(s.getMessage().contains("'3.bias' has shape [2], values have shape [3]"), s.getMessage());
  }
}
