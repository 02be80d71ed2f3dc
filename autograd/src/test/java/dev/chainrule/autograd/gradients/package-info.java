/**
 * Gradient properties: every public differentiable operation passes GradCheck (first and, where
 * smooth, second order) over random shapes, broadcasting and values in float64;
 * {@link dev.chainrule.autograd.gradients.PrimitiveCoverageTest} fails when a sealed primitive has
 * no property.
 */
package dev.chainrule.autograd.gradients;
