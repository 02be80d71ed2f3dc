/**
 * Plain-array data loading for the examples: IDX files (MNIST, Fashion-MNIST), locating or
 * downloading a data set, and the course's training/validation/test split.
 *
 * <p>Contract: nothing here depends on the Tensor API. Images are row-major {@code float[]}
 * scaled to [0, 1] (raw byte / 255), labels are {@code int[]}. A malformed file is never
 * silently accepted: {@link dev.chainrule.examples.data.IdxFormatException} names the file, the
 * byte offset in the (decompressed) IDX stream, what was expected and what was found. Downloads
 * are verified by SHA-256 and renamed into place atomically, so a failed download leaves no
 * file behind.
 */
package dev.chainrule.examples.data;
