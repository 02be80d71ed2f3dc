package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hooks see every op's forward and backward, matched and nested; nothing records, nothing is kept. */
class EngineHooksTest {

  /** What a profiler needs: one event per forward and backward, in order, with the op's name. */
  static final class Recorder implements EngineHook {
    final List<String> events = new ArrayList<>();

    @Override public void beforeForward(Function fn, Tensor[] inputs) { events.add("+f " + fn.name()); }

    @Override public void afterForward(Function fn, Context ctx, Tensor[] inputs, Tensor out) {
      events.add("-f " + fn.name() + (out == null ? " failed" : ""));
    }

    @Override public void beforeBackward(Function fn, Context ctx, Tensor dy) { events.add("+b " + fn.name()); }

    @Override public void afterBackward(Function fn, Context ctx, Tensor[] grads) { events.add("-b " + fn.name()); }
  }

  @Test
  void aHookSeesEachForwardAndBackwardOnceInOrder() {
    Tensor x = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
    Recorder r = new Recorder();
    try (var hook = EngineHooks.install(r)) {
      x.exp().sum().backward();
    }
    assertEquals(List.of("+f Exp", "-f Exp", "+f Sum", "-f Sum",
        "+b Sum", "+f Reshape", "-f Reshape", "+f Expand", "-f Expand", "-b Sum",   // dy back to x's shape
        "+b Exp", "+f Mul", "-f Mul", "-b Exp"), r.events);
    x.exp();
    assertEquals(14, r.events.size(), "closed: the hook sees nothing more");
  }

  @Test
  void aFailingForwardIsStillMatchedByAnAfterCall() {
    Recorder r = new Recorder();
    Function broken = new Function() {
      @Override public Tensor forward(Context ctx, Tensor... in) { return null; }

      @Override public Tensor[] backward(Context ctx, Tensor dy) { return new Tensor[] {dy}; }

      @Override public String name() { return "Broken"; }
    };
    try (var hook = EngineHooks.install(r)) {
      assertThrows(IllegalStateException.class, () -> Tensor.apply(broken, Tensor.ones(DType.F64, 2)));
    }
    assertEquals(List.of("+f Broken", "-f Broken failed"), r.events);
  }

  @Test
  void nothingRecordingMeansNoContextIsMade() {
    List<Context> seen = new ArrayList<>();
    Function spy = new Function() {
      @Override public Tensor forward(Context ctx, Tensor... in) {
        seen.add(ctx);
        ctx.save(in[0]);
        return in[0].mul(2.0);
      }

      @Override public Tensor[] backward(Context ctx, Tensor dy) { return new Tensor[] {dy.mul(2.0)}; }
    };
    Tensor constant = Tensor.ones(DType.F64, 3);
    Tensor.apply(spy, constant);
    Tensor.apply(spy, constant);
    assertSame(seen.get(0), seen.get(1), "no input requires grad: one shared, discarding context");
    assertTrue(!seen.get(0).needsGrad(0));
    Tensor x = Tensor.ones(DType.F64, 3).requiresGrad(true);
    Tensor.apply(spy, x).sum().backward();
    assertNotSame(seen.get(0), seen.get(2), "recording: a context of its own");
    assertEquals(2.0, x.grad().get(0), 0.0);
  }
}
