/**
 * Gradient properties: {@link dev.chainrule.autograd.gradients.PrimitiveProperties} checks every
 * sealed primitive (found through {@code getPermittedSubclasses()}) against finite differences
 * and forward mode; the other properties check the public operations over random shapes,
 * broadcasting and values in float64 (first and, where smooth, second order).
 */
package dev.chainrule.autograd.gradients;
