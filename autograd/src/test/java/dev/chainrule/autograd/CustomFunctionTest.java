package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A researcher's own operation: one class, applied with Tensor.apply, checked like a built-in. */
class CustomFunctionTest {
  final SplittableRandom rng = new SplittableRandom(7);

  /** y = log(1 + eˣ);  dx = dy·sigmoid(x). Backward uses Tensor ops, so it is differentiable again. */
  static final class Softplus implements Function {
    @Override public Tensor forward(Context ctx, Tensor... in) {
      ctx.save(in[0]);
      return in[0].exp().add(1.0).log();
    }

    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      return new Tensor[] {dy.mul(ctx.saved(0).sigmoid())};
    }
  }

  /** y = a·b²;  da = dy·b²,  db = dy·2ab — but this backward forgets the 2 in db. */
  static final class WrongProduct implements Function {
    @Override public Tensor forward(Context ctx, Tensor... in) {
      ctx.save(in[0], in[1]);
      return in[0].mul(in[1]).mul(in[1]);
    }

    @Override public Tensor[] backward(Context ctx, Tensor dy) {
      Tensor a = ctx.saved(0), b = ctx.saved(1);
      return new Tensor[] {dy.mul(b).mul(b), dy.mul(a).mul(b)};   // should be 2ab
    }
  }

  Tensor sample(int... dims) { return Domain.reals(-4, 4).sample(rng, DType.F64, dims); }

  @Test void softplusValuesAndGradients() {
    Tensor x = Tensor.of(new double[] {-2, 0, 3}, 3).requiresGrad(true);
    Tensor y = Tensor.apply(new Softplus(), x);
    assertEquals("Softplus", y.gradFnName());
    y.sum().backward();
    for (int i = 0; i < 3; i++) {
      double v = x.getRaw(i);
      assertEquals(Math.log1p(Math.exp(v)), y.getRaw(i), 1e-15);
      assertEquals(1 / (1 + Math.exp(-v)), x.grad().getRaw(i), 1e-15);
    }
  }

  @Test void softplusPassesFirstAndSecondOrderGradCheck() {
    GradCheck check = GradCheck.of(new Softplus());
    check.check(sample(2, 3)).assertPassed();
    check.checkGradGrad(sample(2, 3)).assertPassed();
    // Composed with built-ins, and through broadcasting.
    GradCheck.of(in -> Tensor.apply(new Softplus(), in[0].matmul(in[1]).add(in[2])).sum(1))
        .checkGradGrad(sample(2, 3), sample(3, 4), sample(4)).assertPassed();
  }

  @Test void aWrongBackwardIsReportedWithItsInputAndIndex() {
    GradCheckResult r = GradCheck.of(new WrongProduct()).check(sample(2, 2), sample(2, 2));
    assertFalse(r.passed());
    String report = r.report();
    assertTrue(report.contains("gradcheck WrongProduct: FAILED"), report);
    assertTrue(report.contains("input 1 at ["), report);        // b's gradient is wrong...
    assertFalse(report.contains("input 0 at ["), report);       // ...a's is right
    assertTrue(r.mismatches().stream().allMatch(m -> m.input() == 1));
    assertEquals(4, r.mismatches().size());                     // every element of b
    GradCheckResult.Mismatch worst = r.mismatches().get(0);
    assertEquals(0.5, worst.analytic() / worst.numeric(), 1e-6); // half the true value
  }

  @Test void needsGradTellsTheFunctionWhichInputsWantAGradient() {
    boolean[] seen = new boolean[2];
    Function probe = new Function() {
      @Override public Tensor forward(Context ctx, Tensor... in) { return in[0].mul(in[1]); }

      @Override public Tensor[] backward(Context ctx, Tensor dy) {
        seen[0] = ctx.needsGrad(0);
        seen[1] = ctx.needsGrad(1);
        return new Tensor[] {dy, null};
      }
    };
    Tensor w = Tensor.ones(DType.F64, 2).requiresGrad(true);
    Tensor.apply(probe, w, Tensor.ones(DType.F64, 2)).sum().backward();
    assertArrayEquals(new boolean[] {true, false}, seen);
  }
}
