package dev.chainrule.nn.train;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.BatchTransform;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Examples;
import dev.chainrule.nn.loss.Cost;
import dev.chainrule.nn.optim.LearningRateSchedule;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.StepSchedule;
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
 *
 * <p>Every batch's cost is checked for NaN and infinity before its backward pass; by default
 * ({@link NonFinitePolicy#STOP}) the first one ends training with a
 * {@link NonFiniteLossException} naming the epoch and batch. A run can be continued from a saved
 * epoch with {@link Builder#startEpoch} (see {@link dev.chainrule.nn.Checkpoint} for saving the
 * model and optimizer state).
 *
 * <p><b>What the trainer owns.</b> A steady step makes almost no garbage (under 10 KB for the
 * course's step, a test checks it), because the trainer owns what it hands out during a step:
 * the batch tensors given to the model are overwritten by the next batch
 * ({@link DataLoader#reuseBatches()}), and the results passed between built-in layers of a
 * {@link dev.chainrule.nn.Sequential} are reused once backward is past them
 * ({@link Tensor#freeAfterBackward()}). A module or hook that keeps its input past the step must
 * keep a copy ({@code x.detach().add(0.0)}); the model's output, the cost, gradients taken with
 * {@code grad()} and everything outside {@code fit} stay the caller's and never change.
 *
 * <p>Options beyond the course's loop: a {@link Metric} other than accuracy (or none), a step limit,
 * a per-step {@link dev.chainrule.nn.optim.StepSchedule}, gradient accumulation over
 * micro-batches, {@link GradientClipping}, {@link GradientHook}s, and no shuffling at all.
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
  private final int epochs, batchSize, evalBatchSize, prefetch, startEpoch;
  private final NonFinitePolicy nonFinitePolicy;
  private final RandomGenerator rng;
  private final BatchTransform augment;
  private final EarlyStopping earlyStopping;
  private final LearningRateSchedule schedule;
  private final List<EpochListener> listeners;
  private final List<BatchListener> batchListeners;
  private final Metric metric;
  private final GradientClipping clipping;
  private final StepSchedule stepSchedule;
  private final long maxSteps;
  private final int accumulate;
  private final List<GradientHook> gradientHooks;

  private Trainer(Builder b) {
    this.model = b.model;
    this.cost = b.cost;
    this.optimizer = b.optimizer;
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.evalBatchSize = b.evalBatchSize;
    this.prefetch = b.prefetch;
    this.startEpoch = b.startEpoch;
    this.nonFinitePolicy = b.nonFinitePolicy;
    this.rng = b.rng;
    this.augment = b.augment;
    this.earlyStopping = b.earlyStopping;
    this.schedule = b.schedule;
    this.listeners = List.copyOf(b.listeners);
    this.batchListeners = List.copyOf(b.batchListeners);
    this.metric = b.metric;
    this.clipping = b.clipping;
    this.stepSchedule = b.stepSchedule;
    this.maxSteps = b.maxSteps;
    this.accumulate = b.accumulate;
    this.gradientHooks = List.copyOf(b.gradientHooks);
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
   *
   * @throws NonFiniteLossException under {@link NonFinitePolicy#STOP} when a batch's cost is NaN
   *     or infinite
   */
  public History fit(Examples train, Dataset validation) {
    if (earlyStopping != null && validation == null) {
      throw new IllegalArgumentException("Trainer: early stopping watches " + earlyStopping.metric()
          + " but no validation set was given; call fit(train, validation)");
    }
    if (earlyStopping != null && metric == null && earlyStopping.metric() == EarlyStopping.Metric.VALIDATION_ACCURACY) {
      throw new IllegalArgumentException("Trainer: early stopping watches validation accuracy but the trainer measures no metric;"
          + " use EarlyStopping.onValidationCost or metric(Metric.accuracy())");
    }
    if (train.size() == 0) {
      throw new IllegalArgumentException("Trainer: the training set is empty, expected at least one example");
    }
    double[] rates = schedule == null ? null : ratesFor(optimizer.learningRate());
    Steps steps = new Steps(model, optimizer, accumulate, stepSchedule, totalSteps(train), gradientHooks, clipping);
    List<EpochStats> history = new ArrayList<>();
    double best = Double.NaN;
    int bestEpoch = 0, sinceBest = 0;
    Map<String, Tensor> bestValues = null;
    boolean stopped = false;
    DataLoader loader = DataLoader.of(train, batchSize).prefetch(prefetch).reuseBatches();   // the trainer owns its batches
    DataLoader batchesOf = rng == null ? loader : loader.shuffle(rng);
    if (augment != null) batchesOf = batchesOf.augment(augment);
    int batches = (train.size() + batchSize - 1) / batchSize;
    double lastFinite = Double.NaN;
    int lastFiniteEpoch = 0, lastFiniteBatch = 0;   // a string per batch would be the step's garbage
    for (int epoch = startEpoch; epoch <= epochs && !steps.done(); epoch++) {
      long start = System.nanoTime();
      if (rates != null) optimizer.setLearningRate(rates[epoch - 1]);
      double rate = steps.nextRate();
      model.train();
      double costSum = 0.0;
      double metricSum = 0.0;
      int seen = 0, counted = 0, batch = 0, skipped = 0;
      for (Batch b : batchesOf) {
        batch++;
        Tensor out = model.call(b.inputs());
        Tensor c = cost.apply(out, b.targets());
        double value = c.item();
        if (Double.isFinite(value)) {
          lastFinite = value;
          lastFiniteEpoch = epoch;
          lastFiniteBatch = batch;
        } else if (nonFinitePolicy == NonFinitePolicy.STOP) {
          String lastFiniteAt = lastFiniteEpoch == 0 ? "" : "epoch " + lastFiniteEpoch + ", batch " + lastFiniteBatch;
          throw new NonFiniteLossException(epoch, batch, batches, value, lastFinite, lastFiniteAt,
              new History(history, history.size(), false));
        }
        seen += b.size();
        if (Double.isFinite(value) || nonFinitePolicy == NonFinitePolicy.CONTINUE) {
          steps.backward(c);
          costSum += value * b.size();
          if (metric != null) metricSum += metric.sum(out, b.targets());
          counted += b.size();
        } else {
          skipped++;
        }
        steps.afterBatch(seen == train.size());
        for (BatchListener l : batchListeners) l.onBatchEnd(epoch, seen, train.size());
        if (steps.done()) break;   // the step limit can end an epoch early
      }
      Evaluation val = validation == null ? new Evaluation(Double.NaN, Double.NaN)
          : Evaluation.of(model, cost, metric, validation, evalBatchSize);
      EpochStats stats = new EpochStats(epoch, costSum / counted, metric == null ? Double.NaN : metricSum / counted,
          val.cost(), val.accuracy(), (System.nanoTime() - start) / 1_000_000, rate,
          metric == null ? null : metric.name(), skipped);
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

  /** Optimizer steps in the whole run: per epoch ⌈batches/accumulate⌉, capped by the step limit. */
  private long totalSteps(Examples train) {
    long batches = (train.size() + batchSize - 1) / batchSize;
    long perEpoch = (batches + accumulate - 1) / accumulate;
    long all = epochs == Builder.UNBOUNDED ? Long.MAX_VALUE : perEpoch * epochs;
    return maxSteps > 0 ? Math.min(maxSteps, all) : all;
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
        + (startEpoch > 1 ? ", startEpoch=" + startEpoch : "")
        + (nonFinitePolicy != NonFinitePolicy.STOP ? ", nonFinite=" + nonFinitePolicy : "")
        + (schedule != null ? ", " + schedule : "")
        + (earlyStopping != null ? ", " + earlyStopping : "")
        + (metric == null ? ", no metric" : metric.name().equals("acc") ? "" : ", metric=" + metric.name())
        + (clipping != null ? ", " + clipping : "") + (rng == null ? ", no shuffling" : "")
        + (stepSchedule != null ? ", " + stepSchedule : "") + (maxSteps > 0 ? ", maxSteps=" + maxSteps : "")
        + (accumulate > 1 ? ", accumulate=" + accumulate : "") + ")";
  }

  /** Configures a {@link Trainer}; model, cost and optimizer are required. */
  public static final class Builder {
    private Module model;
    private Cost cost;
    private Optimizer optimizer;
    private int epochs = 30, batchSize = 10, evalBatchSize = 1000, prefetch, startEpoch = 1;
    private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.STOP;
    private RandomGenerator rng;
    private BatchTransform augment;
    private EarlyStopping earlyStopping;
    private LearningRateSchedule schedule;
    private final List<EpochListener> listeners = new ArrayList<>();
    private final List<BatchListener> batchListeners = new ArrayList<>();
    /** Epochs when only a step limit is given: train until it. */
    static final int UNBOUNDED = Integer.MAX_VALUE;
    private Metric metric = Metric.accuracy();
    private GradientClipping clipping;
    private StepSchedule stepSchedule;
    private long maxSteps;
    private int accumulate = 1;
    private boolean epochsSet;
    private final List<GradientHook> gradientHooks = new ArrayList<>();

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
      this.epochsSet = true;
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

    /**
     * The source that reshuffles the training set every epoch; seed it to reproduce a run. Without
     * it the batches come in the data set's order every epoch.
     */
    public Builder shuffle(RandomGenerator rng) { this.rng = rng; return this; }

    /**
     * Passes every training batch through {@code transform} (data augmentation, e.g.
     * {@link dev.chainrule.nn.data.RandomShift}); its random choices are seeded from the
     * {@link #shuffle} source once per epoch (see {@link DataLoader#augment}), so that is needed too.
     * Validation batches are never transformed. {@code null} (the default): no augmentation.
     */
    public Builder augment(BatchTransform transform) { this.augment = transform; return this; }

    /**
     * What to measure besides the cost, on training batches and the validation set (default
     * {@link Metric#accuracy()}); shown in {@link EpochStats} under its name.
     */
    public Builder metric(Metric metric) {
      if (metric == null) throw new IllegalArgumentException("Trainer: metric is null; use noMetric() to measure none");
      this.metric = metric;
      return this;
    }

    /** Measures no metric (regression, autoencoders): {@link EpochStats} shows costs only. */
    public Builder noMetric() { this.metric = null; return this; }

    /** Clips the gradients after every backward pass, before the optimizer's step (off by default). */
    public Builder clipGradients(GradientClipping clipping) {
      if (clipping == null) throw new IllegalArgumentException("Trainer: gradient clipping is null");
      this.clipping = clipping;
      return this;
    }

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

    /**
     * Stops after {@code steps} optimizer steps, mid-epoch if need be (that epoch's statistics
     * cover the examples it saw). Without {@link #epochs}, training runs until the limit.
     */
    public Builder maxSteps(long steps) {
      if (steps < 1) throw new IllegalArgumentException("Trainer: max steps must be >= 1, got " + steps);
      this.maxSteps = steps;
      return this;
    }

    /**
     * Sets the optimizer's learning rate before every step from {@code schedule}, the step number
     * and the run's total steps, from the rate the optimizer had when {@code fit} began (warm-up,
     * one-cycle; instead of an epoch {@link #schedule}).
     */
    public Builder stepSchedule(StepSchedule schedule) {
      if (schedule == null) throw new IllegalArgumentException("Trainer: step schedule is null");
      this.stepSchedule = schedule;
      return this;
    }

    /**
     * Gradient accumulation: one optimizer step per {@code microBatches} batches, each cost scaled by
     * 1/microBatches, so a step sees the mean gradient of a batch {@code microBatches} times larger
     * (exactly, when the batches are equal-sized); an epoch's last step takes the batches left.
     */
    public Builder accumulate(int microBatches) {
      if (microBatches < 1) throw new IllegalArgumentException("Trainer: micro-batches per step must be >= 1, got " + microBatches);
      this.accumulate = microBatches;
      return this;
    }

    /** Adds a hook that sees (and may change) the gradients before every optimizer step. */
    public Builder gradientHook(GradientHook hook) {
      if (hook == null) throw new IllegalArgumentException("Trainer: gradient hook is null");
      gradientHooks.add(hook);
      return this;
    }

    /**
     * Continues a run: trains epochs {@code first} to {@link #epochs} (default 1, a fresh run).
     * The schedule's rates, listeners' epoch numbers and {@link History} are those of the whole
     * run; restore the model, optimizer state ({@link dev.chainrule.nn.Checkpoint}) and the
     * shuffling source ({@link ResumableRandom}) of epoch {@code first - 1} first, and the run
     * continues with the same bits as one that was never interrupted. Not with early stopping
     * (its best-so-far is not saved).
     */
    public Builder startEpoch(int first) {
      if (first < 1) throw new IllegalArgumentException("Trainer: start epoch must be >= 1, got " + first);
      this.startEpoch = first;
      return this;
    }

    /** What to do when a batch's cost is NaN or infinite (default {@link NonFinitePolicy#STOP}). */
    public Builder onNonFinite(NonFinitePolicy policy) {
      if (policy == null) throw new IllegalArgumentException("Trainer: non-finite policy is null; use NonFinitePolicy.STOP, SKIP_BATCH or CONTINUE");
      this.nonFinitePolicy = policy;
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

    /** The configured trainer; throws naming every required setting that is missing (model, cost, optimizer). */
    public Trainer build() {
      List<String> missing = new ArrayList<>();
      if (model == null) missing.add("model");
      if (cost == null) missing.add("cost");
      if (optimizer == null) missing.add("optimizer");
      if (!missing.isEmpty()) throw new IllegalStateException("Trainer: not configured: " + String.join(", ", missing));
      if (schedule != null && stepSchedule != null) {
        throw new IllegalStateException("Trainer: both an epoch schedule (" + schedule + ") and a step schedule ("
            + stepSchedule + ") are set; use one");
      }
      if (augment != null && rng == null) {
        throw new IllegalStateException("Trainer: augment(" + augment + ") is seeded from the shuffle source; set shuffle(rng)");
      }
      if (maxSteps > 0 && !epochsSet) epochs = UNBOUNDED;
      if (schedule != null && epochs == UNBOUNDED) {
        throw new IllegalStateException("Trainer: the epoch schedule " + schedule + " needs a number of epochs; set epochs(n)"
            + " or use a step schedule with maxSteps");
      }
      if (startEpoch > epochs) {
        throw new IllegalStateException("Trainer: start epoch " + startEpoch + " is past the last epoch " + epochs);
      }
      if (startEpoch > 1 && (stepSchedule != null || maxSteps > 0)) {
        throw new IllegalStateException("Trainer: startEpoch(" + startEpoch + ") cannot continue a step schedule or step limit"
            + " (the step count is not saved); use an epoch schedule and epochs(n)");
      }
      if (startEpoch > 1 && earlyStopping != null) {
        throw new IllegalStateException("Trainer: startEpoch(" + startEpoch + ") cannot continue early stopping"
            + " (its best epoch and weights are not saved); train without it or from epoch 1");
      }
      return new Trainer(this);
    }
  }
}
