package dev.chainrule.peers;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The course recipe in DJL on its PyTorch engine (libtorch 2.7.1, CPU), the way DJL's own
 * training examples write a step: {@code Trainer.forward} inside a {@code GradientCollector},
 * the loss's {@code backward}, {@code Trainer.step()} with {@code Optimizer.sgd()} at a fixed
 * rate, each mini-batch's arrays in a sub-manager closed after the step.
 *
 * <p>Run by {@code benchmarks/java-peers/run.sh}, which makes it offline and single-threaded:
 * {@code -Dai.djl.offline=true} (libtorch comes from the pytorch-native-cpu jar on the class
 * path, never downloaded), {@code -Dai.djl.pytorch.num_threads=1},
 * {@code -Dai.djl.pytorch.num_interop_threads=1}, {@code OMP_NUM_THREADS=1}.
 */
public final class CourseDjl extends CourseRun {
  private Model model;
  private Trainer trainer;

  public static void main(String[] args) throws Exception {
    new CourseDjl().run(args);
  }

  @Override
  String name() {
    return "course_djl";
  }

  /** C = 1/(2m) Σ ||y − a||²: the course's quadratic cost, so SGD at η = 3.0 is the course update. */
  static final class QuadraticCost extends Loss {
    QuadraticCost() {
      super("QuadraticCost");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray a = predictions.singletonOrThrow();
      NDArray y = labels.singletonOrThrow();
      return y.sub(a).square().sum().div(2.0f * a.getShape().get(0));
    }
  }

  @Override
  void build(Random gaussian) {
    SequentialBlock net = new SequentialBlock()
        .add(Linear.builder().setUnits(HIDDEN).build())
        .add(Activation::sigmoid)
        .add(Linear.builder().setUnits(CLASSES).build())
        .add(Activation::sigmoid);
    model = Model.newInstance("course");
    model.setBlock(net);
    DefaultTrainingConfig config = new DefaultTrainingConfig(new QuadraticCost())
        .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) ETA)).build());
    trainer = model.newTrainer(config);
    trainer.initialize(new Shape(BATCH, MnistIdx.PIXELS));
    // Every weight and bias N(0, 1), as the course (DJL's NormalInitializer would do the weights;
    // drawing all of them here keeps the two Java peers alike).
    for (Pair<String, Parameter> p : net.getParameters()) {
      NDArray array = p.getValue().getArray();
      array.set(gaussians(gaussian, (int) array.size()));
    }
  }

  @Override
  void step(float[] x, float[] y, int m) {
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray input = batch.create(x, new Shape(m, MnistIdx.PIXELS));
      NDArray target = batch.create(y, new Shape(m, CLASSES));
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDArray a = trainer.forward(new NDList(input)).singletonOrThrow();
        NDArray cost = trainer.getLoss().evaluate(new NDList(target), new NDList(a));
        collector.backward(cost);
      }
      trainer.step();
    }
  }

  @Override
  int[] predict(float[] images, int count) {
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray x = batch.create(images, new Shape(count, MnistIdx.PIXELS));
      NDArray a = trainer.evaluate(new NDList(x)).singletonOrThrow();
      long[] classes = a.argMax(1).toLongArray();
      int[] out = new int[count];
      for (int i = 0; i < count; i++) out[i] = (int) classes[i];
      return out;
    }
  }

  @Override
  String describe() {
    Engine engine = Engine.getEngine("PyTorch");
    return "library=djl-" + Engine.getDjlVersion() + " engine=" + engine.getEngineName() + "-" + engine.getVersion()
        + " blas=" + blas() + " threads=" + System.getProperty("ai.djl.pytorch.num_threads", "?")
        + " interop_threads=" + System.getProperty("ai.djl.pytorch.num_interop_threads", "?")
        + " omp_num_threads=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
  }

  /**
   * Which BLAS libtorch runs: official libtorch builds link MKL statically (no libmkl*.so is
   * mapped), so the loaded libtorch_cpu.so is searched for MKL's and OpenBLAS's symbol names.
   */
  static String blas() {
    String mapped = mappedLibraries("libtorch_cpu");
    Path lib = null;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        if (line.endsWith("libtorch_cpu.so")) {
          lib = Path.of(line.substring(line.indexOf('/')));
          break;
        }
      }
      if (lib == null) return "unknown(libtorch_cpu.so not mapped: " + mapped + ")";
      boolean mkl = contains(lib, "mkl_blas_");
      boolean openblas = contains(lib, "openblas_get_config");
      return mkl ? "mkl(static)" : openblas ? "openblas" : "unknown";
    } catch (IOException e) {
      return "unknown(" + e.getMessage().replace(' ', '_') + ")";
    }
  }

  private static boolean contains(Path file, String word) throws IOException {
    byte[] needle = word.getBytes(StandardCharsets.US_ASCII);
    byte[] buf = new byte[1 << 20];
    int keep = needle.length - 1, filled = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int r;
      while ((r = in.read(buf, filled, buf.length - filled)) > 0) {
        int end = filled + r;
        outer:
        for (int i = 0; i + needle.length <= end; i++) {
          for (int k = 0; k < needle.length; k++) if (buf[i + k] != needle[k]) continue outer;
          return true;
        }
        System.arraycopy(buf, end - keep, buf, 0, keep);
        filled = keep;
      }
    }
    return false;
  }
}
