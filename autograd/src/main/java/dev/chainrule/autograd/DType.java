package dev.chainrule.autograd;

/** Element types: {@code F32} for training (the default), {@code F64} for gradient checks and precision work. */
public enum DType {
  F32(4, Float.MAX_VALUE), F64(8, Double.MAX_VALUE);

  private final int bytes;
  private final double largestFinite;

  DType(int bytes, double largestFinite) {
    this.bytes = bytes;
    this.largestFinite = largestFinite;
  }

  /** The largest finite value of this type. */
  public double largestFinite() { return largestFinite; }

  /** Size of one element in bytes. */
  public int bytes() { return bytes; }
}
