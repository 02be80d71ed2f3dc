/**
 * jqwik generators for properties about tensors, shipped in autograd's test-jar:
 * {@link dev.chainrule.autograd.testing.TensorArbitraries} gives shapes, broadcast- and
 * matmul-compatible shape pairs, and tensors whose values come from a
 * {@link dev.chainrule.autograd.check.Domain} (kept off kinks and poles). Everything shrinks.
 */
package dev.chainrule.autograd.testing;
