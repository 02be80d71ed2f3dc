package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TensorBasicsTest {
  @Test void chainRuleThroughBroadcastAndMatmul() {
    Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
    Tensor x = Tensor.of(new double[] {1, -1, 2}, 3, 1);
    Tensor b = Tensor.of(new double[] {0.5, -0.5}, 2, 1).requiresGrad(true);
    Tensor y = w.matmul(x).add(b).sigmoid().sum();
    y.backward();
    // z = [1-2+6+.5, 4-5+12-.5] = [5.5, 10.5]
    double s0 = 1 / (1 + Math.exp(-5.5)), s1 = 1 / (1 + Math.exp(-10.5));
    assertEquals(s0 + s1, y.item(), 1e-12);
    assertArrayEquals(new double[] {s0 * (1 - s0), s1 * (1 - s1)}, b.grad().toDoubleArray(), 1e-12);
    double g0 = s0 * (1 - s0);
    assertEquals(g0 * -1, w.grad().get(0, 1), 1e-12);
  }

  @Test void gradOfGrad() {
    Tensor x = Tensor.of(new double[] {2.0}, 1).requiresGrad(true);
    Tensor y = x.pow(3).sum();
    Tensor[] g = Autograd.grad(y, true, x);
    assertEquals(12.0, g[0].item(), 1e-12);
    Tensor[] gg = Autograd.grad(g[0].sum(), x);
    assertEquals(12.0, gg[0].item(), 1e-12); // d²/dx² x³ = 6x
  }

  @Test void softmaxStableAndMaxBackward() {
    Tensor x = Tensor.of(new double[] {1000, 1001, 1002, -5, 3, 3}, 2, 3).requiresGrad(true);
    Tensor p = x.softmax(1);
    assertEquals(1.0, p.sum(1).get(0), 1e-12);
    assertFalse(Double.isNaN(p.get(0, 0)));
    Tensor m = x.max(new int[] {1}, false).sum();
    m.backward();
    assertArrayEquals(new double[] {0, 0, 1, 0, 0.5, 0.5}, x.grad().toDoubleArray(), 0);
  }

  @Test void shapeOpsRoundTrip() {
    Tensor x = Tensor.arange(DType.F64, 24).reshape(2, 3, 4).requiresGrad(true);
    Tensor y = x.permute(2, 0, 1);
    assertArrayEquals(new int[] {4, 2, 3}, y.dims());
    assertEquals(x.get(1, 2, 3), y.get(3, 1, 2));
    Tensor z = Tensor.concat(1, x.slice(1, 0, 1), x.slice(1, 2, 3)).indexSelect(new int[] {1, 1});
    z.sum().backward();
    assertEquals(0.0, x.grad().get(1, 1, 0));
    assertEquals(2.0, x.grad().get(1, 2, 0));
    assertEquals(0.0, x.grad().get(0, 0, 0));
  }
}
