package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * How a layer's weights and biases are first drawn. Every scheme samples from the random source it
 * is given, weights first then biases, in row-major order: the same seed gives the same network.
 *
 * <p>A weight of any shape is drawn from its fan-in and fan-out ({@link Fans}): PyTorch's rule for
 * a weight [out, in, k₁, k₂, ...] (a linear layer's [out, in], a convolution's
 * [out_channels, in_channels, kernel...]) is fan_in = in·Πkᵢ and fan_out = out·Πkᵢ
 * ({@link Fans#of(Shape)}, used by {@link #weight(RandomGenerator, DType, Shape)}); a layer whose
 * weight is laid out otherwise declares its fans itself.
 *
 * <table>
 *   <caption>Built-in schemes (gain g, see {@link #gain(String)})</caption>
 *   <tr><th>scheme</th><th>weights</th><th>biases</th></tr>
 *   <tr><td>{@link #gaussian()}</td><td>N(0, 1)</td><td>N(0, 1)</td></tr>
 *   <tr><td>{@link #scaledGaussian()}</td><td>N(0, 1/fan_in)</td><td>N(0, 1)</td></tr>
 *   <tr><td>{@link #xavier()}</td><td>N(0, 2/(fan_in + fan_out))</td><td>0</td></tr>
 *   <tr><td>{@link #he()}</td><td>N(0, 2/fan_in)</td><td>0</td></tr>
 *   <tr><td>{@link #xavierNormal(double)}</td><td>N(0, g²·2/(fan_in + fan_out))</td><td>0</td></tr>
 *   <tr><td>{@link #xavierUniform(double)}</td><td>U(−a, a), a = g·√(6/(fan_in + fan_out))</td><td>0</td></tr>
 *   <tr><td>{@link #kaimingNormal(double, FanMode)}</td><td>N(0, g²/fan)</td><td>0</td></tr>
 *   <tr><td>{@link #kaimingUniform(double, FanMode)}</td><td>U(−a, a), a = g·√(3/fan)</td><td>0</td></tr>
 * </table>
 * The xavier and kaiming families are PyTorch's {@code torch.nn.init} formulas.
 *
 * <p>Write your own by implementing the two matrix methods; override
 * {@link #weight(RandomGenerator, DType, Fans, Shape)} too if it should make other shapes.
 */
public interface Init {

  /**
   * The fan-in and fan-out of a weight: how many inputs feed each output unit and how many outputs
   * each input unit feeds.
   */
  record Fans(int in, int out) {
    public Fans {
      if (in <= 0 || out <= 0) throw new IllegalArgumentException("Init.Fans: fan-in and fan-out must be positive, got " + in + " and " + out);
    }

    /**
     * PyTorch's rule for a weight [out, in, k₁, ...]: fan_in = in·Πkᵢ, fan_out = out·Πkᵢ
     * ({@code torch.nn.init._calculate_fan_in_and_fan_out}).
     */
    public static Fans of(Shape shape) {
      if (shape.rank() < 2) {
        throw new IllegalArgumentException("Init.Fans: fan-in and fan-out need a weight of rank >= 2 ([out, in, kernel...]), got "
            + shape + "; declare them with new Init.Fans(in, out)");
      }
      int receptive = 1;
      for (int i = 2; i < shape.rank(); i++) receptive *= shape.dim(i);
      return new Fans(shape.dim(1) * receptive, shape.dim(0) * receptive);
    }
  }

  /** Which fan a kaiming scheme keeps the variance of: forward activations (fan-in) or backward gradients (fan-out). */
  enum FanMode {
    /** Keep the variance of the forward activations: scale by the fan-in (PyTorch's default). */
    FAN_IN,
    /** Keep the variance of the backward gradients: scale by the fan-out. */
    FAN_OUT
  }

  /** A weight matrix of shape [fanOut, fanIn] (PyTorch's layout for a linear layer). */
  Tensor weight(RandomGenerator rng, DType dtype, int fanIn, int fanOut);

  /** A bias vector of shape [fanOut]. */
  Tensor bias(RandomGenerator rng, DType dtype, int fanIn, int fanOut);

  /** A weight of any {@code shape} with fans by PyTorch's rule, {@link Fans#of(Shape)}. */
  default Tensor weight(RandomGenerator rng, DType dtype, Shape shape) {
    return weight(rng, dtype, Fans.of(shape), shape);
  }

  /**
   * A weight of any {@code shape} with declared {@code fans}. The default makes [fanOut, fanIn]
   * matrices only (through {@link #weight(RandomGenerator, DType, int, int)}); the built-in
   * schemes make every shape.
   */
  default Tensor weight(RandomGenerator rng, DType dtype, Fans fans, Shape shape) {
    if (shape.rank() == 2 && shape.dim(0) == fans.out() && shape.dim(1) == fans.in()) {
      return weight(rng, dtype, fans.in(), fans.out());
    }
    throw new UnsupportedOperationException(this + " makes only [fanOut, fanIn] matrices, not " + shape + " with " + fans
        + "; override Init.weight(rng, dtype, fans, shape)");
  }

  /** Weights and biases from N(0, 1), as in the course (and Nielsen's first network). */
  static Init gaussian() {
    return new GaussianInit("gaussian", (in, out) -> 1.0, 1.0);
  }

  /**
   * Weights from N(0, 1/fan_in), biases from N(0, 1): keeps a neuron's weighted input z of order 1
   * so sigmoid neurons do not start saturated (Nielsen, ch. 3, "Weight initialization").
   */
  static Init scaledGaussian() {
    return new GaussianInit("scaledGaussian", (in, out) -> 1.0 / Math.sqrt(in), 1.0);
  }

  /**
   * Xavier/Glorot normal: weights from N(0, 2/(fan_in + fan_out)), zero biases; keeps activation and
   * gradient variance level for tanh/sigmoid layers. X. Glorot and Y. Bengio, "Understanding the
   * difficulty of training deep feedforward neural networks", AISTATS 2010.
   */
  static Init xavier() {
    return new GaussianInit("xavier", (in, out) -> Math.sqrt(2.0 / (in + out)), 0.0);
  }

  /**
   * He/Kaiming normal: weights from N(0, 2/fan_in), zero biases; the variance ReLU layers need.
   * K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers", ICCV 2015.
   */
  static Init he() {
    return new GaussianInit("he", (in, out) -> Math.sqrt(2.0 / in), 0.0);
  }

  /** PyTorch's {@code xavier_normal_(gain)}: N(0, std²) with std = g·√(2/(fan_in + fan_out)); zero biases. */
  static Init xavierNormal(double gain) {
    checkGain("xavierNormal", gain);
    return new GaussianInit("xavierNormal(gain=" + gain + ")", (in, out) -> gain * Math.sqrt(2.0 / (in + out)), 0.0);
  }

  /** PyTorch's {@code xavier_uniform_(gain)}: U(−a, a) with a = g·√(6/(fan_in + fan_out)); zero biases. */
  static Init xavierUniform(double gain) {
    checkGain("xavierUniform", gain);
    return new UniformInit("xavierUniform(gain=" + gain + ")", (in, out) -> gain * Math.sqrt(6.0 / (in + out)));
  }

  /** PyTorch's {@code kaiming_normal_}: N(0, std²) with std = g/√fan (fan_in or fan_out); zero biases. */
  static Init kaimingNormal(double gain, FanMode mode) {
    checkGain("kaimingNormal", gain);
    return new GaussianInit("kaimingNormal(gain=" + gain + ", " + mode + ")",
        (in, out) -> gain / Math.sqrt(mode == FanMode.FAN_IN ? in : out), 0.0);
  }

  /** PyTorch's {@code kaiming_uniform_}: U(−a, a) with a = √3·g/√fan (fan_in or fan_out); zero biases. */
  static Init kaimingUniform(double gain, FanMode mode) {
    checkGain("kaimingUniform", gain);
    return new UniformInit("kaimingUniform(gain=" + gain + ", " + mode + ")",
        (in, out) -> Math.sqrt(3.0) * (gain / Math.sqrt(mode == FanMode.FAN_IN ? in : out)));
  }

  /**
   * PyTorch's {@code calculate_gain}: 1 for "linear", "conv" and "sigmoid", 5/3 for "tanh", √2 for
   * "relu", √(2/(1 + 0.01²)) for "leaky_relu" (its default slope), 3/4 for "selu".
   */
  static double gain(String nonlinearity) {
    return switch (nonlinearity) {
      case "linear", "conv1d", "conv2d", "conv3d", "sigmoid" -> 1.0;
      case "tanh" -> 5.0 / 3;
      case "relu" -> Math.sqrt(2.0);
      case "leaky_relu" -> leakyReluGain(0.01);
      case "selu" -> 3.0 / 4;
      default -> throw new IllegalArgumentException("Init.gain: unknown nonlinearity '" + nonlinearity
          + "'; expected one of linear, conv1d, conv2d, conv3d, sigmoid, tanh, relu, leaky_relu, selu");
    };
  }

  /** PyTorch's gain for a leaky ReLU of negative slope {@code a}: √(2/(1 + a²)). */
  static double leakyReluGain(double a) {
    return Math.sqrt(2.0 / (1 + a * a));
  }

  private static void checkGain(String scheme, double gain) {
    if (!(gain > 0) || Double.isInfinite(gain)) throw new IllegalArgumentException("Init." + scheme + ": gain must be positive and finite, got " + gain);
  }
}
