package dev.chainrule.autograd.kernel;

/** Reductions along one axis, applied by {@link Kernels#reduceAxis}. */
public enum ReduceOp {
  SUM,
  /** Largest value; NaN if any value is NaN. */
  MAX
}
