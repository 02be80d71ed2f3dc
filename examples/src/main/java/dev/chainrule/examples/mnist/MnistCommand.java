package dev.chainrule.examples.mnist;

import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.train.NonFinitePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chainrule mnist}: trains a recipe on MNIST, the course's by default. */
@Command(name = "mnist", mixinStandardHelpOptions = true,
    description = {"Trains a network on MNIST.",
        "The default recipe is the course's: 784-100-10 sigmoid, quadratic cost, N(0,1) init, SGD eta 3.0, mini-batch 10, 30 epochs.",
        "Options override the recipe."})
public final class MnistCommand implements Callable<Integer> {
  /** The command; picocli sets the options. */
  public MnistCommand() {}

  @Option(names = "--recipe", defaultValue = "course", description = "course, beyond or cnn (default: ${DEFAULT-VALUE})")
  String recipe;

  @Option(names = "--data", description = "directory with the four MNIST .gz files (else $MNIST_DIR, the cache, a download)")
  Path data;

  @Option(names = "--out", description = "output directory (default: runs/mnist-<recipe>)")
  Path out;

  @Option(names = "--sizes", description = "layer sizes, e.g. 784,100,10") String sizes;
  @Option(names = "--activation", description = "hidden activation: sigmoid, relu, tanh") String activation;
  @Option(names = "--cost", description = "quadratic or cross-entropy") String cost;
  @Option(names = "--init", description = "gaussian, scaled, xavier or he") String init;
  @Option(names = "--optimizer", description = "sgd, momentum or adam") String optimizer;
  @Option(names = "--eta", description = "learning rate") Double eta;
  @Option(names = "--momentum", description = "momentum coefficient") Double momentum;
  @Option(names = "--l2", description = "L2 weight decay lambda") Double l2;
  @Option(names = "--dropout", description = "dropout probability on hidden layers") Double dropout;
  @Option(names = "--schedule", description = "learning-rate schedule: constant, cosine or step:EPOCHS:GAMMA") String schedule;
  @Option(names = "--batch", description = "mini-batch size") Integer batch;
  @Option(names = "--epochs", description = "number of epochs") Integer epochs;
  @Option(names = "--seed", description = "random seed (initialisation, shuffling, dropout, augmentation)") Long seed;
  @Option(names = "--shift", description = "augmentation: shift training images at random by up to N pixels (0: off)") Integer shift;

  @Option(names = "--threads", defaultValue = "2",
      description = "threads for evaluation (default: ${DEFAULT-VALUE}); with 2 or more, each epoch is evaluated on threads-1 of them while the next one trains")
  int threads;

  @Option(names = "--train-limit", description = "train on only the first N training images (quick runs)")
  Integer trainLimit;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "continue the interrupted run in DIR from its last finished epoch (same bits as an uninterrupted run)")
  Path resume;

  @Option(names = "--on-non-finite", paramLabel = "POLICY", defaultValue = "stop",
      description = "when a batch's cost is NaN or infinite: stop (exit 1), skip (leave the batch out) or continue (default: ${DEFAULT-VALUE})")
  String onNonFinite;

  @Option(names = "--detect-anomaly",
      description = "train under AnomalyMode: the first NaN or infinity names the operation that produced it (slow)")
  boolean detectAnomaly;

  @Option(names = "--profile", paramLabel = "STEPS",
      description = "profile the last STEPS steps of the first epoch: profile.txt (per operation) and trace.json (Perfetto) in the output directory")
  Integer profile;

  /** The named recipe with the options given on the command line applied. */
  Recipe recipe() {
    Recipe r = Recipe.named(recipe);
    return new Recipe(r.name(), sizes != null ? Recipe.parseSizes(sizes, "--sizes") : r.sizes(),
        or(activation, r.activation()), or(cost, r.cost()), or(init, r.init()), or(optimizer, r.optimizer()),
        or(eta, r.eta()), or(momentum, r.momentum()), or(l2, r.l2()), or(dropout, r.dropout()),
        or(schedule, r.schedule()), or(batch, r.batch()), or(epochs, r.epochs()), or(seed, r.seed()), or(shift, r.shift()));
  }

  private static <T> T or(T given, T fallback) {
    return given != null ? given : fallback;
  }

  /** The --on-non-finite policy. */
  NonFinitePolicy nonFinitePolicy() {
    return switch (onNonFinite) {
      case "stop" -> NonFinitePolicy.STOP;
      case "skip" -> NonFinitePolicy.SKIP_BATCH;
      case "continue" -> NonFinitePolicy.CONTINUE;
      default -> throw new IllegalArgumentException("--on-non-finite: expected stop, skip or continue, got '" + onNonFinite + "'");
    };
  }

  /** With --resume, the run comes from the checkpoint: options that would change it are refused. */
  private MnistTraining training() throws java.io.IOException {
    if (resume == null) return new MnistTraining(recipe(), threads, System.out).trainLimit(trainLimit);
    List<String> given = new ArrayList<>();
    if (!recipe.equals("course")) given.add("--recipe");
    Object[][] options = {{"--out", out}, {"--sizes", sizes}, {"--activation", activation}, {"--cost", cost},
        {"--init", init}, {"--optimizer", optimizer}, {"--eta", eta}, {"--momentum", momentum}, {"--l2", l2},
        {"--dropout", dropout}, {"--schedule", schedule}, {"--batch", batch}, {"--epochs", epochs}, {"--seed", seed},
        {"--train-limit", trainLimit}, {"--shift", shift}};
    for (Object[] o : options) if (o[1] != null) given.add((String) o[0]);
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("--resume takes the recipe and output directory from " + resume
          + "; drop " + String.join(", ", given));
    }
    return MnistTraining.resuming(resume, threads, System.out);
  }

  @Override public Integer call() throws Exception {
    CommandChecks.threads(threads);
    CommandChecks.trainLimit(trainLimit);
    MnistTraining training = training().nonFinite(nonFinitePolicy()).detectAnomaly(detectAnomaly).profile(profile);
    Recipe r = training.recipe();
    RecipeCheck.validate(r, RecipeCheck.FLAGS);
    Path dir = resume != null ? resume : out != null ? out : Path.of("runs", "mnist-" + r.name());
    CommandChecks.outputDirectory(dir);
    Mnist mnist;
    try (var warm = JitWarmUp.start(r)) {   // the JIT compiles the step's kernels while the data loads
      mnist = Mnist.locateAndLoad(data, System.out);
    }
    MnistTraining.Result result = training.run(mnist, dir);
    int epochsRun = result.epochs().size();
    System.out.printf(Locale.ROOT, "Test accuracy %.2f%% (%d / %d) after %d epoch%s; training took %.1f s%n",
        100 * result.testAccuracy(), result.testCorrect(), result.testCount(), epochsRun, epochsRun == 1 ? "" : "s",
        result.trainSeconds());
    System.out.print(StallCheck.report(WeightsFile.load(dir.resolve(RunDirectory.WEIGHTS)), mnist.test()));
    return 0;
  }
}
