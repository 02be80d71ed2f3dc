package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.check.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's tour, verbatim where possible, so the README cannot drift from the API. */
class ReadmeTourTest {
  /** y = log(1 + eˣ);  dx = dy·sigmoid(x). */
  static final class Softplus implements Function {
    public Tensor forward(Context ctx, Tensor... in) {
      ctx.save(in[0]);
      return in[0].exp().add(1.0).log();
    }

    public Tensor[] backward(Context ctx, Tensor dy) {
      return new Tensor[] {dy.mul(ctx.saved(0).sigmoid())};
    }
  }

  @Test void tour() {
    Tensor w = Tensor.randn(new SplittableRandom(42), DType.F64, 0, 1, 3, 2).requiresGrad(true);
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor loss = x.matmul(w.t()).sigmoid().sum();
    loss.backward();
    assertArrayEquals(new int[] {3, 2}, w.grad().dims());

    Tensor z = Tensor.of(new double[] {2.0}, 1).requiresGrad(true);
    Tensor[] dz = Autograd.grad(z.pow(3).sum(), true, z);
    Tensor[] d2z = Autograd.grad(dz[0].sum(), z);
    assertEquals(12.0, dz[0].item(), 1e-12);
    assertEquals(12.0, d2z[0].item(), 1e-12);
  }

  @Test void customOp() {
    Tensor x64 = Tensor.rand(new SplittableRandom(7), DType.F64, -3, 3, 4, 3);
    Tensor y = Tensor.apply(new Softplus(), x64);
    assertEquals(Math.log1p(Math.exp(x64.get(1, 2))), y.get(1, 2), 1e-12);
    GradCheck.of(new Softplus()).check(x64).assertPassed();
    GradCheck.of(new Softplus()).checkGradGrad(x64).assertPassed();
  }
}
