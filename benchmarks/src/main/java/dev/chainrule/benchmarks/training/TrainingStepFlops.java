package dev.chainrule.benchmarks.training;

/**
 * Floating-point operations of one course training step (784-100-10, batch m), counting the
 * matrix products only (2 per multiply-add): forward 784->100 and 100->10, the weight gradients of
 * both layers, and the hidden layer's input gradient; the first layer's input gradient is not
 * computed (the images need none). Elementwise work (sigmoid, cost, bias sums, the SGD update:
 * about 0.2 MFLOP at m = 10) is left out, so the figure is what a BLAS-bound step could reach.
 */
final class TrainingStepFlops {
  static final int IN = 784, HIDDEN = 100, OUT = 10;

  private TrainingStepFlops() {}

  static double of(int m) {
    double layer1 = 2.0 * m * IN * HIDDEN;      // forward x·W1ᵀ, and again for dW1 = dyᵀ·x
    double layer2 = 2.0 * m * HIDDEN * OUT;     // forward h·W2ᵀ, dW2, dh = dy·W2
    return 2 * layer1 + 3 * layer2;
  }

  /** The two large products: the forward x·W1ᵀ and the weight gradient dW1 = dyᵀ·x. */
  static double largeProducts(int m) {
    return 2 * 2.0 * m * IN * HIDDEN;
  }
}
