package dev.chainrule.autograd.kernel;

/** Elementwise functions of an array x and one scalar s, applied by {@link Kernels#scalar}. */
public enum ScalarOp {
  /** x + s */ ADD,
  /** x * s */ MUL,
  /** s - x */ RSUB,
  /** s / x */ RDIV,
  /** x ^ s */ POW,
  /** max(x, s) */ MAX,
  /** min(x, s) */ MIN,
  /** 1 where x &gt;= s, else 0 */ GE,
  /** 1 where x &lt;= s, else 0 */ LE
}
