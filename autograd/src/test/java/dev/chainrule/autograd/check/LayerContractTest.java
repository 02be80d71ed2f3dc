package dev.chainrule.autograd.check;

import static dev.chainrule.autograd.check.ContractItem.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.ContractReport.Status;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayerContractTest {
  private final SplittableRandom r = new SplittableRandom(5);
  private final Tensor x = Samples.uniform(r, -1.5, 1.5, 3, 4);

  /** Runs the contract and checks that exactly {@code expected} failed; returns the report text. */
  private static String failsExactly(LayerContract contract, ContractItem... expected) {
    ContractReport report = contract.check();
    Set<ContractItem> want = expected.length == 0 ? EnumSet.noneOf(ContractItem.class) : EnumSet.of(expected[0], expected);
    assertEquals(want, EnumSet.copyOf(report.failed().isEmpty() ? EnumSet.noneOf(ContractItem.class) : EnumSet.copyOf(report.failed())),
        report.report());
    if (expected.length > 0) {
      AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
      assertEquals(report.report(), e.getMessage());
    }
    return report.report();
  }

  @Test
  void aCorrectUserOpPassesEveryItem() {
    ContractReport report = LayerContract.of(new BrokenOps.Cube()).inputs(x).batchAxis(0).check();
    report.assertPassed();
    for (ContractItem item : List.of(FINITE_DIFFERENCES, DOT_PRODUCT, LINEAR_IN_UPSTREAM, ACCUMULATION, NO_MUTATION,
        BATCH_SUM, FLOAT32, SECOND_DERIVATIVES)) {
      assertEquals(Status.PASS, report.status(item), report.report());
    }
    assertTrue(report.report().contains("6. batch gradient equals the sum of per-example gradients"), report.report());
  }

  @Test
  void wrongBackwardFailsFiniteDifferencesAndTheDotProductTest() {
    String text = failsExactly(LayerContract.of(new BrokenOps.WrongBackward()).inputs(x), FINITE_DIFFERENCES, DOT_PRODUCT);
    assertTrue(text.contains("12 of 12 entries outside tolerance"), text);
    assertTrue(text.contains("input 0 at [") && text.contains("analytic") && text.contains("numeric"), text);
    assertTrue(text.contains("eps 1e-02:") && text.contains("eps 1e-10:") && text.contains("(eps of the check)"), text);
    assertTrue(text.contains("error floor") && text.contains("the analytic gradient is wrong here"), text);
    assertTrue(text.contains("suspect the backward formula"), text);
  }

  @Test
  void wrongTangentRuleFailsOnlyTheDotProductTest() {
    String text = failsExactly(LayerContract.of(new BrokenOps.WrongTangent()).inputs(x), DOT_PRODUCT);
    assertTrue(text.contains("suspect the tangent rule"), text);
  }

  @Test
  void clippingTheUpstreamGradientFailsLinearity() {
    String text = failsExactly(LayerContract.of(new BrokenOps.ClipsUpstream()).inputs(x).batchAxis(0), LINEAR_IN_UPSTREAM);
    assertTrue(text.contains("backward(3.5*u1 + -2.25*u2) vs 3.5*backward(u1) + -2.25*backward(u2)"), text);
  }

  @Test
  void stateKeptInAFieldFailsAccumulation() {
    String text = failsExactly(LayerContract.of(new BrokenOps.StateInField()).inputs(x).batchAxis(0), ACCUMULATION);
    assertTrue(text.contains("state kept outside the Context?"), text);
  }

  @Test
  void mutatingTheInputFailsNoMutation() {
    ContractReport report = LayerContract.of(new BrokenOps.ReluInPlace()).inputs(Samples.awayFromZero(r, 3, 4)).check();
    assertEquals(List.of(NO_MUTATION), report.failed(), report.report());
    assertTrue(report.report().contains("forward modified input 0 at ["), report.report());
    assertEquals(Status.SKIPPED, report.status(DOT_PRODUCT), "no forward rule");
    assertTrue(report.entry(DOT_PRODUCT).summary().contains("ReluInPlace has no forward rule"), report.report());
  }

  @Test
  void anOpThatMixesExamplesFailsTheBatchItem() {
    String text = failsExactly(LayerContract.of("centre over the batch", in -> in[0].sub(in[0].mean(new int[] {0}, true)))
        .inputs(x).batchAxis(0), BATCH_SUM);
    assertTrue(text.contains("output of the batch vs the example alone") && text.contains("other examples leak into this one"), text);
  }

  @Test
  void aGradientLeakingIntoAnUnusedParameterFailsItemSeven() {
    Tensor w = Tensor.of(new double[] {0.7, -1.3}, 2);
    ContractReport report = LayerContract.of(new BrokenOps.LeaksIntoUnusedParam()).inputs(x).params(w).batchAxis(0).check();
    assertEquals(List.of(UNUSED_GET_ZERO), report.failed(), report.report());
    assertTrue(report.report().contains("input 1 = param 0 at [1]: the output is bit-identical"), report.report());
    assertEquals(Status.PASS, report.status(FINITE_DIFFERENCES), "the leak is below gradcheck's atol");
  }

  @Test
  void cancellationInFloat32FailsItemEight() {
    Tensor small = Samples.uniform(r, 1e-5, 1e-4, 3, 4);
    String text = failsExactly(LayerContract.of("log(1 + x)", in -> in[0].add(1.0).log()).inputs(small).batchAxis(0), FLOAT32);
    assertTrue(text.contains("output in float32 vs float64 at ["), text);
    // With the tolerance stated for this layer, it passes.
    LayerContract.of("log(1 + x)", in -> in[0].add(1.0).log()).inputs(small).float32Tolerance(1e-2).check().assertPassed();
  }

  @Test
  void aBackwardBuiltFromRawArraysFailsSecondDerivatives() {
    String text = failsExactly(LayerContract.of(new BrokenOps.OnceDifferentiable()).inputs(x).batchAxis(0), SECOND_DERIVATIVES);
    assertTrue(text.contains("(grad of grad)") && text.contains("error floor"), text);
  }

  @Test
  void compositeLayersPass() {
    Tensor in = Samples.uniform(r, -1, 1, 4, 5), w = Samples.uniform(r, -1, 1, 3, 5), b = Samples.uniform(r, -1, 1, 3);
    LayerContract.of("dense tanh", (xs, p) -> xs[0].linear(p[0], p[1]).tanh())
        .inputs(in).params(w, b).batchAxis(0).check().assertPassed();

    Tensor target = Tensor.oneHot(DType.F64, new int[] {2, 0, 1, 2}, 3);
    LayerContract.of("softmax cross-entropy (summed)", (xs, p) -> xs[1].mul(xs[0].linear(p[0], p[1]).logSoftmax(1)).sum().neg())
        .inputs(in, target).constant(1).params(w, b).batchAxis(0).check().assertPassed();

    Tensor q = Samples.uniform(r, -1, 1, 2, 3, 4), k = Samples.uniform(r, -1, 1, 2, 3, 4), v = Samples.uniform(r, -1, 1, 2, 3, 4);
    LayerContract.of("attention", xs -> xs[0].matmul(xs[1].transpose(1, 2)).div(2.0).softmax(2).matmul(xs[2]))
        .inputs(q, k, v).batchAxis(0).check().assertPassed();

    Tensor tied = Samples.uniform(r, -1, 1, 5, 2);
    LayerContract.of("tied autoencoder", (xs, p) -> xs[0].matmul(p[0]).sigmoid().matmul(p[0].t()))
        .inputs(in).params(tied).batchAxis(0).check().assertPassed();
  }

  @Test
  void constantClassIndicesAreNeverPerturbed() {
    // A loss that takes class indices validates them; no item may hand it 1.8 for class 2.
    Tensor logits = Samples.uniform(r, -1, 1, 4, 3);
    Tensor labels = Tensor.of(new double[] {2, 0, 1, 2}, 4);
    LayerContract.of("nll on class indices", xs -> {
      int[] classes = new int[xs[1].size()];
      for (int i = 0; i < classes.length; i++) {
        double c = xs[1].getRaw(i);
        if (c != Math.rint(c)) throw new IllegalArgumentException("class index " + c + " is not an integer");
        classes[i] = (int) c;
      }
      return Tensor.oneHot(DType.F64, classes, 3).to(xs[0].dtype()).mul(xs[0].logSoftmax(1)).sum().neg();
    }).inputs(logits, labels).constant(1).batchAxis(0, 0).check().assertPassed();
  }

  @Test
  void skippedItemsSayWhy() {
    ContractReport report = LayerContract.of(new BrokenOps.Cube()).inputs(x)
        .skip(FLOAT32, "float64-only layer").check().assertPassed();
    assertEquals(Status.SKIPPED, report.status(FLOAT32));
    assertTrue(report.report().contains("8. float32 agrees with float64") && report.report().contains("SKIPPED (float64-only layer)"), report.report());
    assertTrue(report.report().contains("SKIPPED (no batch axis declared"), report.report());
  }

  @Test
  void float32SamplesAreRejectedWithAHint() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> LayerContract.of(new BrokenOps.Cube()).inputs(x.to(DType.F32).detach()).check());
    assertTrue(e.getMessage().contains("input 0 is F32 [3, 4]") && e.getMessage().contains("float64"), e.getMessage());
  }
}
