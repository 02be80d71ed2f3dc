/**
 * The training loop: {@link dev.chainrule.nn.train.Trainer} (epochs of mini-batch steps, shuffled
 * when given a random source, per-epoch evaluation of the cost and a
 * {@link dev.chainrule.nn.train.Metric} (accuracy by default, or none),
 * {@link dev.chainrule.nn.train.EarlyStopping} that restores the best weights, a learning-rate
 * schedule per epoch or per step, a step limit, gradient accumulation,
 * {@link dev.chainrule.nn.train.GradientClipping}, {@link dev.chainrule.nn.train.GradientHook}s,
 * {@link dev.chainrule.nn.train.EpochListener} callbacks) and the metrics it reports.
 *
 * <p>Contract: training runs the model in training mode and evaluation in evaluation mode with no
 * graph recorded; gradients are zeroed before the first micro-batch of every optimizer step;
 * statistics are means over examples; the run is reproducible from the seeds of the random
 * sources the caller supplies.
 * Every batch's cost is checked before its backward pass: a NaN or infinity stops training
 * ({@link dev.chainrule.nn.train.NonFiniteLossException}) unless a
 * {@link dev.chainrule.nn.train.NonFinitePolicy} says otherwise. A run continues from a saved
 * epoch with {@code startEpoch}, given the model and optimizer state
 * ({@link dev.chainrule.nn.Checkpoint}) and the position of a
 * {@link dev.chainrule.nn.train.ResumableRandom}; it then gives the same bits as a run that
 * never stopped.
 */
package dev.chainrule.nn.train;
