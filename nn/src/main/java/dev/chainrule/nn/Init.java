package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * How a layer's weights and biases are first drawn. Every scheme samples from the random source it
 * is given, weights first then biases, in row-major order: the same seed gives the same network.
 *
 * <p>Write your own by implementing the two methods; the built-ins are zero-mean Gaussians:
 * <table>
 *   <caption>Built-in schemes</caption>
 *   <tr><th>scheme</th><th>weights</th><th>biases</th></tr>
 *   <tr><td>{@link #gaussian()}</td><td>N(0, 1)</td><td>N(0, 1)</td></tr>
 *   <tr><td>{@link #scaledGaussian()}</td><td>N(0, 1/fan_in)</td><td>N(0, 1)</td></tr>
 *   <tr><td>{@link #xavier()}</td><td>N(0, 2/(fan_in + fan_out))</td><td>0</td></tr>
 *   <tr><td>{@link #he()}</td><td>N(0, 2/fan_in)</td><td>0</td></tr>
 * </table>
 */
public interface Init {

  /** A weight matrix of shape [fanOut, fanIn] (PyTorch's layout for a linear layer). */
  Tensor weight(RandomGenerator rng, DType dtype, int fanIn, int fanOut);

  /** A bias vector of shape [fanOut]. */
  Tensor bias(RandomGenerator rng, DType dtype, int fanIn, int fanOut);

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
}
