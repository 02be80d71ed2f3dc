package dev.chainrule.nn.data;

import java.net.URI;
import java.util.List;

/**
 * What makes up an MNIST-style data set: its four IDX files with their SHA-256 sums, where a
 * user can point to it, and where it can be downloaded. The same code serves MNIST and
 * Fashion-MNIST (same file names, different contents).
 *
 * @param name human-readable name, for messages ("MNIST")
 * @param envVar environment variable naming a directory that holds the files ("MNIST_DIR")
 * @param cacheName sub-directory of the per-user cache ({@code ~/.cache/chainrule/<cacheName>})
 * @param trainImages training images (IDX, 3 dimensions)
 * @param trainLabels training labels (IDX, 1 dimension)
 * @param testImages test images
 * @param testLabels test labels
 * @param mirrors base URLs tried in order; each file is fetched from {@code mirror + name}
 */
public record DatasetSpec(
    String name,
    String envVar,
    String cacheName,
    DatasetFile trainImages,
    DatasetFile trainLabels,
    DatasetFile testImages,
    DatasetFile testLabels,
    List<URI> mirrors) {

  /** The standard MNIST files (LeCun, Cortes, Burges) with their well-known SHA-256 sums. */
  public static final DatasetSpec MNIST = new DatasetSpec(
      "MNIST",
      "MNIST_DIR",
      "mnist",
      new DatasetFile("train-images-idx3-ubyte.gz",
          "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
      new DatasetFile("train-labels-idx1-ubyte.gz",
          "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
      new DatasetFile("t10k-images-idx3-ubyte.gz",
          "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
      new DatasetFile("t10k-labels-idx1-ubyte.gz",
          "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
      List.of(
          URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
          URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")));

  /**
   * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28x28 grey images of ten kinds of clothing, same
   * file names and sizes as MNIST. The sums are those of the files in Debian's
   * {@code dataset-fashion-mnist} package (upstream's {@code data/fashion}).
   */
  public static final DatasetSpec FASHION_MNIST = new DatasetSpec(
      "Fashion-MNIST",
      "FASHION_MNIST_DIR",
      "fashion-mnist",
      new DatasetFile("train-images-idx3-ubyte.gz",
          "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
      new DatasetFile("train-labels-idx1-ubyte.gz",
          "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
      new DatasetFile("t10k-images-idx3-ubyte.gz",
          "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
      new DatasetFile("t10k-labels-idx1-ubyte.gz",
          "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
      List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")));

  /** Checks that nothing is missing and that every mirror is a directory URL. */
  public DatasetSpec {
    if (name == null || envVar == null || cacheName == null || trainImages == null
        || trainLabels == null || testImages == null || testLabels == null || mirrors == null) {
      throw new IllegalArgumentException("DatasetSpec " + name + ": no component may be null");
    }
    mirrors = List.copyOf(mirrors);
    for (URI mirror : mirrors) {
      if (!mirror.toString().endsWith("/")) {
        throw new IllegalArgumentException(
            "DatasetSpec " + name + ": mirror must end with '/' (got " + mirror + ")");
      }
    }
  }

  /** @return the four files: train images, train labels, test images, test labels */
  public List<DatasetFile> files() {
    return List.of(trainImages, trainLabels, testImages, testLabels);
  }

  /**
   * Same data set, other mirrors (tests point this at a local server).
   *
   * @param newMirrors base URLs ending in '/'
   * @return a copy with the given mirrors
   */
  public DatasetSpec withMirrors(List<URI> newMirrors) {
    return new DatasetSpec(
        name, envVar, cacheName, trainImages, trainLabels, testImages, testLabels, newMirrors);
  }

  @Override
  public String toString() {
    return "DatasetSpec(" + name + ", $" + envVar + ", " + mirrors.size() + " mirrors)";
  }
}
