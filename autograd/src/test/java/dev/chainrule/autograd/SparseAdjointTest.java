package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The in-place sums of slice and gather gradients ({@link SparseSum}) respect ownership: a
 * gradient a caller holds is never written, a kept buffer is reused with a fresh gradient's bits,
 * the caller's gradOut is only read; and create-graph still differentiates through slices.
 */
class SparseAdjointTest {
  private static Tensor random(long seed, int... dims) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 1;
    for (int d : dims) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
    return Tensor.of(v, dims);
  }

  /** Σ_t w_t·x[:, t, :] over every step t, plus one row gather: the unrolled-sequence pattern. */
  private static void backwardThroughSteps(Tensor x, long seed) {
    Tensor loss = null;
    Tensor[] steps = x.unbind(1);
    for (int t = 0; t < steps.length; t++) {
      Tensor term = steps[t].mul(random(seed + t, steps[t].dims())).sum();
      loss = loss == null ? term : loss.add(term);
    }
    loss.add(x.indexSelect(new int[] {1, 1, 0}).tanh().sum()).backward();
  }

  @Test void aGradientTakenWithGradIsNeverWrittenByLaterBackwards() {
    Tensor x = random(1, 2, 5, 3).requiresGrad(true);
    backwardThroughSteps(x, 10);
    Tensor kept = x.grad();
    float[] before = kept.toFloatArray();
    backwardThroughSteps(x, 20);   // accumulates without zeroGrad: into a copy, not into kept
    assertArrayEquals(before, kept.toFloatArray());
    assertNotSame(kept, x.gradForStep());
    x.zeroGrad();
    backwardThroughSteps(x, 30);
    assertArrayEquals(before, kept.toFloatArray());
    assertNotSame(kept, x.gradForStep());
  }

  @Test void aKeptBufferIsReusedWithTheBitsOfAFreshGradient() {
    Tensor reused = random(2, 2, 5, 3).requiresGrad(true), fresh = random(2, 2, 5, 3).requiresGrad(true);
    backwardThroughSteps(reused, 10);
    Tensor buffer = reused.gradForStep();
    reused.zeroGrad();
    backwardThroughSteps(reused, 20);
    assertSame(buffer, reused.gradForStep(), "the summed slices went into the kept buffer");
    backwardThroughSteps(fresh, 20);
    assertArrayEquals(fresh.grad().toFloatArray(), reused.grad().toFloatArray());
  }

  @Test void theCallersGradOutIsOnlyRead() {
    Tensor x = random(3, 4, 3).requiresGrad(true);
    Tensor gradOut = random(4, 2, 3);
    float[] before = gradOut.toFloatArray();
    x.slice(0, 1, 3).backward(gradOut);
    assertArrayEquals(before, gradOut.toFloatArray());
    x.grad().mulInPlace(0.0);
    assertArrayEquals(before, gradOut.toFloatArray(), "x.grad shares no storage with gradOut");
  }

  @Test void autogradGradResultsAreNotWrittenByALaterCall() {
    Tensor x = random(5, 3, 4).requiresGrad(true);
    Tensor first = Autograd.grad(x.slice(1, 0, 2).sum().add(x.slice(1, 1, 4).sum()), x)[0];
    float[] before = first.toFloatArray();
    Autograd.grad(x.slice(1, 0, 2).sum().add(x.slice(1, 1, 4).sum()), x);
    assertArrayEquals(before, first.toFloatArray());
    assertArrayEquals(new float[] {1, 2, 1, 1, 1, 2, 1, 1, 1, 2, 1, 1}, before);
  }

  @Test void secondDerivativesThroughSlicesStillFollowTheTensorOpRoute() {
    double[] v = {0.5, -1.0, 2.0};
    Tensor x = Tensor.of(v, 3);
    // f(x) = Σ_t x_t³ through unbind: the Hessian is diag(6·x)
    Tensor h = Derivatives.hessian(in -> {
      Tensor sum = null;
      for (Tensor part : in.unbind(0)) sum = sum == null ? part.pow(3.0) : sum.add(part.pow(3.0));
      return sum;
    }, x);
    assertArrayEquals(new double[] {3, 0, 0, 0, -6, 0, 0, 0, 12}, h.toDoubleArray());
    GradCheck.of("slice steps", in -> in[0].slice(0, 0, 2).mul(in[0].slice(0, 1, 3)).sum())
        .checkGradGrad(Tensor.of(v, 3)).assertPassed();
  }

  /** Whether Slice's backward built a gradient tensor (hooks see none on the sparse route). */
  private static boolean sliceBuildsATensor(boolean createGraph) {
    boolean[] built = new boolean[1];
    Tensor x = random(6, 4, 3).requiresGrad(true);
    try (var watch = EngineHooks.install(new EngineHook() {
      @Override public void afterBackward(Function fn, Context ctx, Tensor[] grads) {
        if (fn.name().startsWith("Slice")) built[0] = grads[0] != null;
      }
    })) {
      x.slice(0, 0, 1).sum().backward(null, false, createGraph);
    }
    return built[0];
  }

  @Test void theSparseRouteIsTakenUnlessTheBackwardIsRecorded() {
    assertFalse(sliceBuildsATensor(false));
    assertTrue(sliceBuildsATensor(true));
    try (var dense = Gradients.denseAdjointsOnly()) {
      assertTrue(sliceBuildsATensor(false));
    }
  }
}
