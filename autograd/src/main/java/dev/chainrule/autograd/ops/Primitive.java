package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Function;

/**
 * The built-in operations with hand-written backward formulas. Sealed so that the gradient
 * property test can enumerate every one and fail when a new primitive has no property case.
 * Everything else on {@link dev.chainrule.autograd.Tensor} is composed from these.
 */
public sealed interface Primitive extends Function
    permits Abs, Add, Cast, Clamp, Concat, Div, Exp, Expand, IndexAdd, IndexSelect, Linear, Log, LogSumExp,
        MatMul, Max, Maximum, Minimum, Mul, Neg, Permute, Pow, PowScalar, Relu, Reshape, ScalarAdd,
        ScalarMul, Sigmoid, Slice, Sqrt, Step, Sub, Sum, Tanh, Unslice, Where {
}
