/**
 * The built-in primitives: the operations with hand-written derivatives, one class per operation.
 * Everything else on {@link dev.chainrule.autograd.Tensor} (softmax, mean, tanh-free composites,
 * costs) is composed from them and differentiated for free.
 *
 * <p>Each file is the operation's only home. Its Javadoc's first sentence is the formula pair
 * (value; gradient), so {@code grep -h '^/\*\*' ops/*.java} reads as the table of derivatives.
 *
 * <p>Contract of every {@link dev.chainrule.autograd.ops.Primitive}: {@code forward} trusts its
 * inputs (the {@link dev.chainrule.autograd.Tensor} method that applies it has validated them),
 * never modifies them and returns a new tensor; {@code backward} returns one gradient per input,
 * with that input's shape and dtype, or {@code null} when {@code ctx.needsGrad(i)} is false, and
 * is written with tensor operations so that it can itself be differentiated (where a faster
 * kernel path exists it runs only when nothing records). {@link dev.chainrule.autograd.ops.Compute}
 * turns kernels into tensors. A one-input primitive whose gradient is zero except where it read
 * (slice, gather) may also implement {@link dev.chainrule.autograd.ops.SparseAdjoint}: when nothing
 * records, the engine then adds dy where it lands instead of calling {@code backward}.
 */
package dev.chainrule.autograd.ops;
