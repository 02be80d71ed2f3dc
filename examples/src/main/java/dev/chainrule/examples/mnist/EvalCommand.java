package dev.chainrule.examples.mnist;

import dev.chainrule.examples.report.ConfusionMatrix;
import dev.chainrule.nn.data.Mnist;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chainrule eval WEIGHTS}: reloads a trained network and reports its test accuracy. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Reloads weights written by the mnist command and reports test accuracy and the confusion matrix.")
public final class EvalCommand implements Callable<Integer> {
  /** The command; picocli sets the weights file and the options. */
  public EvalCommand() {}

  @Parameters(index = "0", description = "weights file, e.g. runs/mnist-course/weights.safetensors")
  Path weights;

  @Option(names = "--data", description = "directory with the four MNIST .gz files (else $MNIST_DIR, ...)")
  Path data;

  @Option(names = "--threads", defaultValue = "2", description = "evaluation threads (default: ${DEFAULT-VALUE})")
  int threads;

  @Override public Integer call() throws Exception {
    WeightsFile.Loaded loaded = WeightsFile.load(weights);
    Mnist mnist = Mnist.locateAndLoad(data, System.out);
    try (Evaluator evaluator = new Evaluator(threads)) {
      int[] predicted = evaluator.predict(loaded.net(), mnist.test());
      int[] labels = mnist.test().labels();
      int correct = Evaluator.correct(predicted, labels);
      System.out.println(loaded.recipe() != null ? "Recipe " + loaded.recipe() : "Network " + loaded.net());
      System.out.printf(Locale.ROOT, "Test accuracy %.2f%% (%d / %d)%n", 100.0 * correct / labels.length, correct, labels.length);
      System.out.println(ConfusionMatrix.of(predicted, labels));
      if (loaded.recipe() != null) System.out.print(StallCheck.report(loaded, mnist.test()));   // it reads the recipe's cost
    }
    return 0;
  }
}
