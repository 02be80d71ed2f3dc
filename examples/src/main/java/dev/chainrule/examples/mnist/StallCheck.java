package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.report.StallDiagnosis;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.DataSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link StallDiagnosis} on a trained MNIST network and names the course's cures with the
 * command that applies them to the same run. The mnist and eval commands print its report.
 */
public final class StallCheck {
  private StallCheck() {}

  /**
   * The stall report for {@code loaded} on {@code test}, or "" when no digit stalled or the file
   * holds no recipe (any network saved by {@code Checkpoint.save}: the cures are recipe flags).
   */
  public static String report(WeightsFile.Loaded loaded, DataSplit test) {
    if (loaded.recipe() == null) return "";
    // The quadratic cost is the one whose network ends in sigmoids (MnistNetwork.build).
    boolean sigmoidOutputs = loaded.recipe().cost().equals("quadratic");
    int[] sizes = loaded.recipe().sizes();
    int n = test.size(), classes = sizes[sizes.length - 1];
    // In the evaluator's chunks: the kernels training made hot (one 10,000-row product took 0.25 s
    // more at the end of a run, compiling paths nothing else used), and the evaluator's sums.
    float[] z = new float[n * classes];
    for (int from = 0; from < n; from += Evaluator.CHUNK) {
      int to = Math.min(n, from + Evaluator.CHUNK);
      float[] part = weightedInputs(loaded.net(), sigmoidOutputs, test.rows(from, to).inputs()).to(DType.F32).f32();
      System.arraycopy(part, 0, z, from * classes, part.length);
    }
    int[] predicted = n == 0 ? new int[0] : Tensor.of(z, n, classes).argmax(1);
    StallDiagnosis diagnosis = StallDiagnosis.of(predicted, test.labels(), z, classes);
    return diagnosis.report(sigmoidOutputs, cures(loaded.recipe()));
  }

  /** The output layer's weighted inputs z: every layer but a final sigmoid. */
  static Tensor weightedInputs(Sequential net, boolean dropLastSigmoid, Tensor inputs) {
    boolean wasTraining = net.isTraining();
    net.eval();
    try (var noGrad = GradMode.off()) {
      Tensor x = inputs;
      List<Module> layers = net.layers();
      for (int i = 0; i < layers.size() - (dropLastSigmoid ? 1 : 0); i++) x = layers.get(i).forward(x);
      return x;
    } finally {
      net.train(wasTraining);
    }
  }

  /** The cures the course teaches that this recipe lacks, with the command for the same seed. */
  static List<String> cures(Recipe r) {
    List<String> flags = new ArrayList<>(), names = new ArrayList<>();
    if (r.cost().equals("quadratic")) {
      flags.add("--cost cross-entropy");
      names.add("the cross-entropy cost (its output gradient is a - y, with no sigma'(z) to vanish)");
    }
    if (r.init().equals("gaussian")) {
      flags.add("--init scaled");
      names.add("weights initialised from N(0, 1/n_in) (hidden neurons no longer start saturated)");
    }
    List<String> lines = new ArrayList<>();
    if (!flags.isEmpty()) {
      lines.add("Cures the course teaches: " + String.join("; ", names) + ":");
      lines.add("  ./mnist " + (r.name().equals("course") ? "" : "--recipe " + r.name() + " ")
          + String.join(" ", flags) + " --eta " + CROSS_ENTROPY_ETA + " --seed " + r.seed());
    }
    if (!r.name().equals("beyond")) {
      lines.add((flags.isEmpty() ? "Try" : "Or past the course") + ": ./mnist --recipe beyond --seed " + r.seed());
    }
    return lines;
  }

  /** The learning rate the cure command passes (see README's seed table for what it reached). */
  static final double CROSS_ENTROPY_ETA = 0.5;
}
