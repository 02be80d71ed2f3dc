package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.kernel.KernelProvider;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's probe: the gradient of a chain of tanh and sigmoid must have the same bits on every
 * JDK (CI runs this on JDK 17 and JDK 25), so its SHA-256 is pinned. With {@code Math.tanh} in the
 * kernels, JDK 25 gave another float64 gradient than JDK 17. The float64 gradient is the same on
 * both kernel twins: its forward is the scalar reference on both, and its backward only
 * elementwise products and differences, which the twins compute bit for bit alike. The float32
 * one differs between the twins (the SIMD twin's own exp), so each twin has its own hash; 1024
 * elements leave no scalar tail at any vector width.
 */
class CrossJdkGradientTest {
  private static final String F64_SHA256 = "ec2dfdb4a183b2e2514b58da40574125bd03803a93bbc20c35112c9202038560";
  private static final String F32_SCALAR_SHA256 = "bac2ce9750125d38fdb277c782703c7094277d98a11de21a75ad7728b450d72b";
  private static final String F32_SIMD_SHA256 = "8ffb91b420451b4d71a799af1dbd5e2dc87049942aa01a24b34069474d0883b8";

  @Test
  void float64GradientOfTanhSigmoidChainHasPinnedBits() {
    double[] x = inputs();
    double[] grad = gradient(Tensor.of(x, x.length)).toDoubleArray();
    ByteBuffer bits = ByteBuffer.allocate(8 * grad.length);
    for (double g : grad) bits.putLong(Double.doubleToRawLongBits(g));
    assertEquals(F64_SHA256, sha256(bits), "SHA-256 of the float64 gradient's bits, kernels "
        + KernelProvider.kernels().name() + ", JDK " + Runtime.version());
  }

  @Test
  void float32GradientOfTanhSigmoidChainHasPinnedBitsPerTwin() {
    double[] x = inputs();
    float[] xf = new float[x.length];
    for (int i = 0; i < x.length; i++) xf[i] = (float) x[i];
    float[] grad = gradient(Tensor.of(xf, xf.length)).toFloatArray();
    ByteBuffer bits = ByteBuffer.allocate(4 * grad.length);
    for (float g : grad) bits.putInt(Float.floatToRawIntBits(g));
    String kernels = KernelProvider.kernels().name();
    assertEquals(kernels.equals("scalar") ? F32_SCALAR_SHA256 : F32_SIMD_SHA256, sha256(bits),
        "SHA-256 of the float32 gradient's bits, kernels " + kernels + ", JDK " + Runtime.version());
  }

  /** 1024 values, uniform in (-4, 4), seed 17. */
  private static double[] inputs() {
    SplittableRandom rng = new SplittableRandom(17);
    double[] x = new double[1024];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble(-4, 4);
    return x;
  }

  /** d/dx of sum(sigmoid(tanh(sigmoid(tanh(x))))). */
  private static Tensor gradient(Tensor x) {
    x.requiresGrad(true);
    x.tanh().sigmoid().tanh().sigmoid().sum().backward();
    return x.grad();
  }

  private static String sha256(ByteBuffer bits) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bits.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
