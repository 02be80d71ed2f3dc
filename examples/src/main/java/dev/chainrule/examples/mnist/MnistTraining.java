package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.AnomalyMode;
import dev.chainrule.examples.report.ConfusionMatrix;
import dev.chainrule.examples.report.EpochMetrics;
import dev.chainrule.examples.report.LearningCurvePlot;
import dev.chainrule.examples.report.MetricsCsv;
import dev.chainrule.examples.report.ProgressBar;
import dev.chainrule.nn.Checkpoint;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.data.RandomShift;
import dev.chainrule.nn.io.SafeTensors;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.train.EpochStats;
import dev.chainrule.nn.train.NonFiniteLossException;
import dev.chainrule.nn.train.NonFinitePolicy;
import dev.chainrule.nn.train.ResumableRandom;
import dev.chainrule.nn.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Future;

/**
 * One MNIST training run as the book reports it: after every epoch, "Epoch 7: 9512 / 10000" on
 * the test set, plus validation accuracy, cost and time; at the end the metrics CSV, learning
 * curves, weights and confusion matrix in the output directory (a {@link RunDirectory}). After
 * every epoch the metrics row is appended and a checkpoint (weights, optimizer state, the random
 * source's position) is saved, so {@link #resuming} continues an interrupted run with the same
 * bits as one that never stopped.
 */
public final class MnistTraining {
  /** What a run produced. */
  public record Result(List<EpochMetrics> epochs, int testCorrect, int testCount, double trainSeconds, Path outDir) {
    /** The fraction of test images classified correctly, in [0, 1]. */
    public double testAccuracy() { return (double) testCorrect / testCount; }
  }

  /** Where a resumed run continues: the checkpoint's epoch, random-source state and training time. */
  private record ResumePoint(Path checkpoint, int epoch, long rngState, double trainSeconds) {}

  private final Recipe recipe;
  private final int threads;
  private final PrintStream out;
  private Integer trainLimit;
  private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.STOP;
  private boolean detectAnomaly;
  private ResumePoint resumePoint;
  private Integer profileSteps;

  /** A run of {@code recipe}, evaluating on {@code threads} threads and reporting progress to {@code out}. */
  public MnistTraining(Recipe recipe, int threads, PrintStream out) {
    this.recipe = recipe;
    this.threads = threads;
    this.out = out;
  }

  /**
   * The run whose {@value RunDirectory#CHECKPOINT} is in {@code dir}, to continue with
   * {@link #run} into the same directory: its recipe and training limit come from the checkpoint.
   */
  public static MnistTraining resuming(Path dir, int threads, PrintStream out) throws IOException {
    Path file = dir.resolve(RunDirectory.CHECKPOINT);
    Map<String, String> meta = SafeTensors.read(file).metadata();
    try {
      Recipe recipe = Recipe.fromMetadata(meta);
      MnistTraining t = new MnistTraining(recipe, threads, out);
      String limit = meta.get("train-limit");
      t.trainLimit = limit == null ? null : Integer.valueOf(limit);
      t.resumePoint = new ResumePoint(file, Integer.parseInt(required(meta, "epoch")),
          Long.parseLong(required(meta, "rng-state")), Double.parseDouble(meta.getOrDefault("train-seconds", "0")));
      if (t.resumePoint.epoch() >= recipe.epochs()) {
        throw new IllegalArgumentException("the run finished all " + recipe.epochs() + " epochs; nothing to resume");
      }
      return t;
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> meta, String key) {
    String v = meta.get(key);
    if (v == null) throw new IllegalArgumentException("no '" + key + "' in the metadata, expected a checkpoint written by chainrule mnist");
    return v;
  }

  /** The recipe this run trains. */
  public Recipe recipe() { return recipe; }

  /** Train on only the first {@code n} training images (null: all). */
  public MnistTraining trainLimit(Integer n) {
    if (n != null && n < 1) throw new IllegalArgumentException("--train-limit must be at least 1, got " + n);
    this.trainLimit = n;
    return this;
  }

  /** What to do when a batch's cost is NaN or infinite (default: stop). */
  public MnistTraining nonFinite(NonFinitePolicy policy) {
    this.nonFinitePolicy = policy;
    return this;
  }

  /** Profile the last {@code steps} steps of the first epoch into the run directory (null: do not). */
  public MnistTraining profile(Integer steps) {
    if (steps != null && steps < 1) throw new IllegalArgumentException("--profile must be at least 1 step, got " + steps);
    this.profileSteps = steps;
    return this;
  }

  /** Train under {@link AnomalyMode}: the first NaN or infinity names the operation that made it (slow). */
  public MnistTraining detectAnomaly(boolean on) {
    this.detectAnomaly = on;
    return this;
  }

  /**
   * Trains on {@code data.training()}, reporting per epoch; writes results into {@code outDir}
   * (null: write nothing), which a fresh run empties of a previous run first.
   *
   * @throws NonFiniteLossException when a cost is not finite under the default policy; the
   *     directory's status says so, and its metrics and checkpoint hold the finished epochs
   */
  public Result run(Mnist data, Path outDir) throws IOException {
    if (trainLimit != null) {
      data = new Mnist(data.training().slice("training", 0, Math.min(trainLimit, data.training().count())),
          data.validation(), data.test());
    }
    RunDirectory dir = outDir == null ? null : resumePoint != null ? RunDirectory.resume(outDir) : RunDirectory.fresh(outDir);
    ResumableRandom rng = new ResumableRandom(recipe.seed());
    Sequential net = MnistNetwork.build(recipe, rng);
    Cost cost = MnistNetwork.cost(recipe);
    Optimizer optimizer = MnistNetwork.optimizer(recipe, net);
    // appended by the evaluation thread, read by an interruption's hook
    List<EpochMetrics> metrics = Collections.synchronizedList(new ArrayList<>());
    long[] trainNanos = {0};
    int firstEpoch = 1;
    if (resumePoint != null) {
      Checkpoint.load(net, optimizer, resumePoint.checkpoint());
      rng.restore(resumePoint.rngState());
      firstEpoch = resumePoint.epoch() + 1;
      trainNanos[0] = Math.round(resumePoint.trainSeconds() * 1e9);
      metrics.addAll(keepMetrics(dir, resumePoint.epoch()));
    }
    DataSplit train = data.training();
    DataSplit validation = data.validation();
    DataSplit test = data.test();
    int[] testLabels = data.test().labels();
    int[] validationLabels = data.validation().labels();
    MetricsCsv csv = dir == null ? null : new MetricsCsv(dir.file(RunDirectory.METRICS));
    if (dir != null) {
      dir.status("running", "Epochs finished: " + metrics.size() + " of " + recipe.epochs() + ".", false);
      dir.markInterruptions(() -> "Interrupted after epoch " + metrics.size() + " of " + recipe.epochs()
          + (metrics.isEmpty() ? "; nothing to resume." : "; continue with: chainrule mnist --resume " + dir.path()));
    }
    out.println("Recipe " + recipe);
    out.println("Network " + net + ", " + net.parameterCount() + " parameters; training on "
        + train.size() + ", validating on " + validation.size() + ", testing on " + test.size());
    if (resumePoint != null) out.println("Resuming after epoch " + resumePoint.epoch() + " from " + resumePoint.checkpoint());
    // With a spare thread, each epoch is evaluated (and its row and checkpoint written) on threads - 1
    // threads beside the training, from a copy of the network (see BackgroundEvaluation).
    try (Evaluator evaluator = new Evaluator(threads);
         Evaluator beside = threads > 1 ? new Evaluator(threads - 1) : null;
         BackgroundEvaluation background = threads > 1 ? new BackgroundEvaluation(MnistNetwork.build(recipe, new SplittableRandom(0))) : null) {
      long[] epochStart = {System.nanoTime()};
      List<Future<EpochMetrics>> lastEpoch = new ArrayList<>(1);
      Trainer trainer = Trainer.builder()
          .model(net).cost(cost).optimizer(optimizer)
          .epochs(recipe.epochs()).startEpoch(firstEpoch).batchSize(recipe.batch()).shuffle(rng)
          .schedule(MnistNetwork.schedule(recipe))
          .augment(recipe.shift() > 0 ? RandomShift.of(Mnist.ROWS, Mnist.COLS, recipe.shift()) : null)
          .onNonFinite(nonFinitePolicy)
          .batchListener(profileSteps == null || dir == null ? progress(train.size())
              : new StepProfile(progress(train.size()), profileSteps, recipe.batch(), dir.path(), out))
          .listener(stats -> {
            trainNanos[0] += System.nanoTime() - epochStart[0];
            Checkpoint.Snapshot checkpoint = dir == null ? null : checkpoint(stats.epoch(), net, optimizer, rng, trainNanos[0]);
            if (background == null) {
              EpochMetrics m = report(stats, evaluator, net, test, testLabels, validation, validationLabels);
              if (dir != null) saveEpoch(dir, csv, m, checkpoint);
              metrics.add(m);
            } else {
              // a failure of the previous epoch's work surfaces here, and the work never falls behind by more than an epoch
              awaitAll(lastEpoch);
              lastEpoch.add(background.submit(net, twin -> {
                EpochMetrics m = report(stats, beside, twin, test, testLabels, validation, validationLabels);
                if (dir != null) saveEpoch(dir, csv, m, checkpoint);
                metrics.add(m);
                return m;
              }));
            }
            epochStart[0] = System.nanoTime();
          })
          .build();
      try (var anomaly = detectAnomaly ? AnomalyMode.on() : null) {
        trainer.fit(train);
        awaitAll(lastEpoch);
      } catch (RuntimeException e) {
        try {
          awaitAll(lastEpoch);   // the finished epochs' rows and checkpoints are written before the status says so
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed);
        }
        if (dir != null) ended(dir, metrics, e);
        throw e;
      }
      int[] predicted = evaluator.predict(net, test);
      int correct = Evaluator.correct(predicted, testLabels);
      if (dir != null) {
        writeResults(dir.path(), net, metrics, ConfusionMatrix.of(predicted, testLabels));
        dir.status("finished", String.format(Locale.ROOT, "All %d epochs finished; test accuracy %.2f%% (%d / %d).",
            recipe.epochs(), 100.0 * correct / testLabels.length, correct, testLabels.length), true);
        dir.close();
      }
      return new Result(metrics, correct, testLabels.length, trainNanos[0] / 1e9, outDir);
    }
  }

  /** The checkpoint of the epoch that just ended, copied now: training goes on before it is written. */
  private Checkpoint.Snapshot checkpoint(int epoch, Sequential net, Optimizer optimizer, ResumableRandom rng, long trainNanos) {
    Map<String, String> meta = new LinkedHashMap<>(recipe.toMetadata());
    meta.put("epoch", Integer.toString(epoch));
    meta.put("rng-state", Long.toString(rng.state()));
    meta.put("train-seconds", Double.toString(trainNanos / 1e9));
    if (trainLimit != null) meta.put("train-limit", Integer.toString(trainLimit));
    return Checkpoint.snapshot(net, optimizer, meta);
  }

  /** Waits for the epoch work in {@code pending} (at most one) and empties it. */
  private static void awaitAll(List<Future<EpochMetrics>> pending) {
    try {
      for (Future<EpochMetrics> f : pending) BackgroundEvaluation.await(f);
    } finally {
      pending.clear();
    }
  }

  /** The epoch's row, then its checkpoint: a checkpoint of epoch k always has k rows beside it. */
  private void saveEpoch(RunDirectory dir, MetricsCsv csv, EpochMetrics m, Checkpoint.Snapshot checkpoint) {
    try {
      csv.append(m);
      checkpoint.write(dir.file(RunDirectory.CHECKPOINT));
      dir.status("running", "Epochs finished: " + m.epoch() + " of " + recipe.epochs() + ".", false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Training ended by an exception: the status says how, the learning curves show the finished epochs. */
  private void ended(RunDirectory dir, List<EpochMetrics> metrics, RuntimeException e) throws IOException {
    String kept = metrics.isEmpty() ? " No epoch finished."
        : " " + RunDirectory.METRICS + " and " + RunDirectory.CHECKPOINT + " hold epochs 1-" + metrics.size() + ".";
    if (!metrics.isEmpty()) {
      new LearningCurvePlot("MNIST " + recipe.name() + ": " + java.util.Arrays.toString(recipe.sizes()))
          .write(metrics, dir.file("learning-curves.png"));
    }
    boolean nonFinite = e instanceof NonFiniteLossException || e instanceof ArithmeticException;
    dir.status(nonFinite ? "stopped" : "failed", (nonFinite ? "Stopped: " : "Failed: ") + e.getMessage() + "." + kept, true);
    dir.close();
    out.println("Run stopped; " + dir.file(RunDirectory.STATUS) + " says why." + kept);
  }

  /** Rewrites metrics.csv with its header and the rows of the first {@code epochs} epochs, as they were. */
  private static List<EpochMetrics> keepMetrics(RunDirectory dir, int epochs) throws IOException {
    Path file = dir.file(RunDirectory.METRICS);
    List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    if (lines.size() < epochs + 1 || !lines.get(0).equals(MetricsCsv.HEADER)) {
      throw new IOException(file + ": has " + Math.max(0, lines.size() - 1) + " rows, expected at least the "
          + epochs + " of the checkpoint's epochs");
    }
    RunDirectory.writeAtomically(file, String.join("\n", lines.subList(0, epochs + 1)) + "\n");
    return MetricsCsv.read(file);
  }

  /** A progress bar per epoch, drawn only when a terminal is attached (silent in logs and CI). */
  private static dev.chainrule.nn.train.BatchListener progress(int total) {
    ProgressBar[] bar = {null};
    return (epoch, seen, all) -> {
      if (bar[0] == null) bar[0] = ProgressBar.forConsole("Epoch " + epoch, total);
      bar[0].update(seen);
      if (seen == all) {
        bar[0].finish();
        bar[0] = null;
      }
    };
  }

  private EpochMetrics report(EpochStats stats, Evaluator evaluator, Module net, DataSplit test, int[] testLabels,
                              DataSplit validation, int[] validationLabels) {
    long start = System.nanoTime();
    int testHits = Evaluator.correct(evaluator.predict(net, test), testLabels);
    int validationHits = Evaluator.correct(evaluator.predict(net, validation), validationLabels);
    double evalSeconds = (System.nanoTime() - start) / 1e9;
    // Evaluated beside the training, the line may come while the next epoch's progress bar is
    // drawn: on a terminal it goes over the bar, which the bar's next update redraws below it.
    String overBar = System.console() != null ? "\r\033[K" : "";
    out.printf(Locale.ROOT, overBar + "Epoch %d: %d / %d   (validation %d / %d, train cost %.4f, %.2f s train + %.2f s eval)%s%n",
        stats.epoch(), testHits, testLabels.length, validationHits, validationLabels.length,
        stats.trainCost(), stats.millis() / 1e3, evalSeconds,
        stats.skippedBatches() == 0 ? "" : "; " + stats.skippedBatches() + " batches with a non-finite cost skipped");
    return new EpochMetrics(stats.epoch(), stats.trainCost(), Double.NaN,
        (double) validationHits / validationLabels.length, (double) testHits / testLabels.length, stats.millis() / 1e3);
  }

  private void writeResults(Path dir, Sequential net, List<EpochMetrics> metrics, ConfusionMatrix confusion) throws IOException {
    new LearningCurvePlot("MNIST " + recipe.name() + ": " + java.util.Arrays.toString(recipe.sizes()))
        .write(metrics, dir.resolve("learning-curves.png"));
    WeightsFile.save(dir.resolve(RunDirectory.WEIGHTS), net, recipe);
    Files.writeString(dir.resolve("confusion-matrix.txt"), confusion.toString());
    confusion.writeCsv(dir.resolve("confusion-matrix.csv"));
    out.println("Wrote metrics.csv, learning-curves.png, weights.safetensors, confusion-matrix.txt/.csv to " + dir);
  }
}
