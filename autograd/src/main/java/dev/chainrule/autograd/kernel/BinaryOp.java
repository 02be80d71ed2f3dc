package dev.chainrule.autograd.kernel;

/** Elementwise functions of two same-length arrays, applied by {@link Kernels#binary}. */
public enum BinaryOp {
  ADD, SUB, MUL, DIV,
  /** Larger of the two; NaN if either is NaN. */
  MAX,
  /** Smaller of the two; NaN if either is NaN. */
  MIN,
  /** a raised to b, as {@link StrictMath#pow}. */
  POW,
  /** 1 where a == b, else 0. */
  EQ,
  /** 1 where a &gt; b, else 0. */
  GT
}
