package dev.chainrule.examples.sequence;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.LSTMCell;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Recurrent;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.optim.Adam;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An LSTM reading each MNIST image as a sequence of 28 rows of 28 pixels, classifying from its
 * last hidden state: {@code chainrule row-lstm}. Adam on the mean cross-entropy, seeded.
 */
@Command(name = "row-lstm", mixinStandardHelpOptions = true,
    description = "Train an LSTM that reads MNIST images row by row (28 steps of 28 pixels) and report test accuracy.")
public final class RowLstmCommand implements Callable<Integer> {
  /** Filled in by picocli. */
  public RowLstmCommand() {}

  @Option(names = "--data", description = "directory with the four MNIST .gz files (else $MNIST_DIR, ...)")
  Path data;

  @Option(names = "--epochs", defaultValue = "7", description = "passes over the training set (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--hidden", defaultValue = "128", description = "LSTM hidden size (default: ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--batch", defaultValue = "64", description = "mini-batch size (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--limit", defaultValue = "50000", description = "training images used (default: all ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--seed", defaultValue = "1", description = "seed of initialisation and shuffling (default: ${DEFAULT-VALUE})")
  long seed;

  /** The network: the LSTM over the rows, then a dense layer on the last hidden state. */
  static final class RowLstm extends Module {
    private final Recurrent lstm;
    private final Dense head;

    RowLstm(int hidden, SplittableRandom rng) {
      this.lstm = child("lstm", new Recurrent(new LSTMCell(Mnist.COLS, hidden, rng)));
      this.head = child("head", new Dense(hidden, Mnist.CLASSES, Init.xavier(), rng));
    }

    /** Logits [batch, 10] for images [batch, 784]. */
    @Override public Tensor forward(Tensor images) {
      Tensor rows = images.reshape(images.dim(0), Mnist.ROWS, Mnist.COLS);
      return head.forward(lstm.run(rows, null).last().hidden());
    }
  }

  @Override public Integer call() throws Exception {
    if (epochs < 1 || hidden < 1 || batch < 1 || limit < batch || !(lr > 0)) {
      throw new IllegalArgumentException("row-lstm: --epochs, --hidden and --batch must be >= 1, --limit >= --batch and --lr > 0; got epochs "
          + epochs + ", hidden " + hidden + ", batch " + batch + ", limit " + limit + ", lr " + lr);
    }
    Mnist mnist = Mnist.locateAndLoad(data, System.out);
    DataSplit train = mnist.training().slice("training", 0, Math.min(limit, mnist.training().count()));
    SplittableRandom rng = new SplittableRandom(seed);
    RowLstm net = new RowLstm(hidden, rng);
    Adam adam = new Adam(net.parameters(), lr);
    CrossEntropyLoss loss = new CrossEntropyLoss();
    System.out.printf("row-lstm: LSTM(28 -> %d) over 28 rows, Dense(%d -> 10); %d images, batch %d, Adam lr %s, seed %d%n",
        hidden, hidden, train.count(), batch, lr, seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long start = System.nanoTime();
      int[] order = permutation(train.count(), rng);
      double sum = 0;
      int steps = 0;
      for (int from = 0; from + batch <= order.length; from += batch) {
        Batch b = train.gather(java.util.Arrays.copyOfRange(order, from, from + batch));
        adam.zeroGrad();
        Tensor cost = loss.apply(net.forward(b.inputs()), b.targets());
        cost.backward();
        adam.step();
        sum += cost.item();
        steps++;
      }
      System.out.printf("epoch %d: mean training loss %.4f, test accuracy %.2f%% (%.0f s)%n", epoch, sum / steps,
          100 * accuracy(net, mnist.test()), (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }

  /** Fraction of {@code split} classified correctly, in batches of 500 without a graph. */
  static double accuracy(Module net, DataSplit split) {
    int correct = 0;
    try (var off = GradMode.off()) {
      for (int from = 0; from < split.count(); from += 500) {
        int to = Math.min(split.count(), from + 500);
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        Batch b = split.gather(idx);
        int[] predicted = net.forward(b.inputs()).argmax(1);
        for (int i = 0; i < idx.length; i++) if (predicted[i] == (int) b.targets().getRaw(i)) correct++;
      }
    }
    return correct / (double) split.count();
  }

  static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1), t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
