package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Predicts the class of every example, splitting the work over threads. Safe because evaluation
 * only reads the parameters and each thread builds no graph (grad mode is per thread).
 */
public final class Evaluator implements AutoCloseable {
  // Small chunks take the same (already compiled) kernel paths as training batches: a 1000-row
  // chunk would need its own JIT warm-up, which costs more on the first epoch than it ever saves.
  static final int CHUNK = 16;
  private final ExecutorService pool;
  private final int threads;

  /**
   * An evaluator over {@code threads} threads (1: the calling thread alone, no pool).
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public Evaluator(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "chainrule-eval");
      t.setDaemon(true);
      return t;
    });
  }

  /** The predicted class (argmax of the output) of each example, in order. */
  public int[] predict(Module model, Examples data) {
    boolean wasTraining = model.isTraining();
    model.eval();
    try {
      int n = data.size();
      int[] predicted = new int[n];
      List<Future<?>> parts = new ArrayList<>();
      for (int from = 0; from < n; from += CHUNK) {
        int start = from, end = Math.min(n, from + CHUNK);
        Runnable work = () -> {
          try (var noGrad = GradMode.off()) {
            Tensor out = model.forward(data.rows(start, end).inputs());
            System.arraycopy(out.argmax(1), 0, predicted, start, end - start);
          }
        };
        if (pool == null) work.run();
        else parts.add(pool.submit(work));
      }
      // Wait for every chunk, even after a failure, so none runs on after the mode is restored.
      ExecutionException failure = null;
      for (Future<?> f : parts) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (failure == null) failure = e;
        }
      }
      if (failure != null) throw failure;
      return predicted;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
    } finally {
      model.train(wasTraining);
    }
  }

  /** Number of examples whose prediction equals the label. */
  public static int correct(int[] predicted, int[] labels) {
    int hits = 0;
    for (int i = 0; i < predicted.length; i++) if (predicted[i] == labels[i]) hits++;
    return hits;
  }

  /** The number of threads predictions are split over. */
  public int threads() { return threads; }

  @Override public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
