package dev.chainrule.autograd;

/**
 * Element types: {@code F32} for training (the default), {@code F64} for gradient checks and
 * precision work, and the integer types {@code I32} and {@code I64} for class labels and indices
 * (PyTorch's {@code torch.int32} and {@code torch.int64}, safetensors' "I32" and "I64"). Integer
 * tensors take no gradient and no arithmetic: they are made, reshaped, sliced, gathered, saved and
 * converted, and they index (gather, scatterAdd, indexSelect, take, embedding, class-index costs).
 */
public enum DType {
  /** IEEE 754 single precision, 4 bytes: training and inference (what the SIMD kernels are tuned for). */
  F32(4, true, Float.MAX_VALUE, 1e-7),
  /** IEEE 754 double precision, 8 bytes: gradient checks and reference computations. */
  F64(8, true, Double.MAX_VALUE, 1e-15),
  /** 32-bit two's-complement integers, 4 bytes: labels and indices (PyTorch's int32). */
  I32(4, false, Integer.MAX_VALUE, Double.NaN),
  /** 64-bit two's-complement integers, 8 bytes: labels and indices (PyTorch's int64, its default index type). */
  I64(8, false, Long.MAX_VALUE, Double.NaN);

  private final int bytes;
  private final boolean floatingPoint;
  private final double largestFinite;
  private final double probabilityMargin;

  DType(int bytes, boolean floatingPoint, double largestFinite, double probabilityMargin) {
    this.bytes = bytes;
    this.floatingPoint = floatingPoint;
    this.largestFinite = largestFinite;
    this.probabilityMargin = probabilityMargin;
  }

  /** The largest finite value of this type (for I64 the nearest double, 2⁶³). */
  public double largestFinite() { return largestFinite; }

  /** Size of one element in bytes. */
  public int bytes() { return bytes; }

  /**
   * Whether this is F32 or F64 (PyTorch's {@code is_floating_point}): only floating-point tensors
   * do arithmetic and require gradients.
   */
  public boolean isFloatingPoint() { return floatingPoint; }

  /**
   * How far probabilities are kept from 0 and 1 before a logarithm (binary cross-entropy clamps
   * into [margin, 1 − margin]): near the type's machine epsilon, so 1 − margin still differs from 1
   * and log(margin) is finite.
   *
   * @throws IllegalStateException for an integer type, which holds no probabilities
   */
  public double probabilityMargin() {
    if (!floatingPoint) {
      throw new IllegalStateException("probabilityMargin: " + this + " is an integer type; probabilities are F32 or F64");
    }
    return probabilityMargin;
  }
}
