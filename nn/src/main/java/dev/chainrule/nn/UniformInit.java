package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/** The uniform {@link Init} schemes: weights from U(−a, a) with a fan-dependent bound a, zero biases. */
record UniformInit(String name, GaussianInit.FanStd bound) implements Init {

  @Override public Tensor weight(RandomGenerator rng, DType dtype, int fanIn, int fanOut) {
    return weight(rng, dtype, new Fans(fanIn, fanOut), Shape.of(fanOut, fanIn));
  }

  @Override public Tensor weight(RandomGenerator rng, DType dtype, Fans fans, Shape shape) {
    double a = bound.std(fans.in(), fans.out());
    return Tensor.rand(rng, dtype, -a, a, shape.dims());
  }

  @Override public Tensor bias(RandomGenerator rng, DType dtype, int fanIn, int fanOut) {
    return Tensor.zeros(dtype, fanOut);
  }

  @Override public String toString() { return name; }
}
