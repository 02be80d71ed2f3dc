package dev.chainrule.examples.sequence;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.RecurrentState;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.GradientClipping;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A character-level LSTM language model ({@link CharLstm}): {@code chainrule char-lm}. The text is
 * split into a training part and a held-out tail; training reads the training part as
 * {@code --batch} contiguous streams in windows of {@code --seq} characters, carrying the LSTM's
 * state from one window to the next and back-propagating through each window only (truncated
 * back-propagation through time). After each epoch it reports the held-out loss per character in
 * nats and bits; after training it samples text at a temperature. Adam, gradient norm clipped, seeded.
 */
@Command(name = "char-lm", mixinStandardHelpOptions = true,
    description = "Train a character-level LSTM language model on a text (by default the course notes in ../shared/course), report the held-out loss per character and sample text.")
public final class CharLmCommand implements Callable<Integer> {
  /** Filled in by picocli. */
  public CharLmCommand() {}

  @Option(names = "--text", defaultValue = "../shared/course",
      description = "a UTF-8 text file, or a directory whose *.md and *.txt files are read in name order (default: ${DEFAULT-VALUE})")
  Path text;

  @Option(names = "--held-out", defaultValue = "0.1", description = "fraction of the text, at its end, kept for the held-out loss (default: ${DEFAULT-VALUE})")
  double heldOut;

  @Option(names = "--limit", defaultValue = "0", description = "use only the first N characters of the text, 0 = all (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--epochs", defaultValue = "11", description = "passes over the training part (default: ${DEFAULT-VALUE}, where the held-out loss of the course notes is lowest)")
  int epochs;

  @Option(names = "--embedding", defaultValue = "32", description = "features of a character's embedding (default: ${DEFAULT-VALUE})")
  int embedding;

  @Option(names = "--hidden", defaultValue = "256", description = "LSTM hidden size (default: ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--seq", defaultValue = "64", description = "characters back-propagated through per step (default: ${DEFAULT-VALUE})")
  int seq;

  @Option(names = "--batch", defaultValue = "32", description = "parallel streams of text (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--clip", defaultValue = "5", description = "largest gradient norm, larger ones are scaled down (default: ${DEFAULT-VALUE})")
  double clip;

  @Option(names = "--seed", defaultValue = "1", description = "seed of initialisation and sampling (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--temperature", defaultValue = "0.8", description = "sampling temperature: lower is safer, higher is wilder (default: ${DEFAULT-VALUE})")
  double temperature;

  @Option(names = "--sample", defaultValue = "400", description = "characters to sample after training, 0 = none (default: ${DEFAULT-VALUE})")
  int sampleLength;

  @Option(names = "--prime", defaultValue = "The network ", description = "text the sample starts from (default: \"${DEFAULT-VALUE}\")")
  String prime;

  /** Mean training loss and held-out loss per character, in nats, after each epoch. */
  record Epoch(double trainingNats, double heldOutNats) {
    /** The held-out loss in bits per character. */
    double heldOutBits() { return heldOutNats / Math.log(2); }
  }

  @Override public Integer call() throws Exception {
    if (epochs < 1 || embedding < 1 || hidden < 1 || seq < 1 || batch < 1 || limit < 0 || sampleLength < 0 || !(lr > 0)
        || !(clip > 0) || !(temperature > 0) || !(heldOut > 0 && heldOut < 1) || prime.isEmpty()) {
      throw new IllegalArgumentException("char-lm: --epochs, --embedding, --hidden, --seq and --batch must be >= 1, --limit and --sample >= 0,"
          + " --lr, --clip and --temperature > 0, 0 < --held-out < 1 and --prime not empty; got epochs " + epochs + ", embedding "
          + embedding + ", hidden " + hidden + ", seq " + seq + ", batch " + batch + ", limit " + limit + ", sample " + sampleLength
          + ", lr " + lr + ", clip " + clip + ", temperature " + temperature + ", held-out " + heldOut + ", prime \"" + prime + "\"");
    }
    String all = read(text);
    if (limit > 0 && limit < all.length()) all = all.substring(0, limit);
    int split = (int) Math.round(all.length() * (1 - heldOut));
    String training = all.substring(0, split), tail = all.substring(split);
    if (training.length() < batch * 2 || tail.length() < 2) {
      throw new IllegalArgumentException("char-lm: " + all.length() + " characters of " + text + " are too few for " + batch
          + " training streams and a held-out part (" + heldOut + " of the text)");
    }
    CharVocabulary vocabulary = new CharVocabulary(all);
    vocabulary.encode(prime);   // refuse an unknown character before training, not after
    SplittableRandom rng = new SplittableRandom(seed);
    CharLstm net = new CharLstm(vocabulary.size(), embedding, hidden, rng);
    System.out.printf("char-lm: %s, %d parameters; %s: %d characters (%d distinct), %d for training, %d held out;"
            + " %d streams x %d characters a step, Adam lr %s, clip %s, seed %d%n",
        net, net.parameterCount(), text, all.length(), vocabulary.size(), training.length(), tail.length(), batch, seq, lr, clip, seed);
    train(net, vocabulary.encode(training), vocabulary.encode(tail), System.out);
    if (sampleLength > 0) {
      System.out.printf("sample (temperature %s, seed %d):%n%s%n", temperature, seed, sample(net, vocabulary, prime, sampleLength, temperature, rng));
    }
    return 0;
  }

  /** The text at {@code path}: a file, or a directory's *.md and *.txt files in name order, joined by blank lines. */
  static String read(Path path) throws IOException {
    if (Files.isRegularFile(path)) return Files.readString(path, StandardCharsets.UTF_8);
    if (!Files.isDirectory(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such text file or directory (pass --text FILE or DIR;"
          + " the default is the course notes in ../shared/course, beside the repository)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(path)) {
      files = s.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".md") || p.toString().endsWith(".txt"))).sorted().toList();
    }
    if (files.isEmpty()) throw new NoSuchFileException(path.toString(), null, "directory holds no .md or .txt file");
    StringBuilder all = new StringBuilder();
    for (Path f : files) all.append(Files.readString(f, StandardCharsets.UTF_8)).append("\n\n");
    return all.toString();
  }

  /** Trains for {@link #epochs} epochs, printing a line per epoch; returns the epochs' figures. */
  List<Epoch> train(CharLstm net, int[] training, int[] heldOutIds, PrintStream out) {
    Adam adam = new Adam(net.parameters(), lr);
    GradientClipping clipping = GradientClipping.byNorm(clip);
    CrossEntropyLoss loss = new CrossEntropyLoss();
    int[][] streams = streams(training, batch);
    List<Epoch> history = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      EpochClock clock = new EpochClock();
      net.train();
      RecurrentState state = null;
      double sum = 0;
      long count = 0;
      for (int start = 0; start + 1 < streams[0].length; start += seq) {
        int len = Math.min(seq, streams[0].length - 1 - start);
        adam.zeroGrad();
        CharLstm.Pass pass = net.run(window(streams, start, len), state);
        Tensor cost = loss.apply(pass.logits().reshape(batch * len, net.vocabulary()), window(streams, start + 1, len).reshape(batch * len));
        cost.backward();
        clipping.apply(net.parameters());
        adam.step();
        state = new RecurrentState(pass.last().hidden().detach(), pass.last().cell().detach());
        sum += cost.item() * len;
        count += len;
      }
      Epoch e = new Epoch(sum / count, heldOutLoss(net, heldOutIds, seq));
      history.add(e);
      out.printf("epoch %d: training loss %.4f nats/char, held-out %.4f nats/char = %.4f bits/char (%s)%n",
          epoch, e.trainingNats(), e.heldOutNats(), e.heldOutBits(), clock.describe());
    }
    return history;
  }

  /**
   * Mean loss in nats of predicting each held-out character from those before it, read as up to
   * 16 contiguous streams with the state carried across windows (the first character of each
   * stream has no context and is not predicted).
   */
  static double heldOutLoss(CharLstm net, int[] ids, int seq) {
    int[][] streams = streams(ids, Math.max(1, Math.min(16, ids.length / 2)));
    int n = streams.length;
    CrossEntropyLoss loss = new CrossEntropyLoss();
    double sum = 0;
    long count = 0;
    net.eval();
    try (var off = GradMode.off()) {
      RecurrentState state = null;
      for (int start = 0; start + 1 < streams[0].length; start += seq) {
        int len = Math.min(seq, streams[0].length - 1 - start);
        CharLstm.Pass pass = net.run(window(streams, start, len), state);
        sum += loss.apply(pass.logits().reshape(n * len, net.vocabulary()), window(streams, start + 1, len).reshape(n * len)).item() * n * len;
        count += (long) n * len;
        state = pass.last();
      }
    }
    return sum / count;
  }

  /** {@code ids} cut into {@code n} contiguous streams of equal length (the remainder dropped). */
  static int[][] streams(int[] ids, int n) {
    int len = ids.length / n;
    int[][] s = new int[n][len];
    for (int b = 0; b < n; b++) System.arraycopy(ids, b * len, s[b], 0, len);
    return s;
  }

  /** Characters {@code [start, start + len)} of every stream, as I64 ids [streams, len]. */
  static Tensor window(int[][] streams, int start, int len) {
    long[] x = new long[streams.length * len];
    for (int b = 0; b < streams.length; b++) for (int t = 0; t < len; t++) x[b * len + t] = streams[b][start + t];
    return Tensor.ofLongs(x, streams.length, len);
  }

  /**
   * {@code length} characters drawn one at a time from the model after reading {@code prime}:
   * each from softmax(logits / temperature), with {@code rng}.
   */
  static String sample(CharLstm net, CharVocabulary vocabulary, String prime, int length, double temperature, SplittableRandom rng) {
    StringBuilder out = new StringBuilder(prime);
    net.eval();
    try (var off = GradMode.off()) {
      int[] primeIds = vocabulary.encode(prime);
      long[] p = new long[primeIds.length];
      for (int i = 0; i < p.length; i++) p[i] = primeIds[i];
      CharLstm.Pass pass = net.run(Tensor.ofLongs(p, 1, p.length), null);
      for (int i = 0; i < length; i++) {
        Tensor last = pass.logits().slice(1, pass.logits().dim(1) - 1, pass.logits().dim(1)).reshape(net.vocabulary());
        double[] probabilities = last.to(DType.F64).mul(1 / temperature).softmax(0).toDoubleArray();
        int next = draw(probabilities, rng.nextDouble());
        out.append(vocabulary.decode(next));
        pass = net.run(Tensor.ofLongs(new long[] {next}, 1, 1), pass.last());
      }
    }
    return out.toString();
  }

  /** The index where the running sum of {@code probabilities} first exceeds {@code u} in [0, 1). */
  static int draw(double[] probabilities, double u) {
    double sum = 0;
    for (int i = 0; i < probabilities.length; i++) {
      sum += probabilities[i];
      if (u < sum) return i;
    }
    return probabilities.length - 1;   // u beyond a sum rounded below 1
  }
}
