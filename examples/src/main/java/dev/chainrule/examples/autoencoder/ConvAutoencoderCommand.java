package dev.chainrule.examples.autoencoder;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.report.ReconstructionGrid;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Examples;
import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.loss.BCEWithLogitsLoss;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chainrule conv-autoencoder}: trains a {@link ConvAutoencoder} on MNIST (binary
 * cross-entropy on the pixel logits, the image as its own target, Adam), reports the test set's
 * reconstruction loss before training and after every epoch, and writes
 * {@code reconstructions.png}: test digits beside their reconstructions. Seeded.
 */
@Command(name = "conv-autoencoder", mixinStandardHelpOptions = true,
    description = {"Train a convolutional autoencoder on MNIST (conv stride 2 down to a small code, transposed conv back up)",
        "and write a PNG of test digits beside their reconstructions."})
public final class ConvAutoencoderCommand implements Callable<Integer> {
  /** Filled in by picocli. */
  public ConvAutoencoderCommand() {}

  /** The PNG's file name in the output directory. */
  public static final String PNG = "reconstructions.png";
  /** Test digits drawn per row of the PNG, and how much each pixel is enlarged. */
  static final int PAIRS_PER_ROW = 8, SCALE = 2;

  @Option(names = "--data", description = "directory with the four MNIST .gz files (else $MNIST_DIR, the cache, a download)")
  Path data;

  @Option(names = "--out", defaultValue = "runs/conv-autoencoder", description = "output directory (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--epochs", defaultValue = "5", description = "passes over the training set (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--code", defaultValue = "32", description = "numbers in the code between encoder and decoder (default: ${DEFAULT-VALUE})")
  int code;

  @Option(names = "--batch", defaultValue = "64", description = "mini-batch size (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--limit", defaultValue = "50000", description = "training images used (default: all ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--test-limit", defaultValue = "10000", description = "test images the loss is measured on (default: all ${DEFAULT-VALUE})")
  int testLimit;

  @Option(names = "--digits", defaultValue = "16", description = "test digits shown in the PNG (default: ${DEFAULT-VALUE})")
  int digits;

  @Option(names = "--seed", defaultValue = "1", description = "seed of initialisation and shuffling (default: ${DEFAULT-VALUE})")
  long seed;

  /**
   * What a run measured: the test loss before training (index 0) and after each epoch.
   *
   * @param testBce  mean binary cross-entropy per pixel on the test images
   * @param testMse  mean squared error per pixel of the reconstructed pixels (sigmoid of the logits)
   * @param png      the picture of test digits beside their reconstructions
   */
  public record Result(List<Double> testBce, List<Double> testMse, Path png) {}

  @Override public Integer call() throws IOException {
    checkFlags();
    run(Mnist.locateAndLoad(data, System.out), System.out);
    return 0;
  }

  private void checkFlags() {
    if (epochs < 1 || code < 1 || batch < 1 || limit < 1 || testLimit < 1 || digits < 1 || !(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("conv-autoencoder: --epochs, --code, --batch, --limit, --test-limit and --digits must be"
          + " >= 1 and --lr positive and finite; got epochs " + epochs + ", code " + code + ", batch " + batch + ", limit "
          + limit + ", test-limit " + testLimit + ", digits " + digits + ", lr " + lr);
    }
  }

  /** Trains on {@code mnist} as the options say, reporting to {@code log}; writes the PNG into the output directory. */
  public Result run(Mnist mnist, PrintStream log) throws IOException {
    checkFlags();
    DataSplit train = mnist.training().slice("training", 0, Math.min(limit, mnist.training().count()));
    DataSplit test = mnist.test().slice("test", 0, Math.min(testLimit, mnist.test().count()));
    SplittableRandom rng = new SplittableRandom(seed);
    ConvAutoencoder net = new ConvAutoencoder(code, rng);
    BCEWithLogitsLoss bce = new BCEWithLogitsLoss();
    log.printf(Locale.ROOT, "conv-autoencoder: %s, %d parameters; %d training images, batch %d, Adam lr %s, seed %d%n",
        net, net.parameterCount(), train.count(), batch, lr, seed);
    List<Double> testBce = new ArrayList<>(), testMse = new ArrayList<>();
    double[] before = testLoss(net, test, bce);
    testBce.add(before[0]);
    testMse.add(before[1]);
    log.printf(Locale.ROOT, "before training: test BCE %.4f, MSE %.4f per pixel%n", before[0], before[1]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] cpuStart = {threads.getCurrentThreadCpuTime()};
    Trainer.builder()
        .model(net).cost(bce).optimizer(new Adam(net.parameters(), lr))
        .epochs(epochs).batchSize(batch).shuffle(rng).noMetric()
        .listener(stats -> {
          double cpu = (threads.getCurrentThreadCpuTime() - cpuStart[0]) / 1e9;
          double[] loss = testLoss(net, test, bce);
          testBce.add(loss[0]);
          testMse.add(loss[1]);
          log.printf(Locale.ROOT, "epoch %d: train BCE %.4f | test BCE %.4f, MSE %.4f per pixel | %.1f s, %.1f s CPU%n",
              stats.epoch(), stats.trainCost(), loss[0], loss[1], stats.millis() / 1e3, cpu);
          cpuStart[0] = threads.getCurrentThreadCpuTime();
        })
        .build()
        .fit(selfTargets(train));
    Path png = out.resolve(PNG);
    writePicture(net, test, png);
    log.println("Wrote " + png + ": " + Math.min(digits, test.count()) + " test digits (left) beside their reconstructions (right)");
    return new Result(List.copyOf(testBce), List.copyOf(testMse), png);
  }

  /** The training images as (input, target) pairs with the image as its own target. */
  static Examples selfTargets(DataSplit images) {
    return new Examples() {
      @Override public int size() { return images.size(); }

      @Override public Batch gather(int[] rows) {
        Tensor x = images.gather(rows).inputs();
        return new Batch(x, x);
      }
    };
  }

  /** Mean BCE and MSE per pixel over {@code test}, in batches of 500 without a graph. */
  static double[] testLoss(ConvAutoencoder net, DataSplit test, BCEWithLogitsLoss bce) {
    double bceSum = 0, mseSum = 0;
    net.eval();
    try (var off = GradMode.off()) {
      for (int from = 0; from < test.count(); from += 500) {
        int to = Math.min(test.count(), from + 500);
        Tensor x = test.rows(from, to).inputs();
        Tensor logits = net.forward(x);
        bceSum += bce.apply(logits, x).item() * (to - from);
        mseSum += logits.sigmoid().sub(x).square().mean().item() * (to - from);
      }
    } finally {
      net.train();
    }
    return new double[] {bceSum / test.count(), mseSum / test.count()};
  }

  private void writePicture(ConvAutoencoder net, DataSplit test, Path png) throws IOException {
    int n = Math.min(digits, test.count());
    Tensor x = test.rows(0, n).inputs();
    Tensor y;
    net.eval();
    try (var off = GradMode.off()) {
      y = net.forward(x).sigmoid();
    }
    float[][] originals = new float[n][], rebuilt = new float[n][];
    int pixels = x.dim(1);
    float[] xs = x.toFloatArray(), ys = y.toFloatArray();
    for (int i = 0; i < n; i++) {
      originals[i] = java.util.Arrays.copyOfRange(xs, i * pixels, (i + 1) * pixels);
      rebuilt[i] = java.util.Arrays.copyOfRange(ys, i * pixels, (i + 1) * pixels);
    }
    new ReconstructionGrid(ConvAutoencoder.SIDE, ConvAutoencoder.SIDE, SCALE, PAIRS_PER_ROW).write(originals, rebuilt, png);
  }
}
