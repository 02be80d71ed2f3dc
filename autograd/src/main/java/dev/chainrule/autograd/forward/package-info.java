/**
 * Forward-mode differentiation: {@link dev.chainrule.autograd.forward.ForwardMode#jvp} computes
 * f(x) and the Jacobian-vector product J·v in one evaluation.
 *
 * <p>Contract: every op applied while a JVP runs needs a
 * {@link dev.chainrule.autograd.forward.ForwardRule}, either on its own {@code Function} or, for
 * the built-in primitives, in {@link dev.chainrule.autograd.forward.BuiltinTangents} (one rule per
 * primitive, a test enforces it). Rules are written with tensor operations, so JVPs can be
 * differentiated in reverse mode, and a JVP through a backward pass gives Hessian-vector
 * products. Only the outermost op is seen: tensor operations an op's forward uses internally do
 * not get tangents. Tangents are per thread and live for one {@code jvp} call.
 */
package dev.chainrule.autograd.forward;
