package dev.chainrule.peers;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * What both Java peers share: the command line, the course's mini-batches and N(0, 1) draws, the
 * epoch clock and the RESULT line. A peer supplies one training step and the test-set prediction.
 *
 * <p>The course recipe: 784-100-10, sigmoid on both layers, quadratic cost
 * C = 1/(2m) Σ_x ||y_x − a_x||², every weight and bias drawn from N(0, 1), plain SGD with η = 3.0
 * on mini-batches of m = 10 from the first 50,000 training images, reshuffled every epoch.
 */
abstract class CourseRun {
  static final int HIDDEN = 100, CLASSES = 10;
  static final double ETA = 3.0;
  static final int BATCH = 10;

  /** Learns when the test accuracy after its epochs is at least this (chance is 0.10). */
  static final double LEARNED_ACCURACY = 0.5;

  /** A short name for the RESULT line, e.g. {@code course_djl}. */
  abstract String name();

  /** Builds the network with the given initial parameters (already drawn from N(0, 1)). */
  abstract void build(Random gaussian) throws Exception;

  /** One SGD step on a mini-batch: x [m, 784] row-major, y one-hot [m, 10]. */
  abstract void step(float[] x, float[] y, int m);

  /** Predicted class of every test image. */
  abstract int[] predict(float[] images, int count);

  /** key=value pairs naming the library, its version, BLAS and thread settings. */
  abstract String describe();

  void run(String[] args) throws Exception {
    Path data = Path.of(System.getenv().getOrDefault("MNIST_DIR", "/work/shared/data/mnist"));
    int epochs = 3;
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data": data = Path.of(value(args, ++i)); break;
        case "--epochs": epochs = Integer.parseInt(value(args, ++i)); break;
        case "--seed": seed = Long.parseLong(value(args, ++i)); break;
        default: throw new IllegalArgumentException(name() + ": unknown argument '" + args[i]
            + "' (expected --data DIR, --epochs N (>= 2), --seed S)");
      }
    }
    if (epochs < 2) throw new IllegalArgumentException(name() + ": --epochs must be >= 2 (the first is warm-up), got " + epochs);
    long wallStart = System.nanoTime();
    MnistIdx mnist = MnistIdx.load(data);
    Random random = new Random(seed);
    build(random);

    int n = mnist.trainCount();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    float[] x = new float[BATCH * MnistIdx.PIXELS];
    float[] y = new float[BATCH * CLASSES];
    double[] seconds = new double[epochs];
    double[] cpuSeconds = new double[epochs];
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double accuracy = 0;
    for (int e = 0; e < epochs; e++) {
      shuffle(order, random);
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      for (int start = 0; start < n; start += BATCH) {
        int m = Math.min(BATCH, n - start);
        Arrays.fill(y, 0f);
        for (int r = 0; r < m; r++) {
          int img = order[start + r];
          System.arraycopy(mnist.trainImages(), img * MnistIdx.PIXELS, x, r * MnistIdx.PIXELS, MnistIdx.PIXELS);
          y[r * CLASSES + mnist.trainLabels()[img]] = 1f;
        }
        step(x, y, m);
      }
      seconds[e] = (System.nanoTime() - t0) / 1e9;
      cpuSeconds[e] = (os.getProcessCpuTime() - cpu0) / 1e9;
      accuracy = accuracy(predict(mnist.testImages(), mnist.testLabels().length), mnist.testLabels());
      System.err.printf(Locale.ROOT, "%s epoch %d: %.3f s (process CPU %.3f s), test accuracy %.4f%n",
          name(), e + 1, seconds[e], cpuSeconds[e], accuracy);
    }
    double[] warm = Arrays.copyOfRange(seconds, 1, epochs);
    double[] warmCpu = Arrays.copyOfRange(cpuSeconds, 1, epochs);
    double wall = (System.nanoTime() - wallStart) / 1e9;
    System.out.println(String.format(Locale.ROOT,
        "RESULT name=%s seconds=%.4f first_epoch_seconds=%.4f min_seconds=%.4f max_seconds=%.4f cpu_per_wall=%.2f"
            + " epochs=%d test_accuracy=%.4f learned=%s wall_seconds=%.2f seed=%d %s",
        name(), median(warm), seconds[0], Arrays.stream(warm).min().orElse(0), Arrays.stream(warm).max().orElse(0),
        Arrays.stream(warmCpu).sum() / Arrays.stream(warm).sum(), epochs, accuracy,
        accuracy >= LEARNED_ACCURACY ? "yes" : "no", wall, seed, describe()));
  }

  /** n draws from N(0, 1), as float32. */
  static float[] gaussians(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian();
    return v;
  }

  static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  static double accuracy(int[] predicted, int[] labels) {
    int hits = 0;
    for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) hits++;
    return (double) hits / labels.length;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
    return args[i];
  }

  /** Native libraries this process mapped whose file name contains one of the words. */
  static String mappedLibraries(String... words) {
    try {
      return java.nio.file.Files.readAllLines(Path.of("/proc/self/maps")).stream()
          .map(l -> l.substring(l.lastIndexOf(' ') + 1))
          .filter(p -> p.endsWith(".so") || p.contains(".so."))
          .map(p -> p.substring(p.lastIndexOf('/') + 1))
          .filter(f -> Arrays.stream(words).anyMatch(w -> f.toLowerCase(Locale.ROOT).contains(w)))
          .distinct().sorted().reduce((a, b) -> a + "," + b).orElse("none");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
