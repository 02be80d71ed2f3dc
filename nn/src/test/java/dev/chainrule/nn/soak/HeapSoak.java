package dev.chainrule.nn.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Examples;
import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Sgd;
import dev.chainrule.nn.train.Trainer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 4: memory stays flat over long runs. Not part of {@code mvn verify}: run with
 * {@code mvn -Psoak -pl nn -am test} (GC log in {@code nn/target/soak-gc.log}). After every
 * round a full collection ({@code System.gc()}, a full collection under the Parallel collector
 * the profile uses) and the heap still in use is recorded; the last rounds must not be more than
 * {@value #SLACK_MB} MB above the smallest of the early ones (after the JIT and the caches have
 * settled).
 */
class HeapSoak {
  private static final long SLACK_MB = 8;

  /** Heap in use after a full collection, in bytes. */
  private static long heapAfterFullGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void assertFlat(String what, List<Long> heap) {
    StringBuilder trace = new StringBuilder();
    for (int i = 0; i < heap.size(); i++) trace.append(String.format(Locale.ROOT, " %d:%.1f", i, heap.get(i) / 1048576.0));
    System.out.println(what + ", MB in use after full GC per round:" + trace);
    int settle = Math.max(2, heap.size() / 4);
    long baseline = heap.subList(1, settle).stream().mapToLong(Long::longValue).min().orElseThrow();
    for (int i = heap.size() - settle; i < heap.size(); i++) {
      assertTrue(heap.get(i) <= baseline + SLACK_MB * 1048576,
          what + ": round " + i + " holds " + heap.get(i) / 1048576 + " MB after a full GC, baseline " + baseline / 1048576 + " MB;" + trace);
    }
  }

  /** The course network (784-100-10 sigmoid, quadratic cost, SGD 3.0, batch 10), on MNIST when MNIST_DIR is set. */
  @Test void courseNetworkForManyEpochs() throws Exception {
    String dir = System.getenv("MNIST_DIR");
    Examples train;
    if (dir != null && Files.isDirectory(Path.of(dir))) {
      train = Mnist.load(Path.of(dir)).training();
    } else {
      SplittableRandom data = new SplittableRandom(5);
      int n = 10_000;
      train = new Dataset(Tensor.rand(data, DType.F32, 0, 1, n, 784), Tensor.rand(data, DType.F32, 0, 1, n, 10));
      System.out.println("MNIST_DIR not set: random data of MNIST's shape");
    }
    SplittableRandom rng = new SplittableRandom(1);
    Sequential net = new Sequential(new Dense(784, 100, Init.gaussian(), rng), Activation.sigmoid(),
        new Dense(100, 10, Init.gaussian(), rng), Activation.sigmoid());
    Sgd sgd = new Sgd(net.parameters(), 3.0);
    int epochs = Integer.getInteger("soak.epochs", 40);
    List<Long> heap = new ArrayList<>();
    heap.add(heapAfterFullGc());
    Trainer.builder().model(net).cost(new QuadraticCost()).optimizer(sgd).epochs(epochs).batchSize(10).shuffle(rng)
        .listener(s -> heap.add(heapAfterFullGc())).build().fit(train);
    assertFlat("course network, " + epochs + " epochs", heap);
  }

  /** 10^5 backward passes over one retained graph, gradients cleared each time. */
  @Test void backwardWithRetainGraph() {
    repeatBackward("retainGraph", false);
  }

  /** 10^5 backward passes recording the backward graph (for higher derivatives), gradients cleared each time. */
  @Test void backwardWithCreateGraph() {
    repeatBackward("createGraph", true);
  }

  private static void repeatBackward(String what, boolean createGraph) {
    SplittableRandom rng = new SplittableRandom(2);
    Tensor w = Tensor.randn(rng, DType.F32, 0, 1, 64, 32).requiresGrad(true);
    Tensor x = Tensor.rand(rng, DType.F32, -1, 1, 16, 32);
    Tensor loss = x.matmul(w.t()).sigmoid().mul(x.matmul(w.t()).tanh()).sum();
    int calls = Integer.getInteger("soak.backwards", 100_000), rounds = 20;
    List<Long> heap = new ArrayList<>();
    heap.add(heapAfterFullGc());
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < calls / rounds; i++) {
        w.zeroGrad();
        loss.backward(Tensor.scalar(1.0, DType.F32), true, createGraph);
      }
      heap.add(heapAfterFullGc());
    }
    assertFlat(calls + " backward calls with " + what, heap);
  }
}
