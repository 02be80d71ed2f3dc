package dev.chainrule.examples.sequence;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.report.AttentionMap;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.StepSchedule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A small vision transformer on MNIST ({@link VisionTransformer}): {@code chainrule vit}. AdamW
 * with a linear warm-up and cosine decay on the mean cross-entropy, seeded; after training it
 * draws the last block's attention of the class token over one test digit's patches as a PNG.
 */
@Command(name = "vit", mixinStandardHelpOptions = true,
    description = "Train a small vision transformer on MNIST (16 patches of 7x7), report test accuracy and draw one digit's attention as a PNG.")
public final class VitCommand implements Callable<Integer> {
  /** Filled in by picocli. */
  public VitCommand() {}

  @Option(names = "--data", description = "directory with the four MNIST .gz files (else $MNIST_DIR, ...)")
  Path data;

  @Option(names = "--epochs", defaultValue = "5", description = "passes over the training set (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--dim", defaultValue = "64", description = "features per token, d_model (default: ${DEFAULT-VALUE})")
  int dim;

  @Option(names = "--heads", defaultValue = "4", description = "attention heads (default: ${DEFAULT-VALUE})")
  int heads;

  @Option(names = "--mlp", defaultValue = "128", description = "hidden width of each block's MLP (default: ${DEFAULT-VALUE})")
  int mlp;

  @Option(names = "--layers", defaultValue = "2", description = "encoder blocks (default: ${DEFAULT-VALUE})")
  int layers;

  @Option(names = "--dropout", defaultValue = "0.0", description = "dropout in the blocks (default: ${DEFAULT-VALUE})")
  double dropout;

  @Option(names = "--batch", defaultValue = "64", description = "mini-batch size (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--lr", defaultValue = "0.002", description = "peak AdamW learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW's decoupled weight decay (default: ${DEFAULT-VALUE})")
  double weightDecay;

  @Option(names = "--warmup", defaultValue = "300", description = "steps of linear warm-up before the cosine decay (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--limit", defaultValue = "50000", description = "training images used (default: all ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--test-limit", defaultValue = "10000", description = "test images scored (default: all ${DEFAULT-VALUE})")
  int testLimit;

  @Option(names = "--seed", defaultValue = "1", description = "seed of initialisation, shuffling and dropout (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--attention-png", defaultValue = "runs/vit/attention.png", description = "where to draw the attention (default: ${DEFAULT-VALUE})")
  Path attentionPng;

  @Option(names = "--show", defaultValue = "0", description = "index of the test image whose attention is drawn (default: ${DEFAULT-VALUE})")
  int show;

  /** Mean training loss and test accuracy after each epoch. */
  record Epoch(double meanLoss, double testAccuracy) {}

  @Override public Integer call() throws Exception {
    if (epochs < 1 || dim < 1 || heads < 1 || mlp < 1 || layers < 1 || batch < 1 || limit < batch || testLimit < 1
        || warmup < 0 || !(lr > 0) || !(weightDecay >= 0) || !(dropout >= 0 && dropout < 1) || show < 0 || show >= testLimit) {
      throw new IllegalArgumentException("vit: --epochs, --dim, --heads, --mlp, --layers, --batch and --test-limit must be >= 1,"
          + " --limit >= --batch, --warmup >= 0, --lr > 0, --weight-decay >= 0, 0 <= --dropout < 1 and 0 <= --show < --test-limit; got epochs "
          + epochs + ", dim " + dim + ", heads " + heads + ", mlp " + mlp + ", layers " + layers + ", batch " + batch
          + ", limit " + limit + ", test-limit " + testLimit + ", warmup " + warmup + ", lr " + lr + ", weight-decay "
          + weightDecay + ", dropout " + dropout + ", show " + show);
    }
    if (dim % heads != 0) throw new IllegalArgumentException("vit: --dim " + dim + " must be a multiple of --heads " + heads);
    Mnist mnist = Mnist.locateAndLoad(data, System.out);
    DataSplit train = mnist.training().slice("training", 0, Math.min(limit, mnist.training().count()));
    DataSplit test = mnist.test().slice("test", 0, Math.min(testLimit, mnist.test().count()));
    if (show >= test.count()) throw new IllegalArgumentException("vit: --show " + show + " is past the " + test.count() + " test images");
    SplittableRandom rng = new SplittableRandom(seed);
    VisionTransformer net = new VisionTransformer(dim, heads, mlp, layers, dropout, rng);
    System.out.printf("vit: %s, %d parameters; %d images, batch %d, AdamW lr %s (warm-up %d steps, cosine decay), weight decay %s, seed %d%n",
        net, net.parameterCount(), train.count(), batch, lr, warmup, weightDecay, seed);
    train(net, train, test, rng, System.out);
    drawAttention(net, test, show, attentionPng);
    System.out.printf("attention of the class token over test image %d (label %d) in the last block: %s%n",
        show, test.label(show), attentionPng);
    return 0;
  }

  /** Trains {@code net} for {@link #epochs} epochs, printing a line per epoch; returns the epochs' figures. */
  List<Epoch> train(VisionTransformer net, DataSplit train, DataSplit test, SplittableRandom rng, PrintStream out) {
    Adam adam = Adam.adamW(net.parameters(), lr, weightDecay);
    StepSchedule schedule = StepSchedule.cosineWithWarmup(warmup, 0.0);
    CrossEntropyLoss loss = new CrossEntropyLoss();
    long stepsPerEpoch = train.count() / batch, totalSteps = stepsPerEpoch * epochs, step = 0;
    List<Epoch> history = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      EpochClock clock = new EpochClock();
      net.train();
      int[] order = RowLstmCommand.permutation(train.count(), rng);
      double sum = 0;
      for (int from = 0; from + batch <= order.length; from += batch) {
        Batch b = train.gather(Arrays.copyOfRange(order, from, from + batch));
        adam.setLearningRate(schedule.rate(step++, totalSteps, lr));
        adam.zeroGrad();
        Tensor cost = loss.apply(net.forward(b.inputs()), b.targets());
        cost.backward();
        adam.step();
        sum += cost.item();
      }
      net.eval();
      double accuracy = RowLstmCommand.accuracy(net, test);
      history.add(new Epoch(sum / stepsPerEpoch, accuracy));
      out.printf("epoch %d: mean training loss %.4f, test accuracy %.2f%% (%s)%n", epoch, sum / stepsPerEpoch,
          100 * accuracy, clock.describe());
    }
    return history;
  }

  /** The class token's attention over the 16 patches of test image {@code index}, drawn over the digit (224x224). */
  static void drawAttention(VisionTransformer net, DataSplit test, int index, Path png) throws java.io.IOException {
    net.eval();
    Tensor weights;
    try (var off = GradMode.off()) {
      weights = net.run(test.gather(new int[] {index}).inputs()).lastAttention();   // [1, 17, 17]
    }
    double[] overPatches = new double[VisionTransformer.PATCHES];
    for (int p = 0; p < overPatches.length; p++) overPatches[p] = weights.get(0, 0, p + 1);
    AttentionMap.write(png, test.image(index), 28, 28, overPatches, VisionTransformer.PATCH, 8);
  }
}
