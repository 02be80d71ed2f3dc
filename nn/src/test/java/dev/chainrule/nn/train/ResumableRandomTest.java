package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class ResumableRandomTest {
  /** Every scalar method, as a long, so sequences compare bit for bit. */
  @SuppressWarnings("unchecked")
  private static final ToLongFunction<RandomGenerator>[] DRAWS = new ToLongFunction[] {
    (ToLongFunction<RandomGenerator>) RandomGenerator::nextLong,
    (ToLongFunction<RandomGenerator>) r -> r.nextInt(),
    (ToLongFunction<RandomGenerator>) r -> r.nextInt(7),
    (ToLongFunction<RandomGenerator>) r -> r.nextInt(1_000_000_007),
    (ToLongFunction<RandomGenerator>) r -> r.nextInt(-5, 9),
    (ToLongFunction<RandomGenerator>) r -> r.nextLong(1L << 62 | 3),
    (ToLongFunction<RandomGenerator>) r -> r.nextLong(-9, 1L << 40),
    (ToLongFunction<RandomGenerator>) r -> Double.doubleToRawLongBits(r.nextDouble()),
    (ToLongFunction<RandomGenerator>) r -> Double.doubleToRawLongBits(r.nextDouble(3.5)),
    (ToLongFunction<RandomGenerator>) r -> Double.doubleToRawLongBits(r.nextDouble(-1, 1)),
    (ToLongFunction<RandomGenerator>) r -> Float.floatToRawIntBits(r.nextFloat()),
    (ToLongFunction<RandomGenerator>) r -> Float.floatToRawIntBits(r.nextFloat(2f)),
    (ToLongFunction<RandomGenerator>) r -> Float.floatToRawIntBits(r.nextFloat(-2f, 2f)),
    (ToLongFunction<RandomGenerator>) r -> r.nextBoolean() ? 1 : 0,
    (ToLongFunction<RandomGenerator>) r -> Double.doubleToRawLongBits(r.nextGaussian()),
    (ToLongFunction<RandomGenerator>) r -> Double.doubleToRawLongBits(r.nextGaussian(1, 2)),
    (ToLongFunction<RandomGenerator>) r -> Double.doubleToRawLongBits(r.nextExponential()),
    (ToLongFunction<RandomGenerator>) r -> { byte[] b = new byte[11]; r.nextBytes(b); return java.util.Arrays.hashCode(b); },
  };

  @Test void drawsAsSplittableRandomWithStateSnapshotsInBetweenAndRestoresContinue() {
    SplittableRandom pick = new SplittableRandom(99);
    for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x9e3779b97f4a7c15L}) {
      SplittableRandom reference = new SplittableRandom(seed);
      ResumableRandom r = new ResumableRandom(seed);
      for (int step = 0; step < 3000; step++) {
        var draw = DRAWS[pick.nextInt(DRAWS.length)];
        if (pick.nextInt(10) == 0) {
          long state = r.state();
          if (pick.nextBoolean()) r = new ResumableRandom(state);   // a restored generator continues
        }
        assertEquals(draw.applyAsLong(reference), draw.applyAsLong(r), "seed " + seed + ", draw " + step);
      }
    }
  }

  @Test void unmixInvertsSplittableRandomsFinaliser() {
    // new SplittableRandom(s).nextLong() is mix64(s + gamma): unmix gives s + gamma back.
    SplittableRandom pick = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      long s = pick.nextLong();
      assertEquals(s + 0x9e3779b97f4a7c15L, ResumableRandom.unmix64(new SplittableRandom(s).nextLong()));
    }
  }
}
