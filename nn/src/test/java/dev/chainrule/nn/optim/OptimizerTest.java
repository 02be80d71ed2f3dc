package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.loss.QuadraticCost;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimizerTest {

  /** A weight [1, 2] and a bias [1] with hand-set gradients. */
  static Tensor[] paramsWithGrads(double[] w, double[] gw, double b, double gb) {
    Tensor weight = Tensor.of(w, 1, 2).requiresGrad(true), bias = Tensor.of(new double[] {b}, 1).requiresGrad(true);
    // d/dθ Σ g·θ = g: sets the gradients through the public API
    weight.mul(Tensor.of(gw, 1, 2)).sum().add(bias.mul(gb).sum()).backward();
    return new Tensor[] {weight, bias};
  }

  @Test void sgdIsTheCourseUpdate() {
    Tensor[] p = paramsWithGrads(new double[] {1, 2}, new double[] {0.5, -1}, 3, 2);
    new Sgd(List.of(p), 0.1).step();
    assertArrayEquals(new double[] {1 - 0.05, 2 + 0.1}, p[0].toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {3 - 0.2}, p[1].toDoubleArray(), 1e-15);
  }

  @Test void sgdOnTheMeanCostEqualsEtaOverMTimesTheSummedPerExampleGradients() {
    // The course: w <- w - (η/m) Σ_x ∂C_x/∂w. Compute the right-hand side example by example.
    SplittableRandom rng = new SplittableRandom(4);
    Tensor x = Tensor.rand(rng, DType.F64, -1, 1, 5, 3), y = Tensor.rand(rng, DType.F64, -1, 1, 5, 2);
    double eta = 3.0;
    Dense layer = new Dense(3, 2, Init.gaussian(), new SplittableRandom(9), DType.F64);
    Dense reference = new Dense(3, 2, Init.gaussian(), new SplittableRandom(9), DType.F64);
    double[] sum = new double[6];
    for (int i = 0; i < 5; i++) {
      reference.zeroGrad();
      int[] row = {i};
      new QuadraticCost().apply(reference.forward(x.indexSelect(row)), y.indexSelect(row)).backward();
      double[] g = reference.weight().grad().toDoubleArray();
      for (int j = 0; j < 6; j++) sum[j] += g[j];
    }
    double[] expected = reference.weight().toDoubleArray();
    for (int j = 0; j < 6; j++) expected[j] -= eta / 5 * sum[j];

    new QuadraticCost().apply(layer.forward(x), y).backward();
    new Sgd(layer.parameters(), eta).step();
    assertArrayEquals(expected, layer.weight().toDoubleArray(), 1e-12);
  }

  @Test void weightDecayIsTheCourseFormulaOnWeightsOnly() {
    // W <- W - α[(1/m)ΔW + λW];  b <- b - α(1/m)Δb
    Tensor[] p = paramsWithGrads(new double[] {1, 2}, new double[] {0.5, -1}, 3, 2);
    double alpha = 0.1, lambda = 0.01;
    Sgd.weightDecay(List.of(p), alpha, lambda).step();
    assertArrayEquals(new double[] {1 - alpha * (0.5 + lambda * 1), 2 - alpha * (-1 + lambda * 2)}, p[0].toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {3 - alpha * 2}, p[1].toDoubleArray(), 1e-15);
  }

  @Test void momentumAccumulatesVelocity() {
    Tensor[] p = paramsWithGrads(new double[] {1, 2}, new double[] {0.5, -1}, 3, 2);
    Sgd sgd = Sgd.momentum(List.of(p), 0.1, 0.9);
    sgd.step();                                // v = g, w -= 0.1 g
    sgd.step();                                // same grad: v = 0.9 g + g, w -= 0.1 * 1.9 g
    assertArrayEquals(new double[] {1 - 0.1 * 2.9 * 0.5, 2 + 0.1 * 2.9}, p[0].toDoubleArray(), 1e-14);
    assertArrayEquals(new double[] {3 - 0.1 * 2.9 * 2}, p[1].toDoubleArray(), 1e-14);
  }

  @Test void adamFirstStepsFollowThePaper() {
    Tensor[] p = paramsWithGrads(new double[] {1, 2}, new double[] {0.5, -1}, 3, 2);
    Adam adam = new Adam(List.of(p), 0.01);
    adam.step();
    // t = 1: m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε) ≈ lr·sign(g)
    assertArrayEquals(new double[] {1 - 0.01, 2 + 0.01}, p[0].toDoubleArray(), 1e-9);
    assertArrayEquals(new double[] {3 - 0.01}, p[1].toDoubleArray(), 1e-9);
    // t = 2 with the gradient 4g, from m = 0.1g and v = 0.001g² after t = 1:
    // m = 0.9·0.1g + 0.1·4g = 0.49g,  v = 0.999·0.001g² + 0.001·16g² = 0.016999g²
    p[0].zeroGrad();
    p[1].zeroGrad();
    p[0].mul(Tensor.of(new double[] {2, -4}, 1, 2)).sum().add(p[1].mul(8.0).sum()).backward();
    adam.step();
    double step = 0.01 * (0.49 / (1 - 0.9 * 0.9)) / Math.sqrt(0.016999 / (1 - 0.999 * 0.999));
    assertEquals(1 - 0.01 - step, p[0].get(0, 0), 1e-9);
    assertEquals(2 + 0.01 + step, p[0].get(0, 1), 1e-9);
    assertEquals(2, adam.steps());
  }

  @Test void theLearningRateIsSettableAndReadOnEveryStep() {
    Tensor[] p = paramsWithGrads(new double[] {1, 2}, new double[] {0.5, -1}, 3, 2);
    Sgd sgd = new Sgd(List.of(p), 0.1);
    assertEquals(0.1, sgd.learningRate());
    sgd.step();                                // w -= 0.1 g
    sgd.setLearningRate(0.5);
    assertEquals(0.5, sgd.learningRate());
    assertEquals(0.5, sgd.lr());
    assertEquals("Sgd(lr=0.5)", sgd.toString());
    sgd.step();                                // w -= 0.5 g
    assertArrayEquals(new double[] {1 - 0.6 * 0.5, 2 + 0.6}, p[0].toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {3 - 0.6 * 2}, p[1].toDoubleArray(), 1e-15);
  }

  @Test void adamKeepsItsMomentsWhenTheRateChanges() {
    // As adamFirstStepsFollowThePaper, with the second step at a tenth of the rate
    Tensor[] p = paramsWithGrads(new double[] {1, 2}, new double[] {0.5, -1}, 3, 2);
    Adam adam = new Adam(List.of(p), 0.01);
    adam.step();
    adam.setLearningRate(0.001);
    assertEquals("Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)", adam.toString());
    p[0].zeroGrad();
    p[1].zeroGrad();
    p[0].mul(Tensor.of(new double[] {2, -4}, 1, 2)).sum().add(p[1].mul(8.0).sum()).backward();
    adam.step();
    double step = 0.001 * (0.49 / (1 - 0.9 * 0.9)) / Math.sqrt(0.016999 / (1 - 0.999 * 0.999));
    assertEquals(1 - 0.01 - step, p[0].get(0, 0), 1e-9);
    assertEquals(2 + 0.01 + step, p[0].get(0, 1), 1e-9);
  }

  @Test void invalidLearningRatesAreRejectedNamingTheOptimizer() {
    List<Tensor> p = List.of(Tensor.ones(2).requiresGrad(true));
    Sgd sgd = new Sgd(p, 0.1);
    for (double bad : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(bad));
      assertEquals("Sgd: learning rate must be positive and finite, got " + bad, e.getMessage());
    }
    assertEquals(0.1, sgd.learningRate(), "a rejected rate leaves the old one");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(p, 0.0));
    assertEquals("Adam: learning rate must be positive and finite, got 0.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Adam(p, 1e-3).setLearningRate(Double.NEGATIVE_INFINITY));
  }

  /** Algorithm 1 of the paper, element by element in double precision: the reference for Adam. */
  static double[] adamReference(double[] w, double[][] grads, double lr, double b1, double b2, double eps) {
    double[] x = w.clone(), m = new double[w.length], v = new double[w.length];
    for (int t = 1; t <= grads.length; t++) {
      for (int j = 0; j < x.length; j++) {
        double g = grads[t - 1][j];
        m[j] = b1 * m[j] + (1 - b1) * g;
        v[j] = b2 * v[j] + (1 - b2) * g * g;
        x[j] -= lr * (m[j] / (1 - Math.pow(b1, t))) / (Math.sqrt(v[j] / (1 - Math.pow(b2, t))) + eps);
      }
    }
    return x;
  }

  @Test void adamMatchesThePapersAlgorithmOnAwkwardSizes() {
    // Sizes around SIMD lane counts, so the kernels' tails are used; gradients change every step,
    // some tiny so ε matters. F64 agrees to rounding; F32 to float precision.
    SplittableRandom rng = new SplittableRandom(11);
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      for (int n : new int[] {1, 3, 7, 17, 33, 1000}) {
        Tensor w = Tensor.rand(rng, dtype, -1, 1, n).requiresGrad(true);
        double[][] grads = new double[4][n];
        for (double[] g : grads) for (int j = 0; j < n; j++) g[j] = j % 5 == 0 ? 1e-9 * rng.nextDouble(-1, 1) : rng.nextDouble(-1, 1);
        double[] expected = adamReference(w.toDoubleArray(), grads, 0.01, 0.8, 0.99, 1e-8);
        Adam adam = new Adam(List.of(w), 0.01, 0.8, 0.99, 1e-8);
        for (double[] g : grads) {
          adam.zeroGrad();
          w.mul(Tensor.of(g, n).to(dtype)).sum().backward();
          adam.step();
        }
        assertArrayEquals(expected, w.toDoubleArray(), dtype == DType.F64 ? 1e-12 : 1e-6, dtype + " n=" + n);
      }
    }
  }

  /**
   * Weight decay as PyTorch defines it, element by element in double: Adam(weight_decay=λ) puts
   * g + λw into the moments; AdamW first shrinks w by lr·λ·w. Only weights (rank ≥ 2) decay.
   */
  static double[] adamWithDecayReference(double[] w, double[][] grads, double lr, double lambda, boolean decoupled) {
    double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    double[] x = w.clone(), m = new double[w.length], v = new double[w.length];
    for (int t = 1; t <= grads.length; t++) {
      for (int j = 0; j < x.length; j++) {
        double g = grads[t - 1][j];
        if (decoupled) x[j] *= 1 - lr * lambda;
        else g += lambda * x[j];
        m[j] = b1 * m[j] + (1 - b1) * g;
        v[j] = b2 * v[j] + (1 - b2) * g * g;
        x[j] -= lr * (m[j] / (1 - Math.pow(b1, t))) / (Math.sqrt(v[j] / (1 - Math.pow(b2, t))) + eps);
      }
    }
    return x;
  }

  @Test void adamWeightDecayMatchesPyTorchsTwoRules() {
    SplittableRandom rng = new SplittableRandom(13);
    for (DType dtype : new DType[] {DType.F32, DType.F64}) for (boolean decoupled : new boolean[] {false, true}) {
      Tensor w = Tensor.rand(rng, dtype, -1, 1, 3, 7).requiresGrad(true);
      Tensor b = Tensor.rand(rng, dtype, -1, 1, 7).requiresGrad(true);
      double[][] gw = new double[5][21], gb = new double[5][7];
      for (double[] g : gw) for (int j = 0; j < g.length; j++) g[j] = rng.nextDouble(-1, 1);
      for (double[] g : gb) for (int j = 0; j < g.length; j++) g[j] = rng.nextDouble(-1, 1);
      double[] expectedW = adamWithDecayReference(w.toDoubleArray(), gw, 0.01, 0.1, decoupled);
      double[] expectedB = adamWithDecayReference(b.toDoubleArray(), gb, 0.01, 0.0, decoupled);   // biases do not decay
      Adam adam = decoupled ? Adam.adamW(List.of(w, b), 0.01, 0.1) : Adam.l2(List.of(w, b), 0.01, 0.1);
      for (int t = 0; t < gw.length; t++) {
        adam.zeroGrad();
        w.mul(Tensor.of(gw[t], 3, 7).to(dtype)).sum().add(b.mul(Tensor.of(gb[t], 7).to(dtype)).sum()).backward();
        Tensor gradBefore = w.grad();
        double[] gradValues = gradBefore.toDoubleArray();
        adam.step();
        assertArrayEquals(gradValues, w.grad().toDoubleArray(), 0.0, "step() leaves .grad as it was");
      }
      double tol = dtype == DType.F64 ? 1e-12 : 1e-6;
      assertArrayEquals(expectedW, w.toDoubleArray(), tol, dtype + (decoupled ? " AdamW" : " Adam L2") + " weights");
      assertArrayEquals(expectedB, b.toDoubleArray(), tol, dtype + (decoupled ? " AdamW" : " Adam L2") + " bias");
    }
    assertEquals("AdamW(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8, weightDecay=0.01)",
        Adam.adamW(List.of(Tensor.ones(DType.F32, 2, 2).requiresGrad(true)), 1e-3, 0.01).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Adam.l2(List.of(Tensor.ones(DType.F32, 2).requiresGrad(true)), 1e-3, -1));
    assertEquals("Adam: weightDecay must be >= 0 and finite, got -1.0", e.getMessage());
  }

  @Test void parametersWithoutGradientAreLeftAlone() {
    Tensor used = Tensor.ones(DType.F64, 2).requiresGrad(true), unused = Tensor.ones(DType.F64, 2).requiresGrad(true);
    used.sum().backward();
    new Sgd(List.of(used, unused), 1.0).step();
    assertArrayEquals(new double[] {0, 0}, used.toDoubleArray());
    assertArrayEquals(new double[] {1, 1}, unused.toDoubleArray());
  }

  @Test void zeroGradClearsAndStepDoesNot() {
    Tensor[] p = paramsWithGrads(new double[] {1, 2}, new double[] {0.5, -1}, 3, 2);
    Sgd sgd = new Sgd(List.of(p), 0.1);
    sgd.step();
    assertNotNull(p[0].grad());
    sgd.zeroGrad();
    assertNull(p[0].grad());
    assertNull(p[1].grad());
  }

  @Test void sgdConvergesOnLinearRegression() {
    // y = 2x₁ - 3x₂ + 1: SGD on the quadratic cost recovers the weights
    SplittableRandom rng = new SplittableRandom(5);
    Tensor x = Tensor.rand(rng, DType.F32, -1, 1, 64, 2);
    Tensor y = x.matmul(Tensor.of(new float[] {2, -3}, 2, 1)).add(1.0);
    Dense d = new Dense(2, 1, Init.gaussian(), rng);
    Sgd sgd = new Sgd(d.parameters(), 0.5);
    for (int i = 0; i < 300; i++) {
      sgd.zeroGrad();
      new QuadraticCost().apply(d.forward(x), y).backward();
      sgd.step();
    }
    assertArrayEquals(new double[] {2, -3}, d.weight().toDoubleArray(), 1e-3);
    assertEquals(1.0, d.bias().item(), 1e-3);
  }

  @Test void adamConvergesToo() {
    SplittableRandom rng = new SplittableRandom(6);
    Tensor x = Tensor.rand(rng, DType.F32, -1, 1, 64, 2);
    Tensor y = x.matmul(Tensor.of(new float[] {2, -3}, 2, 1)).add(1.0);
    Dense d = new Dense(2, 1, Init.gaussian(), rng);
    Adam adam = new Adam(d.parameters(), 0.05);
    for (int i = 0; i < 1000; i++) {
      adam.zeroGrad();
      new QuadraticCost().apply(d.forward(x), y).backward();
      adam.step();
    }
    assertArrayEquals(new double[] {2, -3}, d.weight().toDoubleArray(), 1e-2);
  }

  @Test void toStringAndValidation() {
    List<Tensor> p = List.of(Tensor.ones(2).requiresGrad(true));
    assertEquals("Sgd(lr=3.0)", new Sgd(p, 3.0).toString());
    assertEquals("Sgd(lr=0.1, momentum=0.9, weightDecay=1.0E-4)", new Sgd(p, 0.1, 0.9, 1e-4).toString());
    assertEquals("Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)", new Adam(p, 1e-3).toString());
    assertThrows(IllegalArgumentException.class, () -> new Sgd(p, -1));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, 1.0, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(Tensor.ones(2)), 0.1));
    assertTrue(e.getMessage().contains("requires grad"), e.getMessage());
  }
}
