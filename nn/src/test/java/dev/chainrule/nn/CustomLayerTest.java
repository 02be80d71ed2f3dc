package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Sgd;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The extension story: a researcher's layer is written exactly like Dense, in one small class. */
class CustomLayerTest {

  /** y = x·diag(α) + β: a learned per-feature scale and shift (an affine "layer norm" without the norm). */
  static final class ScaleShift extends Module {
    private final Tensor alpha, beta;

    ScaleShift(Tensor alpha, Tensor beta) {
      this.alpha = param("alpha", alpha);
      this.beta = param("beta", beta);
    }

    ScaleShift(int features, DType dtype) {
      this(Tensor.ones(dtype, features), Tensor.zeros(dtype, features));
    }

    @Override public Tensor forward(Tensor x) {
      if (x.rank() != 2 || x.dim(1) != alpha.dim(0)) {
        throw new IllegalArgumentException(this + ": expected [batch, " + alpha.dim(0) + "] (got " + x.shape() + ")");
      }
      return x.mul(alpha).add(beta);
    }

    @Override public String toString() { return "ScaleShift(" + alpha.dim(0) + ")"; }
  }

  final SplittableRandom rng = new SplittableRandom(2);

  Tensor rand(int... dims) { return Tensor.rand(rng, DType.F64, -2, 2, dims); }

  @Test void gradientChecksLikeABuiltIn() {
    GradCheck.of("ScaleShift", in -> new ScaleShift(in[1], in[2]).forward(in[0]))
        .check(rand(4, 3), rand(3), rand(3)).assertPassed();
  }

  @Test void composesWithBuiltInsAndTrains() {
    Sequential net = new Sequential(new Dense(2, 3, Init.xavier(), rng, DType.F64), new ScaleShift(3, DType.F64));
    assertEquals(List.of("0.weight", "0.bias", "1.alpha", "1.beta"), List.copyOf(net.namedParameters().keySet()));
    assertEquals("Sequential(\n  (0): Dense(2->3, F64)\n  (1): ScaleShift(3)\n)", net.toString());
    Tensor x = rand(8, 2), y = rand(8, 3);
    Sgd sgd = new Sgd(net.parameters(), 0.1);
    double first = Double.NaN, last = Double.NaN;
    for (int i = 0; i < 200; i++) {
      sgd.zeroGrad();
      Tensor c = new QuadraticCost().apply(net.forward(x), y);
      c.backward();
      sgd.step();
      if (i == 0) first = c.item();
      last = c.item();
    }
    assertTrue(last < 0.5 * first, "cost " + first + " -> " + last);
    Tensor alpha = net.namedParameters().get("1.alpha");
    assertNotEquals(1.0, alpha.get(0), "the custom layer's parameter was trained");
  }
}
