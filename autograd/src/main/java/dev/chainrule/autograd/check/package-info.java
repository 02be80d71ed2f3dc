/**
 * Checking differentiable code from users' own test suites.
 *
 * <ul>
 *   <li>{@link dev.chainrule.autograd.check.GradCheck} compares analytic gradients (first and
 *       second order) with central finite differences in float64 and reports the worst entries
 *       by input and index.</li>
 *   <li>{@link dev.chainrule.autograd.check.LayerContract} checks a new op or layer in one call
 *       against nine named properties ({@link dev.chainrule.autograd.check.ContractItem}) and
 *       returns a {@link dev.chainrule.autograd.check.ContractReport} whose assertion message
 *       lists every item, the worst entries of a failure and an error-versus-eps sweep
 *       ({@link dev.chainrule.autograd.check.ErrorSweep}) that tells truncation from round-off
 *       from a wrong gradient.</li>
 *   <li>{@link dev.chainrule.autograd.check.Determinism} asserts that a training step is
 *       bit-for-bit repeatable, on one thread and on several.</li>
 * </ul>
 *
 * <p>Contract: checks never modify the caller's tensors or their {@code .grad()}; every
 * evaluation runs on fresh copies. Inputs are float64 (float32 is derived where a check needs it).
 */
package dev.chainrule.autograd.check;
