package dev.chainrule.autograd;

/** Element types: {@code F32} for training (the default), {@code F64} for gradient checks and precision work. */
public enum DType {
  /** IEEE 754 single precision, 4 bytes: training and inference (what the SIMD kernels are tuned for). */
  F32(4),
  /** IEEE 754 double precision, 8 bytes: gradient checks and reference computations. */
  F64(8);

  private final int bytes;

  DType(int bytes) { this.bytes = bytes; }

  /** Size of one element in bytes. */
  public int bytes() { return bytes; }
}
