package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** GradMode.off() records nothing; detach() cuts the graph but shares the values. */
class NoGradAndDetachTest {
  static Tensor leaf(double... v) { return Tensor.of(v, v.length).requiresGrad(true); }

  @Test void noGradRecordsNothing() {
    Tensor x = leaf(1, 2);
    Tensor y;
    try (var g = GradMode.off()) {
      assertFalse(GradMode.isEnabled());
      y = x.exp().mul(x).sum();
    }
    assertTrue(GradMode.isEnabled());
    assertFalse(y.requiresGrad());
    assertTrue(y.isLeaf());
    assertThrows(IllegalStateException.class, y::backward);
  }

  @Test void scopesNestAndRestore() {
    try (var off = GradMode.off()) {
      try (var on = GradMode.on()) {
        assertTrue(leaf(1).exp().requiresGrad());
      }
      assertFalse(leaf(1).exp().requiresGrad());
    }
    assertTrue(GradMode.isEnabled());
  }

  @Test void gradModeIsPerThread() throws InterruptedException {
    boolean[] other = new boolean[1];
    try (var off = GradMode.off()) {
      Thread t = new Thread(() -> other[0] = GradMode.isEnabled());
      t.start();
      t.join();
    }
    assertTrue(other[0]);
  }

  @Test void optimizerStyleUpdateUnderNoGrad() {
    Tensor w = leaf(1, 2);
    w.mul(w).sum().backward();
    try (var g = GradMode.off()) {
      w.addInPlace(-0.25, w.grad());
    }
    assertArrayEquals(new double[] {0.5, 1}, w.toDoubleArray(), 0);
    assertTrue(w.requiresGrad() && w.isLeaf());
  }

  @Test void detachStopsGradientsButSharesValues() {
    Tensor x = leaf(1, 2);
    Tensor d = x.exp().detach();
    assertFalse(d.requiresGrad());
    assertNull(d.gradFnName());
    // y = x · const(e^x): the gradient sees only the first factor.
    x.mul(d).sum().backward();
    assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, x.grad().toDoubleArray(), 1e-12);
    Tensor view = x.detach();
    try (var g = GradMode.off()) {
      view.fillInPlace(3);
    }
    assertArrayEquals(new double[] {3, 3}, x.toDoubleArray(), 0);
  }

  @Test void changingADetachedViewOfASavedTensorIsStillCaught() {
    Tensor x = leaf(1, 2);
    Tensor loss = x.mul(x).sum();   // Mul saves x
    x.detach().fillInPlace(0);       // allowed: the view does not require grad, but it shares x's version
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().startsWith("Mul: saved tensor"), e.getMessage());
  }

  @Test void detachedInputsNeedNoGradient() {
    Tensor x = leaf(1, 2), w = leaf(3, 4);
    Tensor[] g = Autograd.grad(x.mul(w.detach()).sum(), x);
    assertArrayEquals(new double[] {3, 4}, g[0].toDoubleArray(), 0);
    assertNull(w.grad());
  }
}
