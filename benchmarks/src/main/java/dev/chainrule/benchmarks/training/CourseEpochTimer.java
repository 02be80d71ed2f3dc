package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.examples.mnist.BackgroundEvaluation;
import dev.chainrule.examples.mnist.Evaluator;
import dev.chainrule.examples.mnist.JitWarmUp;
import dev.chainrule.examples.mnist.MnistNetwork;
import dev.chainrule.examples.mnist.Recipe;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Mnist;
import dev.chainrule.nn.train.Trainer;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Future;

/**
 * Times the course recipe on real MNIST through the real training loop (the nn {@link Trainer}:
 * shuffle, then per mini-batch zeroGrad, forward, quadratic cost, backward through the autograd
 * graph, SGD step), single-threaded. Not JMH: an epoch is long enough to time with
 * {@code System.nanoTime}, and the first epoch (JIT warm-up) is reported separately.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.chainrule.benchmarks.training.CourseEpochTimer [--data DIR] [--epochs N] [--full] [--seed S] [--no-warm-up] [--serial-eval]
 * </pre>
 *
 * <ul>
 *   <li>default: trains {@code --epochs} epochs (default 3; the first is warm-up) without
 *       evaluation between them and prints
 *       {@code RESULT name=chainrule_course_epoch seconds=<median of epochs 2..N> ...}, then the
 *       test accuracy after the last epoch (evaluation not timed).</li>
 *   <li>{@code --full}: the whole course run instead, 30 epochs with the test set evaluated after
 *       every epoch as the book prints it ("Epoch 7: 9512 / 10000"), in one JVM from cold. As
 *       {@code ./mnist} does, each epoch is evaluated on a second thread, from a copy of the
 *       weights, while the next epoch trains ({@link BackgroundEvaluation}; {@code --serial-eval}
 *       evaluates on the training thread instead). Prints
 *       {@code RESULT name=chainrule_course_full seconds=<fit, until the last evaluation is in> ...}
 *       (plus the JVM's wall time including start-up and data loading) and the
 *       {@code chainrule_course_epoch} line for its epochs 2..30.</li>
 * </ul>
 * The {@code chainrule_course_epoch} line also splits JVM start, data loading, the first epoch and
 * the median warm epoch into CPU seconds by thread kind ({@link ThreadCpu}: Java threads, C2, C1,
 * GC; fields {@code load_cpu_*}, {@code first_cpu_*}, {@code steady_cpu_*}), which a busy
 * machine's wall clock cannot. As {@code ./mnist}, it trains a throw-away network while the data
 * loads ({@link JitWarmUp}; {@code --no-warm-up} turns that off). Progress goes to stderr; only
 * RESULT lines go to stdout. Training uses one thread, so the epochs compare with the
 * single-threaded peers; evaluation uses one more, beside it, in the full run.
 */
public final class CourseEpochTimer {
  private CourseEpochTimer() {}

  public static void main(String[] args) throws Exception {
    Path data = null;
    int epochs = 3;
    boolean full = false, warmUp = true, serialEval = false;
    long seed = Recipe.course().seed();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data": data = Path.of(value(args, ++i)); break;
        case "--epochs": epochs = Integer.parseInt(value(args, ++i)); break;
        case "--seed": seed = Long.parseLong(value(args, ++i)); break;
        case "--full": full = true; break;
        case "--no-warm-up": warmUp = false; break;
        case "--serial-eval": serialEval = true; break;
        case "-h": case "--help":
          System.err.println("usage: CourseEpochTimer [--data DIR] [--epochs N (>= 2, default 3)] [--full] [--seed S] [--no-warm-up]"
              + " [--serial-eval]");
          return;
        default: throw new IllegalArgumentException("CourseEpochTimer: unknown argument '" + args[i] + "' (try --help)");
      }
    }
    if (data == null && System.getenv("MNIST_DIR") != null) data = Path.of(System.getenv("MNIST_DIR"));
    if (full) epochs = Recipe.course().epochs();
    if (epochs < 2) throw new IllegalArgumentException("CourseEpochTimer: --epochs must be >= 2 (the first is warm-up), got " + epochs);
    run(data, epochs, full, seed, warmUp, serialEval, System.err, System.out);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) throw new IllegalArgumentException("CourseEpochTimer: " + args[i - 1] + " needs a value");
    return args[i];
  }

  static void run(Path dataDir, int epochs, boolean full, long seed, boolean warmUp, boolean serialEval, PrintStream log,
                  PrintStream results)
      throws Exception {
    // JVM start until here: launcher, VM init, class loading of main (wall and CPU by thread kind)
    double startSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    ThreadCpu atMain = ThreadCpu.now();
    long loadStart = System.nanoTime();
    // As ./mnist does: the JIT compiles the step's kernels on a throw-away network while the data loads.
    Mnist mnist;
    int warmSteps;
    try (JitWarmUp warm = warmUp ? JitWarmUp.start(Recipe.course()) : null) {
      mnist = dataDir != null ? Mnist.load(dataDir) : Mnist.locateAndLoad(null, log);
      warmSteps = warm == null ? 0 : warm.steps();
    }
    DataSplit train = mnist.training();
    DataSplit test = mnist.test();
    int[] testLabels = mnist.test().labels();
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    ThreadCpu afterLoad = ThreadCpu.now();
    log.println("# JVM start to main " + fmt(startSeconds) + " s (" + atMain.describe() + ")");
    log.println("# data loading " + fmt(loadSeconds) + " s (" + afterLoad.since(atMain).describe() + ")"
        + (warmUp ? "; JIT warm-up meanwhile: " + warmSteps + " steps" : "; no JIT warm-up"));

    Recipe base = Recipe.course();
    Recipe recipe = new Recipe(base.name(), base.sizes(), base.activation(), base.cost(), base.init(), base.optimizer(),
        base.eta(), base.momentum(), base.l2(), base.dropout(), base.schedule(), base.batch(), epochs, seed);
    SplittableRandom rng = new SplittableRandom(recipe.seed());
    Sequential net = MnistNetwork.build(recipe, rng);
    String kernels = KernelProvider.kernels().name();
    String jdk = System.getProperty("java.runtime.version");
    log.println("# " + recipe + "; kernels " + kernels + "; JDK " + jdk + "; " + train.size()
        + " training images, loaded in " + fmt(loadSeconds) + " s");

    double[] trainSeconds = new double[epochs];
    double[] evalSeconds = new double[epochs];
    int[] testHits = new int[epochs];
    ThreadCpu[] epochCpu = new ThreadCpu[epochs];
    ThreadCpu[] lastCpu = {null};
    List<Future<Integer>> pending = new ArrayList<>();
    try (Evaluator evaluator = new Evaluator(1);
         BackgroundEvaluation background = full && !serialEval
             ? new BackgroundEvaluation(MnistNetwork.build(recipe, new SplittableRandom(0))) : null) {
      long[] mark = {0};
      int[] epoch = {0};
      Trainer trainer = Trainer.builder()
          .model(net).cost(MnistNetwork.cost(recipe)).optimizer(MnistNetwork.optimizer(recipe, net))
          .epochs(recipe.epochs()).batchSize(recipe.batch()).shuffle(rng)
          .listener(stats -> {
            long end = System.nanoTime();
            int e = epoch[0]++;
            trainSeconds[e] = (end - mark[0]) / 1e9;
            ThreadCpu cpu = ThreadCpu.now();
            epochCpu[e] = cpu.since(lastCpu[0]);
            String line = String.format(Locale.ROOT, "epoch %d: train %.3f s (%s), train cost %.4f", e + 1, trainSeconds[e],
                epochCpu[e].describe(), stats.trainCost());
            log.println(line);
            if (full && background == null) {
              testHits[e] = Evaluator.correct(evaluator.predict(net, test), testLabels);
              evalSeconds[e] = (System.nanoTime() - end) / 1e9;
              log.println(evaluated(e, testHits[e], testLabels.length, evalSeconds[e]));
            } else if (background != null) {
              pending.add(background.submit(net, twin -> {
                long start = System.nanoTime();
                int hits = Evaluator.correct(evaluator.predict(twin, test), testLabels);
                evalSeconds[e] = (System.nanoTime() - start) / 1e9;
                log.println(evaluated(e, hits, testLabels.length, evalSeconds[e]));
                return hits;
              }));
            }
            lastCpu[0] = ThreadCpu.now();
            mark[0] = System.nanoTime();
          })
          .build();
      lastCpu[0] = ThreadCpu.now();
      mark[0] = System.nanoTime();
      long fitStart = mark[0];
      trainer.fit(train);
      for (int e = 0; e < pending.size(); e++) testHits[e] = BackgroundEvaluation.await(pending.get(e));
      double fitSeconds = (System.nanoTime() - fitStart) / 1e9;

      int hits = full ? testHits[epochs - 1] : Evaluator.correct(evaluator.predict(net, test), testLabels);
      double accuracy = (double) hits / testLabels.length;
      double median = median(Arrays.copyOfRange(trainSeconds, 1, epochs));
      // CPU of the median warm epoch by thread kind, beside the first epoch's: on a shared machine the
      // wall times above include the neighbours, these do not.
      int medianEpoch = 1;
      for (int e = 1; e < epochs; e++) {
        if (Math.abs(trainSeconds[e] - median) < Math.abs(trainSeconds[medianEpoch] - median)) medianEpoch = e;
      }
      results.println(String.format(Locale.ROOT,
          "RESULT name=chainrule_course_epoch seconds=%.4f first_epoch_seconds=%.4f min_seconds=%.4f max_seconds=%.4f"
              + " epochs=%d test_accuracy=%.4f kernels=%s jdk=%s seed=%d start_seconds=%.3f load_seconds=%.3f %s %s %s",
          median, trainSeconds[0], min(trainSeconds, 1), max(trainSeconds, 1), epochs, accuracy, kernels, jdk, seed,
          startSeconds, loadSeconds, afterLoad.since(atMain).fields("load"), epochCpu[0].fields("first"),
          epochCpu[medianEpoch].fields("steady")));
      if (full) {
        double wall = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        results.println(String.format(Locale.ROOT,
            "RESULT name=chainrule_course_full seconds=%.3f train_seconds=%.3f eval_seconds=%.3f eval=%s load_seconds=%.3f"
                + " jvm_wall_seconds=%.3f epochs=%d test_accuracy=%.4f kernels=%s jdk=%s seed=%d",
            fitSeconds, sum(trainSeconds), sum(evalSeconds), serialEval ? "serial" : "background", loadSeconds, wall,
            epochs, accuracy, kernels, jdk, seed));
      }
    }
  }

  private static String evaluated(int epoch, int hits, int count, double seconds) {
    return String.format(Locale.ROOT, "Epoch %d: %d / %d (eval %.3f s)", epoch + 1, hits, count, seconds);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double min(double[] v, int from) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = from; i < v.length; i++) m = Math.min(m, v[i]);
    return m;
  }

  private static double max(double[] v, int from) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = from; i < v.length; i++) m = Math.max(m, v[i]);
    return m;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
