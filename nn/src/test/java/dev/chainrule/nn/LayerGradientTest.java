package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.nn.loss.QuadraticCost;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every built-in layer's gradient against central differences, in float64. */
class LayerGradientTest {
  final SplittableRandom rng = new SplittableRandom(11);

  Tensor rand(int... dims) { return Tensor.rand(rng, DType.F64, -2, 2, dims); }

  @Test void denseGradientsForInputWeightAndBias() {
    GradCheck.of("Dense", in -> new Dense(in[1], in[2]).forward(in[0]))
        .check(rand(5, 4), rand(3, 4), rand(3)).assertPassed();
  }

  @Test void denseBuiltFromAnInitInF64() {
    Dense d = new Dense(4, 3, Init.xavier(), rng, DType.F64);
    assertEquals(DType.F64, d.weight().dtype());
    GradCheck.of("Dense(4->3)", in -> d.forward(in[0])).check(rand(2, 4)).assertPassed();
  }

  @Test void activations() {
    Tensor x = rand(4, 5);
    GradCheck.of("Sigmoid", in -> Activation.sigmoid().forward(in[0])).check(x).assertPassed();
    GradCheck.of("Tanh", in -> Activation.tanh().forward(in[0])).check(x).assertPassed();
    GradCheck.of("Softmax", in -> Activation.softmax().forward(in[0])).check(x).assertPassed();
    // keep ReLU's inputs off the kink at 0, where the derivative is undefined
    Tensor offKink = x.abs().add(0.1).mul(Tensor.of(new double[] {1, -1, 1, -1, 1}, 5));
    GradCheck.of("ReLU", in -> Activation.relu().forward(in[0])).check(offKink).assertPassed();
  }

  @Test void stepHasZeroGradientEverywhere() {
    Tensor x = rand(3, 3).requiresGrad(true);
    Activation.step().forward(x).sum().backward();
    for (double g : x.grad().toDoubleArray()) assertEquals(0.0, g);
    GradCheck.of("Step", in -> Activation.step().forward(in[0])).check(rand(3, 3).abs().add(0.1)).assertPassed();
  }

  @Test void dropoutInTrainingModeWithAFixedMask() {
    // A fresh layer on the same seed draws the same mask on every evaluation of f.
    GradCheck.of("Dropout", in -> new Dropout(0.4, new SplittableRandom(5)).forward(in[0]))
        .check(rand(6, 5)).assertPassed();
  }

  @Test void wholeNetworkThroughTheCost() {
    Tensor x = rand(4, 3), y = Tensor.rand(rng, DType.F64, 0, 1, 4, 2);
    GradCheck.of("Dense-Sigmoid-Dense-Sigmoid + QuadraticCost", in -> {
      Sequential net = new Sequential(new Dense(in[1], in[2]), Activation.sigmoid(), new Dense(in[3], in[4]), Activation.sigmoid());
      return new QuadraticCost().apply(net.forward(in[0]), y);
    }).check(x, rand(5, 3), rand(5), rand(2, 5), rand(2)).assertPassed();
  }
}
