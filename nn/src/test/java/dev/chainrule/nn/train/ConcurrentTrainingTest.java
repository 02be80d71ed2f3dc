package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.loss.SoftmaxCrossEntropy;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 5: two models trained on two threads at once end with the same bits as each
 * trained alone. Both share the kernels and the gemm thread pool (the wide model's 256-row
 * batches go through ParallelGemm); each owns its graph, optimizer and random source, which is
 * the README's rule for training in parallel.
 */
class ConcurrentTrainingTest {
  private static Dataset data(long seed, int n, int features, boolean classes) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * features], y = new float[classes ? n : n * 3];
    for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = classes ? rng.nextInt(10) : (float) rng.nextDouble();
    return new Dataset(Tensor.of(x, n, features), classes ? Tensor.of(y, n) : Tensor.of(y, n, 3));
  }

  /** A wide ReLU/dropout network with momentum and large batches. */
  private static Map<String, Tensor> wide() {
    SplittableRandom rng = new SplittableRandom(1);
    Sequential net = new Sequential(new Dense(784, 128, Init.he(), rng), Activation.relu(), new Dropout(0.2, rng),
        new Dense(128, 10, Init.xavier(), rng));
    Trainer.builder().model(net).cost(new SoftmaxCrossEntropy()).optimizer(new Sgd(net.parameters(), 0.05, 0.9, 1e-4))
        .epochs(2).batchSize(256).shuffle(rng).build().fit(data(2, 1024, 784, true));
    return net.copyValues();
  }

  /** A small sigmoid network with Adam and the course's batch of 10. */
  private static Map<String, Tensor> small() {
    SplittableRandom rng = new SplittableRandom(3);
    Sequential net = new Sequential(new Dense(20, 16, Init.gaussian(), rng), Activation.sigmoid(),
        new Dense(16, 3, Init.gaussian(), rng), Activation.sigmoid());
    Trainer.builder().model(net).cost(new QuadraticCost()).optimizer(new Adam(net.parameters(), 0.01))
        .epochs(3).batchSize(10).shuffle(rng).build().fit(data(4, 600, 20, false));
    return net.copyValues();
  }

  @Test void twoModelsTrainedAtOnceMatchEachTrainedAlone() throws Exception {
    Map<String, Tensor> wideAlone = wide(), smallAlone = small();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 2; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Map<String, Tensor>>> results = new ArrayList<>();
        for (Supplier<Map<String, Tensor>> job : List.<Supplier<Map<String, Tensor>>>of(ConcurrentTrainingTest::wide, ConcurrentTrainingTest::small)) {
          results.add(pool.submit(() -> {
            start.await();
            return job.get();
          }));
        }
        assertSameBits("wide, round " + round, wideAlone, results.get(0).get());
        assertSameBits("small, round " + round, smallAlone, results.get(1).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertSameBits(String what, Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    expected.forEach((name, t) -> {
      float[] e = t.toFloatArray(), a = actual.get(name).toFloatArray();
      for (int i = 0; i < e.length; i++) {
        if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
          fail(what + ": " + name + "[" + i + "] is " + a[i] + " trained alongside another model, " + e[i] + " trained alone");
        }
      }
    });
  }
}
