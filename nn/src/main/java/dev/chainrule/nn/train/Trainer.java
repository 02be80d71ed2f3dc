package dev.chainrule.nn.train;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Examples;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.optim.LearningRateSchedule;
import dev.chainrule.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The course's training loop: for each epoch, shuffle the training data, and for each mini-batch
 * zero the gradients, run forward, compute the cost, backpropagate and step the optimizer; then
 * evaluate on the validation set, tell the listeners, and stop early if asked to. With a
 * {@link LearningRateSchedule}, every epoch starts by setting the optimizer's learning rate to the
 * schedule's rate for that epoch, from the base rate the optimizer had when {@code fit} began.
 * <pre>{@code
 * History h = Trainer.builder()
 *     .model(net).cost(new QuadraticCost()).optimizer(new Sgd(net.parameters(), 3.0))
 *     .epochs(30).batchSize(10).shuffle(new SplittableRandom(1))
 *     .schedule(LearningRateSchedule.cosine(30, 0.0))
 *     .earlyStopping(EarlyStopping.onValidationAccuracy(5))
 *     .listener(EpochListener.printTo(System.out))
 *     .build()
 *     .fit(train, validation);
 * }</pre>
 */
public final class Trainer {
  private final Module model;
  private final Cost cost;
  private final Optimizer optimizer;
  private final int epochs, batchSize, evalBatchSize, prefetch;
  private final RandomGenerator rng;
  private final EarlyStopping earlyStopping;
  private final LearningRateSchedule schedule;
  private final List<EpochListener> listeners;
  private final List<BatchListener> batchListeners;

  private Trainer(Builder b) {
    this.model = b.model;
    this.cost = b.cost;
    this.optimizer = b.optimizer;
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.evalBatchSize = b.evalBatchSize;
    this.prefetch = b.prefetch;
    this.rng = b.rng;
    this.earlyStopping = b.earlyStopping;
    this.schedule = b.schedule;
    this.listeners = List.copyOf(b.listeners);
    this.batchListeners = List.copyOf(b.batchListeners);
  }

  /** A new configuration; see the class example. */
  public static Builder builder() { return new Builder(); }

  /** Trains without a validation set (no early stopping possible). */
  public History fit(Examples train) { return fit(train, null); }

  /**
   * Trains on {@code train}, evaluating on {@code validation} (may be {@code null}) after every
   * epoch. With early stopping the model ends holding the weights of the best epoch. With a
   * schedule, the optimizer's current learning rate is the base rate, and the optimizer keeps the
   * last epoch's rate afterwards (so a second {@code fit} starts its schedule from that).
   */
  public History fit(Examples train, Dataset validation) {
    if (earlyStopping != null && validation == null) {
      throw new IllegalArgumentException("Trainer: early stopping watches " + earlyStopping.metric()
          + " but no validation set was given; call fit(train, validation)");
    }
    double[] rates = schedule == null ? null : ratesFor(optimizer.learningRate());
    List<EpochStats> history = new ArrayList<>();
    double best = Double.NaN;
    int bestEpoch = 0, sinceBest = 0;
    Map<String, Tensor> bestValues = null;
    boolean stopped = false;
    DataLoader batches = DataLoader.of(train, batchSize).shuffle(rng).prefetch(prefetch);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long start = System.nanoTime();
      if (rates != null) optimizer.setLearningRate(rates[epoch - 1]);
      double rate = optimizer.learningRate();
      model.train();
      double costSum = 0.0;
      long hits = 0;
      int seen = 0;
      for (Batch b : batches) {
        optimizer.zeroGrad();
        Tensor out = model.forward(b.inputs());
        Tensor c = cost.apply(out, b.targets());
        c.backward();
        optimizer.step();
        costSum += c.item() * b.size();
        hits += Metrics.correct(out, b.targets());
        seen += b.size();
        for (BatchListener l : batchListeners) l.onBatchEnd(epoch, seen, train.size());
      }
      Evaluation val = validation == null ? new Evaluation(Double.NaN, Double.NaN)
          : Evaluation.of(model, cost, validation, evalBatchSize);
      EpochStats stats = new EpochStats(epoch, costSum / train.size(), (double) hits / train.size(),
          val.cost(), val.accuracy(), (System.nanoTime() - start) / 1_000_000, rate);
      history.add(stats);
      for (EpochListener l : listeners) l.onEpochEnd(stats);
      if (earlyStopping == null) {
        bestEpoch = epoch;
        continue;
      }
      double value = earlyStopping.metric().of(stats);
      if (earlyStopping.improves(value, best)) {
        best = value;
        bestEpoch = epoch;
        sinceBest = 0;
        bestValues = model.copyValues();
      } else if (++sinceBest >= earlyStopping.patience()) {
        stopped = true;
        break;
      }
    }
    if (bestValues != null && bestEpoch != history.size()) model.loadValues(bestValues);
    if (earlyStopping != null && bestValues == null) bestEpoch = history.size(); // metric was NaN throughout
    return new History(history, bestEpoch, stopped);
  }

  /** The schedule's rate for every epoch, checked before training so a bad one fails at once. */
  private double[] ratesFor(double baseRate) {
    double[] rates = new double[epochs];
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double rate = schedule.rate(epoch, baseRate);
      if (!(rate > 0.0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException("Trainer: schedule " + schedule + " gives learning rate " + rate
            + " for epoch " + epoch + " of " + epochs + " (base rate " + baseRate + "); rates must be positive and finite");
      }
      rates[epoch - 1] = rate;
    }
    return rates;
  }

  @Override public String toString() {
    return "Trainer(" + optimizer + ", " + cost + ", epochs=" + epochs + ", batchSize=" + batchSize
        + (schedule != null ? ", " + schedule : "")
        + (earlyStopping != null ? ", " + earlyStopping : "") + ")";
  }

  /** Configures a {@link Trainer}; model, cost, optimizer and the shuffling source are required. */
  public static final class Builder {
    private Module model;
    private Cost cost;
    private Optimizer optimizer;
    private int epochs = 30, batchSize = 10, evalBatchSize = 1000, prefetch;
    private RandomGenerator rng;
    private EarlyStopping earlyStopping;
    private LearningRateSchedule schedule;
    private final List<EpochListener> listeners = new ArrayList<>();
    private final List<BatchListener> batchListeners = new ArrayList<>();

    private Builder() {}

    /** The module to train. */
    public Builder model(Module model) { this.model = model; return this; }

    /** The cost to minimise (a batch mean, see {@link Cost}). */
    public Builder cost(Cost cost) { this.cost = cost; return this; }

    /** The optimizer, built over the model's parameters. */
    public Builder optimizer(Optimizer optimizer) { this.optimizer = optimizer; return this; }

    /** Number of epochs (default 30, the course's MNIST recipe). */
    public Builder epochs(int epochs) {
      if (epochs < 1) throw new IllegalArgumentException("Trainer: epochs must be >= 1, got " + epochs);
      this.epochs = epochs;
      return this;
    }

    /** Mini-batch size m (default 10, the course's MNIST recipe). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) throw new IllegalArgumentException("Trainer: batch size must be >= 1, got " + batchSize);
      this.batchSize = batchSize;
      return this;
    }

    /** Batch size for validation passes (default 1000; only affects speed and memory). */
    public Builder evalBatchSize(int evalBatchSize) {
      if (evalBatchSize < 1) throw new IllegalArgumentException("Trainer: eval batch size must be >= 1, got " + evalBatchSize);
      this.evalBatchSize = evalBatchSize;
      return this;
    }

    /**
     * Gathers up to {@code batches} training batches ahead on a background thread (default 0: on
     * the training thread). Results do not change; see {@link DataLoader#prefetch(int)}.
     */
    public Builder prefetch(int batches) {
      if (batches < 0) throw new IllegalArgumentException("Trainer: prefetch must be >= 0 batches, got " + batches);
      this.prefetch = batches;
      return this;
    }

    /** The source that reshuffles the training set every epoch; seed it to reproduce a run. */
    public Builder shuffle(RandomGenerator rng) { this.rng = rng; return this; }

    /** Stop early on a validation metric and restore the best weights (off by default). */
    public Builder earlyStopping(EarlyStopping earlyStopping) { this.earlyStopping = earlyStopping; return this; }

    /**
     * Sets the optimizer's learning rate at the start of every epoch from {@code schedule} and the
     * rate the optimizer had when {@code fit} began (off by default: the rate is left alone).
     */
    public Builder schedule(LearningRateSchedule schedule) {
      if (schedule == null) throw new IllegalArgumentException("Trainer: schedule is null; use LearningRateSchedule.constant() for none");
      this.schedule = schedule;
      return this;
    }

    /** Adds a callback run after every epoch. */
    public Builder listener(EpochListener listener) { listeners.add(listener); return this; }

    /** Adds a listener called after every mini-batch step (progress bars). */
    public Builder batchListener(BatchListener listener) {
      if (listener == null) throw new IllegalArgumentException("Trainer: batch listener is null");
      batchListeners.add(listener);
      return this;
    }

    /** The configured trainer; throws naming every required setting that is missing. */
    public Trainer build() {
      List<String> missing = new ArrayList<>();
      if (model == null) missing.add("model");
      if (cost == null) missing.add("cost");
      if (optimizer == null) missing.add("optimizer");
      if (rng == null) missing.add("shuffle (e.g. shuffle(new SplittableRandom(seed)))");
      if (!missing.isEmpty()) throw new IllegalStateException("Trainer: not configured: " + String.join(", ", missing));
      return new Trainer(this);
    }
  }
}
