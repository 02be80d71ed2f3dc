package dev.chainrule.nn.io;

import java.nio.ByteBuffer;

/** Widening of 16-bit floats (IEEE half, bfloat16) to float; exact, NaN payloads kept where they fit. */
final class HalfFloats {
  private HalfFloats() {}

  /** {@code count} little-endian 16-bit values from {@code bytes}, as floats. */
  static float[] widen(boolean bfloat16, ByteBuffer bytes, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      int bits = bytes.getShort(2 * i) & 0xFFFF;
      out[i] = bfloat16 ? Float.intBitsToFloat(bits << 16) : halfToFloat(bits);
    }
    return out;
  }

  /** IEEE 754 binary16 to binary32: sign, 5-bit exponent (bias 15), 10-bit fraction. */
  static float halfToFloat(int h) {
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int fraction = h & 0x3FF;
    if (exponent == 0x1F) {                       // infinity or NaN: keep the payload's top bits
      return Float.intBitsToFloat(sign | 0x7F800000 | (fraction << 13));
    }
    if (exponent == 0) {                          // zero or subnormal: fraction · 2^-24, exact in float
      float magnitude = fraction * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
  }
}
