/**
 * Optimizers: {@link dev.chainrule.nn.optim.Sgd} (the course's update, with optional momentum and
 * the course's L2 weight decay) and {@link dev.chainrule.nn.optim.Adam}, and learning-rate
 * schedules, per epoch ({@link dev.chainrule.nn.optim.LearningRateSchedule}: constant, step,
 * cosine) or per step ({@link dev.chainrule.nn.optim.StepSchedule}: linear warm-up, cosine with
 * warm-up, one-cycle).
 *
 * <p>Contract: an optimizer is built over a fixed list of parameters (leaves that require grad);
 * {@code step()} updates each parameter that has a gradient in place, under
 * {@code GradMode.off()}, with {@code addInPlace}/{@code mulInPlace} so no graph is recorded and
 * tensors saved by a stale graph notice the change; it never clears gradients: call
 * {@code zeroGrad()} before each backward. Learning rates apply to the gradient of a batch-mean
 * cost, so {@code lr} is the course's η (see {@link dev.chainrule.nn.optim.Sgd}). The rate is a
 * property of every optimizer ({@code learningRate()}/{@code setLearningRate}, positive and
 * finite) read afresh by every {@code step()}; changing it keeps the optimizer's state.
 * {@code toString} shows the hyperparameters. {@code state()} returns copies of what an optimizer
 * remembers between steps ({@link dev.chainrule.nn.optim.OptimizerState}: momentum, Adam's
 * moments and step count) and {@code loadState} restores them, checked against the parameters;
 * the learning rate is not part of it.
 */
package dev.chainrule.nn.optim;
