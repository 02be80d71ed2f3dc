/**
 * Data: reading, finding and batching it.
 *
 * <ul>
 *   <li>{@link dev.chainrule.nn.data.Examples}: n examples that batches can be gathered from;
 *       {@link dev.chainrule.nn.data.Dataset} holds them as tensors, {@link
 *       dev.chainrule.nn.data.DataSplit} as labelled images.
 *   <li>{@link dev.chainrule.nn.data.DataLoader}: mini-batches, a seeded reshuffle every epoch and
 *       an optional background prefetch that does not change results.
 *   <li>{@link dev.chainrule.nn.data.IdxReader}: IDX files (MNIST, Fashion-MNIST), plain or gzip;
 *       {@link dev.chainrule.nn.data.Mnist}: the course's 50,000 / 10,000 / 10,000 split.
 *   <li>{@link dev.chainrule.nn.data.DatasetLocator} and {@link
 *       dev.chainrule.nn.data.VerifiedDownloader}: a data set from {@code --data}, an environment
 *       variable, the user cache or a download checked against its SHA-256.
 * </ul>
 *
 * <p>Contract: row i of the inputs goes with row i of the targets; batches are fresh tensors that
 * do not require grad; all randomness comes from the {@code RandomGenerator} passed in, so a seed
 * reproduces the batch order. Images are row-major float32 scaled to [0, 1] (raw byte / 255),
 * labels are {@code int}. A malformed file is never silently accepted: {@link
 * dev.chainrule.nn.data.IdxFormatException} names the file, the byte offset in the
 * (decompressed) IDX stream, what was expected and what was found. Downloads are verified by
 * SHA-256 and renamed into place atomically, so a failed download leaves no file behind.
 */
package dev.chainrule.nn.data;
