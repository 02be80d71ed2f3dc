/**
 * Whole training steps and epochs of the course network (784-100-10 sigmoid, quadratic cost, SGD
 * η = 3.0): {@link dev.chainrule.benchmarks.training.TrainingStepBench} times one step under JMH,
 * scalar vs SIMD kernels; {@link dev.chainrule.benchmarks.training.CourseEpochTimer} times real
 * MNIST epochs through the nn Trainer and prints {@code RESULT} lines for benchmarks/compare.sh.
 * Everything here is single-threaded and uses only the public nn/examples API.
 */
package dev.chainrule.benchmarks.training;
