package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Evaluates a model on another thread while training goes on: {@link #submit} copies the model's
 * parameters and buffers as they are at that moment, and a background thread loads the copy into
 * a twin of the model (same architecture, its own tensors) and runs the work on it. Training
 * does not wait for evaluation, so on a machine with a spare core the per-epoch evaluation costs
 * the training no time (issue 12: it was 0.9 s of the course run's 11.5).
 *
 * <p>The results are those of a synchronous evaluation at the moment of {@code submit}, bit for
 * bit: the copy is exact, and evaluation reads only the twin. The training's own bits do not
 * change either: the background thread reads nothing the training writes, and the engine's
 * per-thread state (grad mode, reused storage) is its own. Work runs in submission order, one
 * piece at a time, so the twin is never used by two threads.
 */
public final class BackgroundEvaluation implements AutoCloseable {
  private final Module twin;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "chainrule-background-eval");
    t.setDaemon(true);
    return t;
  });

  /**
   * Evaluates on {@code twin}, a model of the same architecture as the ones submitted (its values
   * are overwritten by every submission; use it for nothing else).
   */
  public BackgroundEvaluation(Module twin) {
    this.twin = twin;
  }

  /**
   * Copies {@code model}'s values now, on the caller's thread, and runs {@code work} on the twin
   * holding that copy, in evaluation mode, on the background thread.
   *
   * @throws IllegalArgumentException if {@code model}'s parameter names or shapes are not the twin's
   */
  public <T> Future<T> submit(Module model, Function<Module, T> work) {
    Map<String, Tensor> values;
    try (var noGrad = GradMode.off()) {
      values = model.copyValues();
    }
    if (!values.keySet().equals(twin.stateDict().keySet())) {
      throw new IllegalArgumentException("BackgroundEvaluation: " + model + " is not the twin's architecture "
          + twin + "; names " + values.keySet() + " against " + twin.stateDict().keySet());
    }
    return thread.submit(() -> {
      twin.loadValues(values);
      twin.eval();
      return work.apply(twin);
    });
  }

  /** The result of {@code pending}, waiting for it; a failure in the work is rethrown unchecked. */
  public static <T> T await(Future<T> pending) {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("background evaluation interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException("background evaluation failed: " + cause, cause);
    }
  }

  /** Stops the background thread; work not started is dropped (await what you need first). */
  @Override public void close() {
    thread.shutdownNow();
  }
}
