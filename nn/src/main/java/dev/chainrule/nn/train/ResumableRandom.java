package dev.chainrule.nn.train;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link SplittableRandom} whose position in its sequence can be saved and restored, so that a
 * training run continued from a checkpoint shuffles and drops out exactly as the uninterrupted run
 * would have. It draws the same numbers as {@code new SplittableRandom(seed)}.
 *
 * <pre>{@code
 * var rng = new ResumableRandom(1);          // same draws as new SplittableRandom(1)
 * ... train an epoch ...
 * long state = rng.state();                  // save it beside the weights
 * var again = new ResumableRandom(state);    // continues where rng is now, draw for draw
 * rng.restore(state);                        // or puts a generator that layers hold back there
 * }</pre>
 *
 * <p>How: {@code new SplittableRandom(s)} keeps a 64-bit counter starting at s, adds the golden
 * gamma 0x9e3779b97f4a7c15 before each draw and returns {@code mix64(counter)}. {@code mix64} is a
 * bijection, so one draw reveals the counter; {@link #state()} makes that draw and then continues
 * from a fresh generator set one gamma back, which replays the drawn value next. A test pins this
 * against {@code SplittableRandom} itself, on every JDK the build runs on.
 *
 * <p>The scalar methods are those of the underlying {@code SplittableRandom}; the stream methods
 * ({@code ints()}, ...) are {@link RandomGenerator}'s defaults over them. Not thread-safe.
 */
public final class ResumableRandom implements RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final long M1 = 0xbf58476d1ce4e5b9L, M2 = 0x94d049bb133111ebL;
  private static final long M1_INVERSE = inverse(M1), M2_INVERSE = inverse(M2);

  private SplittableRandom delegate;

  /** Draws as {@code new SplittableRandom(seed)}; also restores a {@link #state()}. */
  public ResumableRandom(long seed) {
    this.delegate = new SplittableRandom(seed);
  }

  /**
   * A seed from which {@code new ResumableRandom(seed)} continues with the same draws as this
   * generator from now on. The sequence of this generator is unchanged by the call.
   */
  public long state() {
    long counter = unmix64(delegate.nextLong());
    long seed = counter - GOLDEN_GAMMA;
    delegate = new SplittableRandom(seed);
    return seed;
  }

  /**
   * Continues from {@code state} (a {@link #state()} of this or another generator): the draws
   * from now on are those that followed the state. Layers that hold this generator (dropout)
   * follow too, which a new instance would not do.
   */
  public void restore(long state) {
    delegate = new SplittableRandom(state);
  }

  /** SplittableRandom's finaliser (Stafford's variant 13 of MurmurHash3's), inverted step by step. */
  static long unmix64(long z) {
    z = z ^ (z >>> 31) ^ (z >>> 62);
    z *= M2_INVERSE;
    z = z ^ (z >>> 27) ^ (z >>> 54);
    z *= M1_INVERSE;
    return z ^ (z >>> 30) ^ (z >>> 60);
  }

  /** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits). */
  private static long inverse(long odd) {
    long x = odd;
    for (int i = 0; i < 6; i++) x *= 2 - odd * x;
    return x;
  }

  @Override public long nextLong() { return delegate.nextLong(); }
  @Override public long nextLong(long bound) { return delegate.nextLong(bound); }
  @Override public long nextLong(long origin, long bound) { return delegate.nextLong(origin, bound); }
  @Override public int nextInt() { return delegate.nextInt(); }
  @Override public int nextInt(int bound) { return delegate.nextInt(bound); }
  @Override public int nextInt(int origin, int bound) { return delegate.nextInt(origin, bound); }
  @Override public double nextDouble() { return delegate.nextDouble(); }
  @Override public double nextDouble(double bound) { return delegate.nextDouble(bound); }
  @Override public double nextDouble(double origin, double bound) { return delegate.nextDouble(origin, bound); }
  @Override public float nextFloat() { return delegate.nextFloat(); }
  @Override public float nextFloat(float bound) { return delegate.nextFloat(bound); }
  @Override public float nextFloat(float origin, float bound) { return delegate.nextFloat(origin, bound); }
  @Override public boolean nextBoolean() { return delegate.nextBoolean(); }
  @Override public void nextBytes(byte[] bytes) { delegate.nextBytes(bytes); }
  @Override public double nextGaussian() { return delegate.nextGaussian(); }
  @Override public double nextGaussian(double mean, double stddev) { return delegate.nextGaussian(mean, stddev); }
  @Override public double nextExponential() { return delegate.nextExponential(); }

  @Override public String toString() { return "ResumableRandom"; }
}
