package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BackgroundEvaluationTest {
  private static Sequential net(long seed) {
    return new Sequential(new Dense(3, 2, Init.scaledGaussian(), new SplittableRandom(seed)));
  }

  private static final Tensor X = Tensor.of(new float[] {1, 2, 3, -1, 0.5f, 4}, 2, 3);

  @Test void evaluatesTheValuesOfTheMomentOfSubmitting() throws Exception {
    Sequential model = net(1), twin = net(2);
    float[] expected;
    try (var noGrad = GradMode.off()) {
      expected = model.call(X).toFloatArray();
    }
    try (BackgroundEvaluation background = new BackgroundEvaluation(twin)) {
      CountDownLatch release = new CountDownLatch(1);
      background.submit(model, m -> { awaitQuietly(release); return null; });   // holds the thread
      Future<float[]> out = background.submit(model, m -> m.call(X).toFloatArray());
      try (var noGrad = GradMode.off()) {
        model.parameters().forEach(p -> p.fillInPlace(7));   // training goes on before the work runs
      }
      release.countDown();
      assertArrayEquals(expected, BackgroundEvaluation.await(out), "the copy made at submit, bit for bit");
      assertFalse(twin.isTraining(), "work runs in evaluation mode");
      assertTrue(model.isTraining(), "the submitted model's mode is left alone");
    }
  }

  @Test void anotherArchitectureIsRefusedAtOnce() {
    try (BackgroundEvaluation background = new BackgroundEvaluation(net(2))) {
      Sequential other = new Sequential(new Dense(3, 2, Init.scaledGaussian(), new SplittableRandom(1)),
          new Dense(2, 2, Init.scaledGaussian(), new SplittableRandom(1)));
      var e = assertThrows(IllegalArgumentException.class, () -> background.submit(other, m -> null));
      assertTrue(e.getMessage().contains("is not the twin's architecture") && e.getMessage().contains("1.weight"), e.getMessage());
    }
  }

  @Test void aFailureOfTheWorkReachesTheWaiter() {
    try (BackgroundEvaluation background = new BackgroundEvaluation(net(2))) {
      Future<Object> f = background.submit(net(1), m -> { throw new IllegalStateException("boom"); });
      var e = assertThrows(IllegalStateException.class, () -> BackgroundEvaluation.await(f));
      assertEquals("boom", e.getMessage());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
