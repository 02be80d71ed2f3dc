package dev.chainrule.nn.train;

import java.io.PrintStream;

/** Called by the {@link Trainer} after every epoch, e.g. for logging or plotting. */
@FunctionalInterface
public interface EpochListener {

  /** Receives the statistics of the epoch just finished. */
  void onEpochEnd(EpochStats stats);

  /** A listener printing one line per epoch to {@code out}. */
  static EpochListener printTo(PrintStream out) {
    return stats -> out.println(stats);
  }
}
