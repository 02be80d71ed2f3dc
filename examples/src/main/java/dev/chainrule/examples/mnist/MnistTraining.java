package dev.chainrule.examples.mnist;

import dev.chainrule.examples.report.ConfusionMatrix;
import dev.chainrule.examples.report.EpochMetrics;
import dev.chainrule.examples.report.LearningCurvePlot;
import dev.chainrule.examples.report.MetricsCsv;
import dev.chainrule.examples.report.ProgressBar;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.train.EpochStats;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One MNIST training run as the book reports it: after every epoch, "Epoch 7: 9512 / 10000" on
 * the test set, plus validation accuracy, cost and time; at the end the metrics CSV, learning
 * curves, weights and confusion matrix in the output directory.
 */
public final class MnistTraining {
  /** What a run produced. */
  public record Result(List<EpochMetrics> epochs, int testCorrect, int testCount, double trainSeconds, Path outDir) {
    public double testAccuracy() { return (double) testCorrect / testCount; }
  }

  private final Recipe recipe;
  private final int threads;
  private final PrintStream out;

  public MnistTraining(Recipe recipe, int threads, PrintStream out) {
    this.recipe = recipe;
    this.threads = threads;
    this.out = out;
  }

  /** Trains on {@code data.training()}, reporting per epoch; writes results into {@code outDir} (null: write nothing). */
  public Result run(Mnist data, Path outDir) throws IOException {
    SplittableRandom rng = new SplittableRandom(recipe.seed());
    Sequential net = MnistNetwork.build(recipe, rng);
    Cost cost = MnistNetwork.cost(recipe);
    DataSplit train = data.training();
    DataSplit validation = data.validation();
    DataSplit test = data.test();
    int[] testLabels = data.test().labels();
    int[] validationLabels = data.validation().labels();
    out.println("Recipe " + recipe);
    out.println("Network " + net + ", " + net.parameterCount() + " parameters; training on "
        + train.size() + ", validating on " + validation.size() + ", testing on " + test.size());

    List<EpochMetrics> metrics = new ArrayList<>();
    MetricsCsv csv = outDir == null ? null : new MetricsCsv(prepare(outDir).resolve("metrics.csv"));
    long[] trainNanos = {0};
    try (Evaluator evaluator = new Evaluator(threads)) {
      long[] epochStart = {System.nanoTime()};
      Trainer trainer = Trainer.builder()
          .model(net).cost(cost).optimizer(MnistNetwork.optimizer(recipe, net))
          .epochs(recipe.epochs()).batchSize(recipe.batch()).shuffle(rng)
          .schedule(MnistNetwork.schedule(recipe))
          .batchListener(progress(train.size()))
          .listener(stats -> {
            trainNanos[0] += System.nanoTime() - epochStart[0];
            EpochMetrics m = report(stats, evaluator, net, test, testLabels, validation, validationLabels, cost, trainNanos[0]);
            metrics.add(m);
            if (csv != null) append(csv, m);
            epochStart[0] = System.nanoTime();
          })
          .build();
      History history = trainer.fit(train);
      int[] predicted = evaluator.predict(net, test);
      int correct = Evaluator.correct(predicted, testLabels);
      if (outDir != null) writeResults(outDir, net, metrics, ConfusionMatrix.of(predicted, testLabels));
      return new Result(metrics, correct, testLabels.length, trainNanos[0] / 1e9, outDir);
    }
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

  private EpochMetrics report(EpochStats stats, Evaluator evaluator, Sequential net, DataSplit test, int[] testLabels,
                              DataSplit validation, int[] validationLabels, Cost cost, long trainNanos) {
    long start = System.nanoTime();
    int testHits = Evaluator.correct(evaluator.predict(net, test), testLabels);
    int validationHits = Evaluator.correct(evaluator.predict(net, validation), validationLabels);
    double evalSeconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "Epoch %d: %d / %d   (validation %d / %d, train cost %.4f, %.2f s train + %.2f s eval)%n",
        stats.epoch(), testHits, testLabels.length, validationHits, validationLabels.length,
        stats.trainCost(), stats.millis() / 1e3, evalSeconds);
    return new EpochMetrics(stats.epoch(), stats.trainCost(), Double.NaN,
        (double) validationHits / validationLabels.length, (double) testHits / testLabels.length, stats.millis() / 1e3);
  }

  private static Path prepare(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("metrics.csv"));
    return dir;
  }

  private static void append(MetricsCsv csv, EpochMetrics m) {
    try {
      csv.append(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeResults(Path dir, Sequential net, List<EpochMetrics> metrics, ConfusionMatrix confusion) throws IOException {
    new LearningCurvePlot("MNIST " + recipe.name() + ": " + java.util.Arrays.toString(recipe.sizes()))
        .write(metrics, dir.resolve("learning-curves.png"));
    WeightsFile.save(dir.resolve("weights.safetensors"), net, recipe);
    Files.writeString(dir.resolve("confusion-matrix.txt"), confusion.toString());
    confusion.writeCsv(dir.resolve("confusion-matrix.csv"));
    out.println("Wrote metrics.csv, learning-curves.png, weights.safetensors, confusion-matrix.txt/.csv to " + dir);
  }
}
