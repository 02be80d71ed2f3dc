package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.KernelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Asserts that a computation, typically a training step from a seeded state, gives bit-identical
 * results every time and on any thread:
 *
 * <pre>{@code
 * Determinism.assertRepeatable("mlp step", () -> {
 *   Mlp m = new Mlp(new SplittableRandom(1));   // same seed, same start
 *   m.step(batch);
 *   return m.parameters();
 * });
 * }</pre>
 *
 * <p>The step runs twice on the calling thread, then on several threads at once; every result
 * must equal the first bit for bit (NaN payloads and the sign of zero included). The step must
 * build its own state: results are compared, not the state it shares.
 *
 * <p>What is order-stable in Chainrule, and so repeatable:
 * <ul>
 *   <li>Elementwise kernels (add, mul, exp, where, ...): each output element depends only on its
 *       own inputs, so results are identical however the work is split.</li>
 *   <li>Reductions (sum, max, logsumexp) and gemm: each kernel sums in a fixed order that depends
 *       only on the sizes, so the same machine with the same kernels gives the same bits, on any
 *       thread. Ops run single-threaded, so no thread count changes an op's order.</li>
 *   <li>The engine: backward visits nodes in a fixed topological order (inputs in argument
 *       order) and accumulates gradients in that order; nothing iterates a hash order.</li>
 *   <li>Not bit-identical: the SIMD and scalar kernels (and SIMD at different vector widths)
 *       split reductions and gemm into lanes differently and evaluate exp/log/tanh/sigmoid by
 *       different formulas; they agree to the last few bits only. Compare runs made with the
 *       same {@code -Dchainrule.kernels} setting on the same CPU.</li>
 * </ul>
 */
public final class Determinism {
  private Determinism() {}

  /** Runs {@code step} twice here and on two threads at once; throws naming the first differing bit. */
  public static void assertRepeatable(String name, Supplier<Tensor[]> step) {
    assertRepeatable(name, 2, step);
  }

  /** As {@link #assertRepeatable(String, Supplier)} with {@code threads} concurrent runs. */
  public static void assertRepeatable(String name, int threads, Supplier<Tensor[]> step) {
    Tensor[] first = step.get();
    List<String> problems = new ArrayList<>();
    note(problems, "second run on the same thread", difference(first, step.get()));
    Tensor[][] results = concurrently(threads, step);
    for (int t = 0; t < threads; t++) note(problems, "run on thread " + (t + 1) + " of " + threads, difference(first, results[t]));
    if (!problems.isEmpty()) {
      throw new AssertionError("determinism " + name + " (kernels " + KernelProvider.kernels().name() + "): "
          + problems.size() + " run(s) differ from the first\n  " + String.join("\n  ", problems));
    }
  }

  private static void note(List<String> problems, String run, String diff) {
    if (diff != null) problems.add(run + ": " + diff);
  }

  /** {@code null} when both lists hold tensors of equal shapes, dtypes and bits; else the first difference. */
  public static String difference(Tensor[] expected, Tensor[] actual) {
    if (expected.length != actual.length) return actual.length + " tensors, expected " + expected.length;
    for (int i = 0; i < expected.length; i++) {
      Tensor e = expected[i], a = actual[i];
      if (!e.shape().equals(a.shape()) || e.dtype() != a.dtype()) {
        return "tensor " + i + " is " + a.dtype() + " " + a.shape() + ", expected " + e.dtype() + " " + e.shape();
      }
      int bad = 0, firstBad = -1;
      for (int j = 0; j < e.size(); j++) {
        if (bits(e, j) != bits(a, j)) {
          if (firstBad < 0) firstBad = j;
          bad++;
        }
      }
      if (bad > 0) {
        return String.format(Locale.ROOT, "tensor %d %s at %s: %.17g (bits %x), expected %.17g (bits %x); %d of %d elements differ",
            i, e.shape(), Subject.indexOf(e.dims(), firstBad), a.getRaw(firstBad), bits(a, firstBad),
            e.getRaw(firstBad), bits(e, firstBad), bad, e.size());
      }
    }
    return null;
  }

  private static long bits(Tensor t, int j) {
    return t.storage().rawBits(j);
  }

  private static Tensor[][] concurrently(int threads, Supplier<Tensor[]> step) {
    Tensor[][] results = new Tensor[threads][];
    Throwable[] errors = new Throwable[threads];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> pool = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          start.await();
          results[id] = step.get();
        } catch (Throwable e) {
          errors[id] = e;
        }
      }, "determinism-" + t);
      pool.add(th);
      th.start();
    }
    start.countDown();
    for (Thread th : pool) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("determinism: interrupted while waiting for the runs", e);
      }
    }
    for (int t = 0; t < threads; t++) {
      if (errors[t] != null) throw new IllegalStateException("determinism: the run on thread " + (t + 1) + " threw", errors[t]);
    }
    return results;
  }
}
