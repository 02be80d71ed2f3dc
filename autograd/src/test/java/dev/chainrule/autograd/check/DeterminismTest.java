package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  /** Three SGD steps of a 6-16-3 tanh MLP with softmax cross-entropy, from a seeded start; returns the parameters. */
  private static Tensor[] trainingSteps(DType dtype) {
    SplittableRandom r = new SplittableRandom(2024);
    Tensor x = Tensor.randn(r, dtype, 0, 1, 32, 6);
    Tensor y = Tensor.oneHot(dtype, r.ints(32, 0, 3).toArray(), 3);
    Tensor w1 = Tensor.randn(r, dtype, 0, 0.4, 16, 6).requiresGrad(true), b1 = Tensor.zeros(dtype, 16).requiresGrad(true);
    Tensor w2 = Tensor.randn(r, dtype, 0, 0.4, 3, 16).requiresGrad(true), b2 = Tensor.zeros(dtype, 3).requiresGrad(true);
    Tensor[] params = {w1, b1, w2, b2};
    for (int step = 0; step < 3; step++) {
      Tensor loss = y.mul(x.linear(w1, b1).tanh().linear(w2, b2).logSoftmax(1)).sum().neg().div(32);
      loss.backward();
      try (var g = GradMode.off()) {
        for (Tensor p : params) {
          p.addInPlace(-0.5, p.grad());
          p.zeroGrad();
        }
      }
    }
    Tensor[] out = new Tensor[params.length];
    for (int i = 0; i < out.length; i++) out[i] = params[i].detach();
    return out;
  }

  @Test
  void aTrainingStepIsBitwiseRepeatableOnOneAndTwoThreads() {
    Determinism.assertRepeatable("mlp sgd, float32", () -> trainingSteps(DType.F32));
    Determinism.assertRepeatable("mlp sgd, float64", 3, () -> trainingSteps(DType.F64));
  }

  @Test
  void aStepThatDependsOnSharedStateIsCaughtAndLocalised() {
    AtomicInteger calls = new AtomicInteger();
    AssertionError e = assertThrows(AssertionError.class, () -> Determinism.assertRepeatable("leaky step", () -> {
      Tensor[] p = trainingSteps(DType.F64);
      if (calls.incrementAndGet() > 1) {
        // A later run sees state the first one left behind: one weight moves by one ulp.
        p[2].f64()[5] = Math.nextUp(p[2].f64()[5]);
      }
      return p;
    }));
    String m = e.getMessage();
    assertTrue(m.contains("determinism leaky step") && m.contains("3 run(s) differ from the first"), m);
    assertTrue(m.contains("second run on the same thread: tensor 2 [3, 16] at [0, 5]") && m.contains("1 of 48 elements differ"), m);
    assertTrue(m.contains("run on thread 2 of 2"), m);
  }

  @Test
  void differenceComparesBitsNotValues() {
    Tensor zero = Tensor.of(new double[] {0.0}, 1), negZero = Tensor.of(new double[] {-0.0}, 1);
    assertTrue(Determinism.difference(new Tensor[] {zero}, new Tensor[] {negZero}).contains("1 of 1 elements differ"));
    Tensor nan = Tensor.of(new double[] {Double.NaN}, 1);
    assertNull(Determinism.difference(new Tensor[] {nan}, new Tensor[] {Tensor.of(new double[] {Double.NaN}, 1)}));
    assertTrue(Determinism.difference(new Tensor[] {zero}, new Tensor[] {zero.to(DType.F32)}).contains("expected F64"));
  }
}
