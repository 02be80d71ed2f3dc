/**
 * Forward-mode differentiation: {@link dev.chainrule.autograd.forward.ForwardMode#jvp} computes
 * f(x) and the Jacobian-vector product J·v in one evaluation.
 *
 * <p>Contract: every op applied while a JVP runs needs a
 * {@link dev.chainrule.autograd.forward.ForwardRule} on its {@code Function}; every built-in
 * {@link dev.chainrule.autograd.ops.Primitive} declares one (the interface requires it). Rules are written with tensor operations, so JVPs can be
 * differentiated in reverse mode, and a JVP through a backward pass gives Hessian-vector
 * products. Only the outermost op is seen: tensor operations an op's forward uses internally do
 * not get tangents. Tangents are per thread and live for one {@code jvp} call.
 */
package dev.chainrule.autograd.forward;
