package dev.chainrule.nn.check;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.ContractItem;
import dev.chainrule.autograd.check.ContractReport;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Activation;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A Module checked directly (ModuleContract), and the parameter swap under it (Module.forwardWith). */
class ModuleContractTest {
  final SplittableRandom rng = new SplittableRandom(20);

  Tensor u(int... dims) { return Tensor.rand(rng, DType.F64, -1.5, 1.5, dims); }

  /** y = x·diag(α) + β, the README's layer of one's own. */
  static final class ScaleShift extends Module {
    private final Tensor alpha, beta;
    ScaleShift(Tensor alpha, Tensor beta) {
      this.alpha = param("alpha", alpha);
      this.beta = param("beta", beta);
    }
    @Override public Tensor forward(Tensor x) { return x.mul(alpha).add(beta); }
  }

  /** A slip: α is used through detach(), so it gets no gradient though it moves the output. */
  static final class DetachedScale extends Module {
    private final Tensor alpha;
    DetachedScale(Tensor alpha) { this.alpha = param("alpha", alpha); }
    @Override public Tensor forward(Tensor x) { return x.mul(alpha.detach()); }
  }

  @Test void aUserLayerPassesAsItIs() {
    ContractReport report = ModuleContract.of(new ScaleShift(u(3), u(3))).inputs(u(4, 3)).batchAxis(0).check();
    report.assertPassed();
    assertTrue(report.report().contains("params [alpha, beta]"), report.report());
  }

  @Test void aLayerWhoseParameterGetsNoGradientFailsItem1() {
    ContractReport report = ModuleContract.of(new DetachedScale(u(3))).inputs(u(4, 3)).batchAxis(0).check();
    assertEquals(ContractReport.Status.FAIL, report.status(ContractItem.values()[0]), report.report());
    assertTrue(report.report().contains("input 1 = param 0"), report.report());
  }

  @Test void aFloat32NetworkIsCheckedInFloat64AndLeftUnchanged() {
    Dense first = new Dense(3, 4, Init.xavier(), rng);
    var net = new Sequential(first, Activation.tanh(), new Dense(4, 2, Init.xavier(), rng));
    float[] before = first.weight().toFloatArray();
    ModuleContract.of(net).inputs(u(5, 3)).batchAxis(0).check().assertPassed();
    assertSame(first.weight(), net.namedParameters().get("0.weight"));
    assertArrayEquals(before, first.weight().toFloatArray());
    assertNull(first.weight().grad(), "the contract's gradients went to its own copies");
  }

  @Test void forwardWithSendsTheGradientToTheGivenTensorsAndPutsTheParametersBack() {
    Dense d = new Dense(u(2, 3), u(2));
    Tensor w = u(2, 3).requiresGrad(true), b = u(2).requiresGrad(true), x = u(4, 3);
    Tensor y = d.forwardWith(Map.of("weight", w, "bias", b), x);
    assertArrayEquals(x.linear(w, b).toDoubleArray(), y.toDoubleArray(), 0.0);
    y.sum().backward();
    assertNotNull(w.grad());
    assertNotNull(b.grad());
    assertNull(d.weight().grad());
    assertSame(d.weight(), d.namedParameters().get("weight"));
    assertArrayEquals(x.linear(d.weight().detach(), d.bias().detach()).toDoubleArray(), d.forward(x).toDoubleArray(), 0.0);
  }

  @Test void forwardWithNamesMissingAndMisshapenValues() {
    Dense d = new Dense(u(2, 3), u(2));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> d.forwardWith(Map.of("weight", u(2, 3), "gamma", u(2)), u(1, 3)));
    assertTrue(missing.getMessage().contains("missing [bias], unexpected [gamma]"), missing.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> d.forwardWith(Map.of("weight", u(3, 2), "bias", u(2)), u(1, 3)));
    assertTrue(shape.getMessage().contains("'weight' has shape [2, 3], the value given has shape [3, 2]"), shape.getMessage());
  }

  /** Keeps its parameter only in a list: there is no field to repoint. */
  static final class ListHeld extends Module {
    private final List<Tensor> weights;
    ListHeld(Tensor w) { weights = List.of(param("w", w)); }
    @Override public Tensor forward(Tensor x) { return x.mul(weights.get(0)); }
  }

  @Test void aParameterOutsideAFieldIsAClearError() {
    ListHeld m = new ListHeld(u(3));
    Tensor original = m.namedParameters().get("w");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.forwardWith(Map.of("w", u(3)), u(2, 3)));
    assertTrue(e.getMessage().contains("parameters [w] are not held in a Tensor field"), e.getMessage());
    assertSame(original, m.namedParameters().get("w"), "the registry is restored after the error");
  }
}
