/**
 * The tensor and the reverse-mode engine.
 *
 * <ul>
 *   <li>{@link dev.chainrule.autograd.Tensor}: a dense, row-major float32 or float64 array that
 *       records the operations applied to it; {@link dev.chainrule.autograd.Tensor#backward()}
 *       walks the record backwards.</li>
 *   <li>{@link dev.chainrule.autograd.Function}: a differentiable operation (forward and
 *       vector-Jacobian product), the interface shared by the built-in primitives of
 *       {@code dev.chainrule.autograd.ops} and users' own operations;
 *       {@link dev.chainrule.autograd.Context} carries what one application keeps for backward.</li>
 *   <li>{@link dev.chainrule.autograd.Autograd}: {@code grad} without touching {@code .grad()},
 *       with create-graph for higher derivatives; {@link dev.chainrule.autograd.Derivatives}:
 *       Jacobians, Hessians, Hessian-vector products built on it.</li>
 *   <li>Modes, each thread-local: {@link dev.chainrule.autograd.GradMode} (recording on or off),
 *       {@link dev.chainrule.autograd.AnomalyMode} (where a NaN came from), and forward mode in
 *       {@link dev.chainrule.autograd.forward}.</li>
 * </ul>
 *
 * <p>Contract: operations never modify their operands (methods that do end in {@code InPlace},
 * are never recorded, and bump the tensor's version so a saved tensor changed in place is caught
 * at backward). Gradients accumulate ({@code +=}) in a fixed topological order, so the same inputs
 * and kernels give the same bits on every run. A leaf owns its {@code .grad()}: no two leaves, and
 * no tensor of the graph, share its storage. Bad arguments throw
 * {@link java.lang.IllegalArgumentException} naming the operation and both shapes; misuse of the
 * graph (a second backward through a freed graph, a saved tensor changed in place) throws
 * {@link java.lang.IllegalStateException}. Not thread-safe: a tensor and its graph belong to one
 * thread at a time.
 */
package dev.chainrule.autograd;
