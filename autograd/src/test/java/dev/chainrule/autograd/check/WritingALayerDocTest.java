package dev.chainrule.autograd.check;

import static dev.chainrule.autograd.check.ContractItem.DOT_PRODUCT;
import static dev.chainrule.autograd.check.ContractItem.FINITE_DIFFERENCES;
import static dev.chainrule.autograd.check.ContractItem.SECOND_DERIVATIVES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Derivatives;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.forward.ForwardMode;
import dev.chainrule.autograd.forward.ForwardRule;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The examples of the README's "Writing a new layer" section, as written there, so the page cannot drift from the API. */
class WritingALayerDocTest {

  /** y = log(1 + eˣ);  dx = dy·σ(x);  ẏ = σ(x)·ẋ. */
  static final class Softplus implements Function, ForwardRule {
    public Tensor forward(Context ctx, Tensor... in) {
      ctx.save(in[0]);
      return in[0].exp().add(1.0).log();
    }

    public Tensor[] backward(Context ctx, Tensor dy) {
      return new Tensor[] {dy.mul(ctx.saved(0).sigmoid())};
    }

    public Tensor jvp(Context ctx, Tensor[] in, Tensor[] tangents, Tensor y) {
      return tangents[0].mul(in[0].sigmoid());
    }
  }

  /** The slip the page's failure report shows: dy·y (softplus itself) instead of dy·σ(x). */
  static final class SoftplusSlip implements Function, ForwardRule {
    public Tensor forward(Context ctx, Tensor... in) {
      Tensor y = in[0].exp().add(1.0).log();
      ctx.save(in[0], y);
      return y;
    }

    public Tensor[] backward(Context ctx, Tensor dy) {
      return new Tensor[] {dy.mul(ctx.saved(1))};
    }

    public Tensor jvp(Context ctx, Tensor[] in, Tensor[] tangents, Tensor y) {
      return tangents[0].mul(in[0].sigmoid());
    }
  }

  private final Tensor x = Tensor.rand(new SplittableRandom(7), DType.F64, -3, 3, 4, 3);

  @Test
  void checkAnOpInOneLine() {
    LayerContract.of(new Softplus()).inputs(x).batchAxis(0).check().assertPassed();
  }

  @Test
  void checkALayerInOneLine() {
    SplittableRandom rng = new SplittableRandom(1);
    Tensor w = Tensor.randn(rng, DType.F64, 0, 0.5, 2, 3), b = Tensor.randn(rng, DType.F64, 0, 0.5, 2);
    LayerContract.of("dense softplus", (in, p) -> Tensor.apply(new Softplus(), in[0].linear(p[0], p[1])))
        .inputs(x).params(w, b).batchAxis(0).check().assertPassed();
  }

  @Test
  void readAFailureReport() {
    ContractReport report = LayerContract.of(new SoftplusSlip()).inputs(x).batchAxis(0).check();
    // Item 9 fails too: the second derivative runs through the same wrong backward (y's own).
    assertEquals(List.of(FINITE_DIFFERENCES, DOT_PRODUCT, SECOND_DERIVATIVES), report.failed(), report.report());
    AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
    assertTrue(e.getMessage().contains("the analytic gradient is wrong here"), e.getMessage());
    assertTrue(e.getMessage().contains("suspect the backward formula"), e.getMessage());
  }

  @Test
  void directionalDerivativesAndHessians() {
    Tensor v = Tensor.ones(DType.F64, 4, 3);
    Tensor jv = ForwardMode.jvp(t -> Tensor.apply(new Softplus(), t), x, v).tangent();   // σ(x)·v
    assertEquals(1 / (1 + Math.exp(-x.get(1, 2))), jv.get(1, 2), 1e-15);
    Tensor hv = Derivatives.hvp(t -> Tensor.apply(new Softplus(), t).sum(), x, v);       // σ'(x)·v
    double s = 1 / (1 + Math.exp(-x.get(0, 0)));
    assertEquals(s * (1 - s), hv.get(0, 0), 1e-15);
  }
}
