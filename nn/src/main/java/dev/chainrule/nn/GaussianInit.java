package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/** The Gaussian {@link Init} schemes: zero-mean Gaussian weights with a fan-dependent std, constant-std biases. */
record GaussianInit(String name, FanStd weightStd, double biasStd) implements Init {

  /** A scale (standard deviation or bound) of the weights as a function of (fan_in, fan_out). */
  @FunctionalInterface interface FanStd {
    double std(int fanIn, int fanOut);
  }

  @Override public Tensor weight(RandomGenerator rng, DType dtype, int fanIn, int fanOut) {
    return Tensor.randn(rng, dtype, 0.0, weightStd.std(fanIn, fanOut), fanOut, fanIn);
  }

  @Override public Tensor weight(RandomGenerator rng, DType dtype, Fans fans, Shape shape) {
    return Tensor.randn(rng, dtype, 0.0, weightStd.std(fans.in(), fans.out()), shape.dims());
  }

  @Override public Tensor bias(RandomGenerator rng, DType dtype, int fanIn, int fanOut) {
    return biasStd == 0.0 ? Tensor.zeros(dtype, fanOut) : Tensor.randn(rng, dtype, 0.0, biasStd, fanOut);
  }

  @Override public String toString() { return name; }
}
