package dev.chainrule.autograd;

/**
 * The result of {@link Tensor#sort} and {@link Tensor#topk}: the values in order (differentiable:
 * they are gathered from the input, so the gradient flows back to the positions they came from)
 * and, for each, its position along the sorted axis. The positions are a constant tensor of the
 * input's float dtype holding whole numbers, since Chainrule has no integer dtype yet.
 *
 * @param values  the sorted values, shaped like the input (or k long along the axis for topk)
 * @param indices where each value was along the axis, as whole numbers in the input's dtype
 */
public record Sorted(Tensor values, Tensor indices) {}
