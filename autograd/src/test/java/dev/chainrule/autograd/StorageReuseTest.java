package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Storage reuse between training steps (issue 12): the upstream gradients a backward made, and
 * results declared {@link Tensor#freeAfterBackward() held by the graph alone}, serve the next
 * tensors of their size. What a caller holds never changes: outputs, intermediates, gradOuts,
 * {@code grad()}; and repeated steps give the bits of a run that reuses nothing.
 */
class StorageReuseTest {
  private static Tensor random(SplittableRandom rnd, int... dims) {
    int n = 1;
    for (int d : dims) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
    return Tensor.of(v, dims);
  }

  /** Two sigmoid layers, the course's shape in small; the hidden results marked as Sequential marks them. */
  private record Net(Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
    static Net seeded(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      return new Net(random(rnd, 6, 5).requiresGrad(true), random(rnd, 6).requiresGrad(true),
          random(rnd, 3, 6).requiresGrad(true), random(rnd, 3).requiresGrad(true));
    }

    Tensor forward(Tensor x, boolean free) {
      Tensor z1 = x.linear(w1, b1);
      if (free) z1.freeAfterBackward();
      Tensor h = z1.sigmoid();
      if (free) h.freeAfterBackward();
      Tensor z2 = h.linear(w2, b2);
      if (free) z2.freeAfterBackward();
      return z2.sigmoid();
    }

    void zeroGrad() {
      for (Tensor p : new Tensor[] {w1, b1, w2, b2}) p.zeroGrad();
    }

    /** One step: zeroGrad, forward, a cost with a shared dy (diff·diff), backward, SGD. */
    Tensor step(Tensor x, Tensor y, boolean free) {
      zeroGrad();
      Tensor out = forward(x, free);
      Tensor diff = out.sub(y);
      diff.mul(diff).sum().div(2.0).backward();
      try (var off = GradMode.off()) {
        for (Tensor p : new Tensor[] {w1, b1, w2, b2}) p.addInPlace(-0.5, p.gradForStep());
      }
      return out;
    }
  }

  @Test void repeatedStepsGiveTheBitsOfARunThatReusesNothing() {
    SplittableRandom rnd = new SplittableRandom(11);
    Tensor[] xs = new Tensor[4], ys = new Tensor[4];
    for (int i = 0; i < 4; i++) {
      xs[i] = random(rnd, 4, 5);
      ys[i] = random(rnd, 4, 3);
    }
    Net reusing = Net.seeded(3), plain = Net.seeded(3);
    for (int s = 0; s < 20; s++) {
      reusing.step(xs[s % 4], ys[s % 4], true);
      // Hooks switch reuse off: the plain run allocates everything fresh.
      try (var watch = EngineHooks.install(new EngineHook() {})) {
        plain.step(xs[s % 4], ys[s % 4], false);
      }
    }
    assertArrayEquals(plain.w1().toFloatArray(), reusing.w1().toFloatArray());
    assertArrayEquals(plain.b1().toFloatArray(), reusing.b1().toFloatArray());
    assertArrayEquals(plain.w2().toFloatArray(), reusing.w2().toFloatArray());
    assertArrayEquals(plain.b2().toFloatArray(), reusing.b2().toFloatArray());
    assertTrue(FreeStorage.keptOnThisThread() > 0, "the steps reused storage");
  }

  @Test void tensorsACallerKeepsNeverChange() {
    SplittableRandom rnd = new SplittableRandom(5);
    Net net = Net.seeded(7);
    Tensor x = random(rnd, 4, 5), y = random(rnd, 4, 3);
    Tensor out = net.step(x, y, true);
    float[] outBefore = out.toFloatArray();
    Tensor gradKept = net.w2().grad();
    float[] gradBefore = gradKept.toFloatArray();
    // An intermediate not marked, and a caller's gradOut: both stay the caller's.
    Tensor hidden = x.linear(net.w1(), net.b1()).sigmoid();
    float[] hiddenBefore = hidden.toFloatArray();
    Tensor gradOut = Tensor.ones(DType.F32, hidden.shape());
    hidden.backward(gradOut);
    for (int s = 0; s < 10; s++) net.step(random(rnd, 4, 5), random(rnd, 4, 3), true);
    assertArrayEquals(outBefore, out.toFloatArray(), "the network's output");
    assertArrayEquals(gradBefore, gradKept.toFloatArray(), "a gradient taken with grad()");
    assertArrayEquals(hiddenBefore, hidden.toFloatArray(), "an intermediate nobody marked");
    assertArrayEquals(new float[hidden.size()], gradOut.sub(1.0).toFloatArray(), "the caller's gradOut");
  }

  @Test void aFreedResultStillSavedByAnotherGraphFailsLoudly() {
    Tensor w = Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f}, 2, 2).requiresGrad(true);
    Tensor x = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2);
    Tensor h = x.matmul(w).sigmoid().freeAfterBackward();   // wrongly declared: a second graph also uses h
    Tensor other = h.mul(h).sum();
    h.sum().backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, other::backward);
    assertTrue(e.getMessage().contains("modified in place"), e.getMessage());
  }

  @Test void nothingIsFreedWhenTheGraphIsRetained() {
    Tensor w = Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f}, 2, 2).requiresGrad(true);
    Tensor x = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2);
    Tensor h = x.matmul(w).sigmoid().freeAfterBackward();
    float[] before = h.toFloatArray();
    Tensor cost = h.mul(h).sum();
    cost.backward(null, true, false);
    assertArrayEquals(before, h.toFloatArray(), "kept for the second backward");
    Tensor first = w.grad();
    w.zeroGrad();
    cost.backward();
    assertArrayEquals(first.toFloatArray(), w.grad().toFloatArray(), "the second backward reads intact saved values");
  }

  @Test void aTensorTakenFromTheKeptStorageIsZeros() {
    Tensor w = Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f, 1f, 1f}, 3, 2).requiresGrad(true);
    Tensor x = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f}, 4, 2);
    for (int s = 0; s < 3; s++) {
      w.zeroGrad();
      x.matmul(w.transpose(0, 1)).freeAfterBackward().sigmoid().sum().backward();
    }
    assertEquals(0.0, Tensor.zeros(DType.F32, 4, 3).abs().sum().item());
  }

  /**
   * A step whose gradients flow through views (permute, transpose, expand, a step slice, reshape,
   * unbind) and whose marked results have views taken of them: reuse must neither free storage a
   * view still reads nor hand out a view's cached copy. Same bits as a run that reuses nothing,
   * and views a caller keeps stay intact.
   */
  @Test void gradientsThroughViewsGiveTheBitsOfARunThatReusesNothing() {
    SplittableRandom rnd = new SplittableRandom(23);
    Tensor[] xs = new Tensor[3];
    for (int i = 0; i < 3; i++) xs[i] = random(rnd, 4, 6, 5);
    Tensor[] reusing = {random(new SplittableRandom(9), 5, 6).requiresGrad(true), random(new SplittableRandom(10), 6).requiresGrad(true)};
    Tensor[] plain = {reusing[0].copyOfStorage().requiresGrad(true), reusing[1].copyOfStorage().requiresGrad(true)};
    Tensor keptView = null;
    float[] keptBefore = null;
    for (int s = 0; s < 12; s++) {
      Tensor kept = viewStep(xs[s % 3], reusing, true);
      if (s == 0) {
        keptView = kept;
        keptBefore = kept.toFloatArray();
      }
      try (var watch = EngineHooks.install(new EngineHook() {})) {
        viewStep(xs[s % 3], plain, false);
      }
    }
    assertArrayEquals(plain[0].toFloatArray(), reusing[0].toFloatArray());
    assertArrayEquals(plain[1].toFloatArray(), reusing[1].toFloatArray());
    assertArrayEquals(keptBefore, keptView.toFloatArray(), "a view of a step's result, kept by the caller");
  }

  /** x [4, 6, 5]; returns a view (a transposed slice) of an unmarked result, for the caller to keep. */
  private static Tensor viewStep(Tensor x, Tensor[] p, boolean free) {
    for (Tensor t : p) t.zeroGrad();
    Tensor w = p[0], b = p[1];
    Tensor z = x.matmul(w.t().contiguous().t());                      // [4, 6, 6] through a transposed view
    if (free) z.freeAfterBackward();
    Tensor h = z.add(b.unsqueeze(0).expand(6, 6)).tanh();             // broadcast in the kernel
    if (free) h.freeAfterBackward();
    Tensor every = h.slice(2, 0, 6, 2).permute(2, 0, 1);               // [3, 4, 6], a strided view of h
    Tensor rows = Tensor.stack(0, every.unbind(0)).reshape(3, 24);
    Tensor kept = h.mul(0.5).slice(1, 1, 5).transpose(1, 2);           // a view of an unmarked result
    rows.mul(rows).sum().add(kept.exp().sum()).backward();             // exp reads the view's cached copy
    try (var off = GradMode.off()) {
      for (Tensor t : p) t.addInPlace(-0.01, t.gradForStep());
    }
    return kept;
  }
}
