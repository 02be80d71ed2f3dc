/**
 * Reading and writing arrays in the safetensors format, independent of {@code Tensor}.
 *
 * <p>Contract. A file is an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON
 * (an object mapping each tensor name to {@code {"dtype", "shape", "data_offsets"}} plus an optional
 * {@code "__metadata__"} object of string values), then the data section: every tensor's elements
 * as little-endian values (IEEE 754, or two's complement for integers), row-major, at
 * {@code [begin, end)} relative to the section. {@code F32}, {@code F64}, {@code I32} and {@code I64}
 * (labels and indices, as PyTorch saves int32/int64 tensors) are read and written; {@code F16} and
 * {@code BF16} entries (as PyTorch saves half-precision models) are read and widened to {@code F32},
 * which is exact.
 *
 * <ul>
 *   <li>{@link dev.chainrule.nn.io.SafeTensors#write} lays the tensors out contiguously in the
 *       map's iteration order, pads the header with spaces to a multiple of 8, and replaces the
 *       target atomically (temporary file in the same directory, fsync, atomic rename, fsync of the
 *       directory): a failed write leaves any previous file untouched and no temporary file
 *       behind, and so does a process stopped by Ctrl-C or SIGTERM mid-write (a shutdown hook
 *       deletes the temporary file; after a SIGKILL it stays, see
 *       {@link dev.chainrule.nn.io.SafeTensors#isTemporaryOf}). Files get the permissions any new
 *       file gets (0644 under the usual umask 022).
 *   <li>{@link dev.chainrule.nn.io.SafeTensors#read} validates everything before trusting it and
 *       throws {@link dev.chainrule.nn.io.SafeTensorsFormatException} naming the file, the byte
 *       offset and what was expected: header length beyond the file, malformed JSON (duplicate
 *       keys included), unknown dtype, a shape whose element count does not match the byte range,
 *       overlapping, out-of-range or gapped offsets, and truncated data. Tensors come back ordered
 *       by data offset, i.e. in file order.
 *   <li>{@link dev.chainrule.nn.io.NamedArray} is a plain holder; it does not copy its arrays.
 * </ul>
 * Values round-trip bit-exactly, NaN payloads and -0.0 included.
 */
package dev.chainrule.nn.io;
