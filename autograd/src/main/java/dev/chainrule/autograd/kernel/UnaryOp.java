package dev.chainrule.autograd.kernel;

/** Elementwise functions of one argument, applied by {@link Kernels#unary}. */
public enum UnaryOp {
  NEG, EXP, LOG, SQRT, SIGMOID, TANH, RELU,
  /** Heaviside step: 1 where x &gt; 0, else 0. */
  STEP,
  ABS,
  /** -1, 0 or 1 (0 for ±0 and NaN). */
  SIGN
}
