package dev.chainrule.nn.data;

import java.util.random.RandomGenerator;

/**
 * A random change to a training batch, such as data augmentation ({@link RandomShift}): applied by
 * a {@link DataLoader} (or {@code Trainer.builder().augment(...)}) to every training batch, never
 * to evaluation.
 *
 * <p>Contract: the result is a fresh batch of the same shapes; the input batch is not modified;
 * every random choice is drawn from {@code rng} (the loader hands each epoch its own seeded
 * generator, so a seed reproduces the batches, with or without prefetch).
 */
@FunctionalInterface
public interface BatchTransform {
  /** The transformed batch, drawing its random choices from {@code rng}. */
  Batch apply(Batch batch, RandomGenerator rng);
}
