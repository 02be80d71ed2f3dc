package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradCheckSmokeTest {
  final SplittableRandom rng = new SplittableRandom(1);

  Tensor rand(int... d) { return Tensor.rand(rng, DType.F64, -2, 2, d); }

  @Test void compositePasses() {
    GradCheck.of(in -> in[0].matmul(in[1]).add(in[2]).sigmoid().logSoftmax(1))
        .check(rand(3, 4), rand(4, 5), rand(5)).assertPassed();
    GradCheck.of(in -> in[0].matmul(in[1]).tanh().mul(in[0].sum(1, 0).reshape(1, 1)))
        .checkGradGrad(rand(2, 3), rand(3, 2)).assertPassed();
  }

  @Test void wrongBackwardIsReportedWithIndex() {
    Function wrong = new Function() {
      public Tensor forward(Context ctx, Tensor... in) { ctx.save(in[0]); return in[0].mul(in[0]); }
      public Tensor[] backward(Context ctx, Tensor dy) { return new Tensor[] {dy.mul(ctx.saved(0))}; } // missing 2
    };
    GradCheckResult r = GradCheck.of(wrong).check(rand(2, 3));
    assertFalse(r.passed());
    AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
    assertTrue(e.getMessage().contains("input 0 at [") && e.getMessage().contains("analytic"), e.getMessage());
  }
}
