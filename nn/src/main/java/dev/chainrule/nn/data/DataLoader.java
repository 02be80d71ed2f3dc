package dev.chainrule.nn.data;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.random.RandomGenerator;

/**
 * Mini-batches of an {@link Examples} collection, one epoch per iteration:
 * <pre>{@code
 * DataLoader loader = DataLoader.of(train, 10).shuffle(new SplittableRandom(1)).prefetch(4);
 * for (int epoch = 1; epoch <= 30; epoch++) {
 *   for (Batch b : loader) { ... }          // a new order every epoch
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Batching.</b> Batches of {@code batchSize} examples; the last one holds the remaining
 *       n mod batchSize when the size does not divide n.
 *   <li><b>Seeded shuffling.</b> With {@link #shuffle(RandomGenerator)}, each iteration draws a
 *       new order (Fisher–Yates, n - 1 draws of {@code nextInt}) on the calling thread when the
 *       iterator is created; without it, the stored order.
 *   <li><b>Prefetch.</b> With {@link #prefetch(int)}, a background thread gathers up to that many
 *       batches ahead. The order is drawn before the thread starts and gathering has no side
 *       effects, so prefetching never changes a batch or the generator's state: the same seed gives
 *       the same batches either way (a test checks it bit for bit).
 *   <li><b>Augmentation.</b> With {@link #augment(BatchTransform)}, every batch passes through a
 *       random transform (such as {@link RandomShift}). Each epoch draws one {@code nextLong}
 *       from the shuffle generator, after the order, and the epoch's batches are transformed in
 *       order with a {@link SplittableRandom} of that seed, on whichever thread gathers them: a
 *       seed reproduces the batches, with or without prefetch.
 * </ul>
 *
 * <p>A loader is immutable and may be iterated any number of times. An epoch abandoned before its
 * end stops its background thread on {@link Epoch#close()}, or when the iterator is garbage
 * collected.
 */
public final class DataLoader implements Iterable<Batch> {
  /** Created on first prefetch only: a cleaner owns a thread. */
  private static final class Cleaners {
    static final Cleaner CLEANER = Cleaner.create();
  }

  private final Examples source;
  private final int batchSize;
  private final RandomGenerator rng;
  private final int prefetch;
  private final BatchTransform transform;
  private final boolean reuse;

  private DataLoader(Examples source, int batchSize, RandomGenerator rng, int prefetch, BatchTransform transform,
                     boolean reuse) {
    this.source = source;
    this.batchSize = batchSize;
    this.rng = rng;
    this.prefetch = prefetch;
    this.transform = transform;
    this.reuse = reuse;
  }

  /** Batches of {@code batchSize} examples of {@code source} in the stored order, gathered on the calling thread. */
  public static DataLoader of(Examples source, int batchSize) {
    if (source == null) throw new IllegalArgumentException("DataLoader: source is null");
    if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
    return new DataLoader(source, batchSize, null, 0, null, false);
  }

  /** The same loader, reshuffled from {@code rng} at the start of every epoch. */
  public DataLoader shuffle(RandomGenerator rng) {
    if (rng == null) throw new IllegalArgumentException("DataLoader: shuffle source is null");
    return new DataLoader(source, batchSize, rng, prefetch, transform, reuse);
  }

  /** The same loader, gathering up to {@code batches} batches ahead on a background thread (0: none). */
  public DataLoader prefetch(int batches) {
    if (batches < 0) throw new IllegalArgumentException("DataLoader: prefetch must be >= 0 batches, got " + batches);
    return new DataLoader(source, batchSize, rng, batches, transform, reuse);
  }

  /**
   * The same loader, passing every batch through {@code transform} with a generator seeded from the
   * shuffle generator once per epoch (so it needs {@link #shuffle(RandomGenerator)} too).
   */
  public DataLoader augment(BatchTransform transform) {
    if (transform == null) throw new IllegalArgumentException("DataLoader: augment transform is null");
    return new DataLoader(source, batchSize, rng, prefetch, transform, reuse);
  }

  /**
   * The same loader, writing every batch of an epoch into the tensors of the batch before when
   * the source can ({@link Examples#gatherInto}; {@link DataSplit} does): no garbage per batch,
   * but a batch is valid only until the next one is taken. For loops that are done with a batch
   * before taking the next, as the {@link dev.chainrule.nn.train.Trainer}'s. With
   * {@link #prefetch(int)} batches stay fresh (they are gathered ahead).
   */
  public DataLoader reuseBatches() {
    return new DataLoader(source, batchSize, rng, prefetch, transform, true);
  }

  /** Number of examples per epoch. */
  public int size() { return source.size(); }

  /** Batch size. */
  public int batchSize() { return batchSize; }

  /** Number of batches per epoch, ⌈n / batchSize⌉. */
  public int batchCount() { return (source.size() + batchSize - 1) / batchSize; }

  /** One epoch: draws the order now (when shuffling) and starts the prefetch thread (when asked). */
  @Override public Epoch iterator() {
    if (transform != null && rng == null) {
      throw new IllegalStateException("DataLoader: augment(" + transform + ") draws from the shuffle generator;"
          + " call shuffle(rng) as well");
    }
    int[] order = rng == null ? identity(source.size()) : shuffled(source.size(), rng);
    RandomGenerator epochRng = transform == null ? null : new SplittableRandom(rng.nextLong());
    if (prefetch == 0) return new Epoch(new Gatherer(source, order, batchSize, transform, epochRng, reuse), null);
    return Epoch.prefetching(new Gatherer(source, order, batchSize, transform, epochRng, false), prefetch);
  }

  /** The identity order 0, 1, ..., n-1. */
  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    return order;
  }

  /** A Fisher–Yates permutation of 0..n-1 drawn from {@code rng} (n - 1 draws). */
  static int[] shuffled(int n, RandomGenerator rng) {
    int[] order = identity(n);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Gathers the batches of one order, in sequence. */
  private static final class Gatherer {
    private final Examples source;
    private final int[] order;
    private final int batchSize;
    private final BatchTransform transform;
    private final RandomGenerator rng;
    private final boolean reuse;
    private Batch last;
    private int next;

    Gatherer(Examples source, int[] order, int batchSize, BatchTransform transform, RandomGenerator rng, boolean reuse) {
      this.source = source;
      this.order = order;
      this.batchSize = batchSize;
      this.transform = transform;
      this.rng = rng;
      this.reuse = reuse;
    }

    boolean hasNext() { return next < order.length; }

    Batch next() {
      int from = next, end = Math.min(order.length, next + batchSize);
      next = end;
      Batch batch = reuse ? (last = source.gatherInto(order, from, end, last))
          : source.gather(Arrays.copyOfRange(order, from, end));
      return transform == null ? batch : transform.apply(batch, rng);
    }
  }

  /** One pass over the data; {@link #close()} ends an unfinished pass's background thread. */
  public static final class Epoch implements Iterator<Batch>, AutoCloseable {
    private final Gatherer inline;
    private final Prefetcher prefetcher;
    private final Cleaner.Cleanable cleanable;
    private int remaining;

    private Epoch(Gatherer inline, Prefetcher prefetcher) {
      this.inline = inline;
      this.prefetcher = prefetcher;
      this.remaining = inline != null ? -1 : prefetcher.batches;
      this.cleanable = prefetcher == null ? null : Cleaners.CLEANER.register(this, prefetcher::stop);
    }

    static Epoch prefetching(Gatherer gatherer, int ahead) {
      Prefetcher p = new Prefetcher(gatherer, ahead);
      Epoch epoch = new Epoch(null, p);
      p.thread.start();
      return epoch;
    }

    @Override public boolean hasNext() {
      return inline != null ? inline.hasNext() : remaining > 0;
    }

    @Override public Batch next() {
      if (!hasNext()) throw new NoSuchElementException("DataLoader: the epoch has no more batches");
      if (inline != null) return inline.next();
      remaining--;
      Batch b = prefetcher.take();
      if (remaining == 0) close();
      return b;
    }

    /** Stops the background thread, if any; the remaining batches are dropped. */
    @Override public void close() {
      if (cleanable != null) cleanable.clean();
    }
  }

  /**
   * The background thread and its queue. It holds no reference to its {@link Epoch}, so an
   * abandoned epoch can be collected and its cleaner can stop the thread.
   */
  private static final class Prefetcher {
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final int batches;

    Prefetcher(Gatherer gatherer, int ahead) {
      this.queue = new ArrayBlockingQueue<>(ahead);
      this.batches = (gatherer.order.length + gatherer.batchSize - 1) / gatherer.batchSize;
      this.thread = new Thread(() -> run(gatherer), "chainrule-prefetch");
      thread.setDaemon(true);
    }

    private void run(Gatherer gatherer) {
      try {
        while (gatherer.hasNext()) {
          Object item;
          try {
            item = gatherer.next();
          } catch (RuntimeException | Error e) {
            item = e;                     // handed to the consumer, who rethrows it
          }
          queue.put(item);
          if (item instanceof Throwable) return;
        }
      } catch (InterruptedException e) {
        // stopped: the consumer closed or abandoned the epoch
      }
    }

    Batch take() {
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("DataLoader: interrupted while waiting for the next batch", e);
      }
      if (item instanceof RuntimeException e) throw e;
      if (item instanceof Error e) throw e;
      return (Batch) item;
    }

    void stop() { thread.interrupt(); }
  }

  @Override public String toString() {
    return "DataLoader(n=" + source.size() + ", batchSize=" + batchSize + (rng != null ? ", shuffled" : "")
        + (prefetch > 0 ? ", prefetch=" + prefetch : "") + (transform != null ? ", augment=" + transform : "")
        + (reuse ? ", reusing batches" : "") + ")";
  }
}
