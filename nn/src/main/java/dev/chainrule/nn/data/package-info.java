/**
 * In-memory data sets and mini-batch iteration: {@link dev.chainrule.nn.data.Dataset} of
 * (input, target) rows, reshuffled from a seeded random source every epoch, and a train/validation
 * split.
 *
 * <p>Contract: row i of the inputs goes with row i of the targets; batches are fresh tensors
 * (gathered rows) that do not require grad; all randomness comes from the {@code RandomGenerator}
 * passed in, so a seed reproduces the batch order.
 */
package dev.chainrule.nn.data;
