/**
 * Where a step's time goes: {@link dev.chainrule.autograd.profile.Profiler} times every
 * operation's forward and backward on the current thread through an
 * {@link dev.chainrule.autograd.EngineHook}, prints a table per operation and writes a Chrome
 * trace. With no profiler open the engine runs exactly as without this package.
 */
package dev.chainrule.autograd.profile;
