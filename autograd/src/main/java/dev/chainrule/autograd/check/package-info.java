/**
 * Gradient checking for users' own test suites: {@link dev.chainrule.autograd.check.GradCheck}
 * compares analytic gradients (first and second order) with central finite differences in
 * float64 and reports the worst entries by input and index.
 */
package dev.chainrule.autograd.check;
