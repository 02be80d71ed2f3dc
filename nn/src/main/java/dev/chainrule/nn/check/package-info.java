/**
 * Checks for nn modules: {@link dev.chainrule.nn.check.ModuleContract} runs autograd's nine-item
 * {@link dev.chainrule.autograd.check.LayerContract} on a {@link dev.chainrule.nn.Module}, its
 * parameters as the contract's parameters.
 */
package dev.chainrule.nn.check;
