package dev.chainrule.autograd;

/**
 * The result of {@link Tensor#sort} and {@link Tensor#topk}: the values in order (differentiable:
 * they are gathered from the input, so the gradient flows back to the positions they came from)
 * and, for each, its position along the sorted axis. The positions are a constant tensor of
 * dtype I64 (PyTorch's torch.long), so they index straight back with gather.
 *
 * @param values  the sorted values, shaped like the input (or k long along the axis for topk)
 * @param indices where each value was along the axis, I64
 */
public record Sorted(Tensor values, Tensor indices) {}
