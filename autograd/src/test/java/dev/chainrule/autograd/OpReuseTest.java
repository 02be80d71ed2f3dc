package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.ops.Cast;
import dev.chainrule.autograd.ops.Reshape;
import org.junit.jupiter.api.Test;

/** An op instance keeps no per-call state: applying it twice before backward is safe. */
class OpReuseTest {
  @Test void reshapeInstanceReusedOnDifferentShapes() {
    Reshape flat = new Reshape(Shape.of(6));
    Tensor a = Tensor.ones(DType.F64, 2, 3).requiresGrad(true);
    Tensor b = Tensor.ones(DType.F64, 3, 2).requiresGrad(true);
    Tensor ya = Tensor.apply(flat, a), yb = Tensor.apply(flat, b);
    ya.sum().backward();
    yb.sum().backward();
    assertArrayEquals(new int[] {2, 3}, a.grad().dims());
    assertArrayEquals(new int[] {3, 2}, b.grad().dims());
  }

  @Test void castInstanceReusedOnDifferentDTypes() {
    Cast toF64 = new Cast(DType.F64);
    Tensor a = Tensor.ones(DType.F32, 2).requiresGrad(true);
    Tensor ya = Tensor.apply(toF64, a);
    Tensor yb = Tensor.apply(toF64, Tensor.ones(DType.F64, 3).requiresGrad(true));
    ya.sum().backward();
    assertEquals(DType.F32, a.grad().dtype());
    assertEquals(3, yb.size());
  }

  @Test void forwardReturningATensorThatAlreadyRequiresGradIsRefused() {
    Tensor captured = Tensor.ones(DType.F64, 2).requiresGrad(true);
    Function leaky = new Function() {
      public Tensor forward(Context ctx, Tensor... in) { return captured; }
      public Tensor[] backward(Context ctx, Tensor dy) { return new Tensor[] {dy}; }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Tensor.apply(leaky, Tensor.ones(DType.F64, 2).requiresGrad(true)));
    assertTrue(e.getMessage().contains("already requires grad"), e.getMessage());
    assertTrue(captured.isLeaf(), "the captured tensor's graph is untouched");
  }
}
