package dev.chainrule.autograd;

/** Element types: {@code F32} for training (the default), {@code F64} for gradient checks and precision work. */
public enum DType {
  F32(4), F64(8);

  private final int bytes;

  DType(int bytes) { this.bytes = bytes; }

  /** Size of one element in bytes. */
  public int bytes() { return bytes; }
}
