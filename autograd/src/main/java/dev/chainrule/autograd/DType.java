package dev.chainrule.autograd;

/** Element types: {@code F32} for training (the default), {@code F64} for gradient checks and precision work. */
public enum DType {
  /** IEEE 754 single precision, 4 bytes: training and inference (what the SIMD kernels are tuned for). */
  F32(4, Float.MAX_VALUE, 1e-7),
  /** IEEE 754 double precision, 8 bytes: gradient checks and reference computations. */
  F64(8, Double.MAX_VALUE, 1e-15);

  private final int bytes;
  private final double largestFinite;
  private final double probabilityMargin;

  DType(int bytes, double largestFinite, double probabilityMargin) {
    this.bytes = bytes;
    this.largestFinite = largestFinite;
    this.probabilityMargin = probabilityMargin;
  }

  /** The largest finite value of this type. */
  public double largestFinite() { return largestFinite; }

  /** Size of one element in bytes. */
  public int bytes() { return bytes; }

  /**
   * How far probabilities are kept from 0 and 1 before a logarithm (binary cross-entropy clamps
   * into [margin, 1 − margin]): near the type's machine epsilon, so 1 − margin still differs from 1
   * and log(margin) is finite.
   */
  public double probabilityMargin() { return probabilityMargin; }
}
