package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.profile.Profiler;
import dev.chainrule.nn.train.BatchListener;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --profile STEPS}: profiles the last {@code STEPS} mini-batch steps of the first epoch
 * run (by then the JIT has compiled the kernels), then writes {@value #TABLE} and
 * {@value #TRACE} into the run directory. Wraps the batch listener it runs beside.
 */
final class StepProfile implements BatchListener {
  static final String TABLE = "profile.txt";
  static final String TRACE = "trace.json";

  private final BatchListener inner;
  private final int steps, batch;
  private final Path dir;
  private final PrintStream out;
  private int epoch = -1, profiled;
  private Profiler profiler;
  private boolean done;

  StepProfile(BatchListener inner, int steps, int batch, Path dir, PrintStream out) {
    this.inner = inner;
    this.steps = steps;
    this.batch = batch;
    this.dir = dir;
    this.out = out;
  }

  @Override public void onBatchEnd(int epoch, int seen, int total) {
    inner.onBatchEnd(epoch, seen, total);
    if (done) return;
    if (this.epoch < 0) this.epoch = epoch;
    if (profiler != null) profiled++;
    if (seen == total) {
      finish();
    } else if (profiler == null && total - seen <= (long) steps * batch) {
      profiler = Profiler.start();   // the next step's forward is the first one recorded
    }
  }

  private void finish() {
    done = true;
    if (profiler == null) return;
    profiler.close();
    try {
      Files.writeString(dir.resolve(TABLE), "Profile of " + profiled + " training steps (batch " + batch
          + ") at the end of epoch " + epoch + "; the optimizer's update runs kernels directly and is not listed.\n\n"
          + profiler.table());
      profiler.writeChromeTrace(dir.resolve(TRACE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("Profiled " + profiled + " steps: " + dir.resolve(TABLE) + ", " + dir.resolve(TRACE)
        + " (open in https://ui.perfetto.dev)");
  }
}
