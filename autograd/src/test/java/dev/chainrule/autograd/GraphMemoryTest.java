package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The graph does not outlive its use: backward frees the intermediates (the loss and the leaves
 * may stay), retainGraph keeps them exactly as long as the loss, and a create-graph backward
 * leaves nothing behind once the user lets go (Java's collector handles the output ↔ node cycle
 * that saved outputs such as Sigmoid's create).
 */
class GraphMemoryTest {
  private static final long TIMEOUT_MS = 10_000;

  /** A small network; only weak references to its intermediates leave {@link #build}. */
  static final class Chain {
    Tensor x = Tensor.ones(DType.F64, 4, 3).requiresGrad(true);
    Tensor w = Tensor.ones(DType.F64, 3, 2).mul(0.1).detach().requiresGrad(true);
    Tensor loss;
    final List<WeakReference<Tensor>> intermediates = new ArrayList<>();

    static Chain build() {
      Chain c = new Chain();
      Tensor h = c.x.matmul(c.w);
      Tensor a = h.sigmoid();                 // saves its output: a cycle output → node → ctx → output
      Tensor e = a.exp().add(c.x.sum());
      Tensor p = e.logSoftmax(1);
      c.loss = p.mul(a).sum();
      for (Tensor t : List.of(h, a, e, p)) c.intermediates.add(new WeakReference<>(t));
      return c;
    }
  }

  /** Runs the collector until every reference is cleared; false on timeout. */
  static boolean collected(List<? extends WeakReference<?>> refs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (refs.stream().allMatch(r -> r.get() == null)) return true;
      System.gc();
      Thread.sleep(10);
    }
    return false;
  }

  static long alive(List<? extends WeakReference<?>> refs) {
    return refs.stream().filter(r -> r.get() != null).count();
  }

  @Test void backwardFreesTheIntermediatesWhileTheLossAndLeavesLive() throws InterruptedException {
    Chain c = Chain.build();
    c.loss.backward();
    assertTrue(collected(c.intermediates), alive(c.intermediates) + " intermediates still reachable after backward");
    assertNotNull(c.x.grad());
    assertNotNull(c.w.grad());
    Reference.reachabilityFence(c.loss);
  }

  @Test void retainGraphKeepsThemUntilTheLossIsDropped() throws InterruptedException {
    Chain c = Chain.build();
    c.loss.backward(null, true, false);
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertTrue(c.intermediates.stream().allMatch(r -> r.get() != null), "a retained graph lost its tensors");
    c.loss.backward();                         // the retained graph is still usable
    c.loss = null;
    assertTrue(collected(c.intermediates), alive(c.intermediates) + " intermediates outlived the loss");
  }

  @Test void createGraphBackwardLeavesNothingBehind() throws InterruptedException {
    List<WeakReference<Tensor>> everything = createGraphAndLetGo();
    assertTrue(collected(everything), alive(everything) + " of " + everything.size() + " tensors leaked");
  }

  /** Builds a graph, takes gradients with create-graph and a second derivative, returns only weak references. */
  private static List<WeakReference<Tensor>> createGraphAndLetGo() {
    Chain c = Chain.build();
    c.loss.backward(null, false, true);
    Tensor gx = c.x.grad(), gw = c.w.grad();
    Tensor[] second = Autograd.grad(gw.square().sum(), true, c.w);
    List<WeakReference<Tensor>> refs = new ArrayList<>(c.intermediates);
    for (Tensor t : List.of(c.x, c.w, c.loss, gx, gw, second[0])) refs.add(new WeakReference<>(t));
    assertTrue(gx.gradFnName() != null && second[0].gradFnName() != null, "create-graph gave constant gradients");
    return refs;
  }
}
