package dev.chainrule.nn.optim;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times {@link Adam#step()} on the parameters of a 784-256-10 network (203,530 float32 values),
 * gradients held fixed. Not a test (no timing assertions); run by hand:
 * <pre>
 * mvn -B -q -pl nn -am test-compile
 * java [--add-modules jdk.incubator.vector] [-Dchainrule.kernels=scalar|simd] \
 *   -cp autograd/target/classes:nn/target/classes:nn/target/test-classes dev.chainrule.nn.optim.AdamTiming
 * </pre>
 */
public final class AdamTiming {
  private AdamTiming() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    SplittableRandom rng = new SplittableRandom(1);
    List<Tensor> params = List.of(
        Tensor.rand(rng, DType.F32, -0.1, 0.1, 256, 784).requiresGrad(true),
        Tensor.rand(rng, DType.F32, -0.1, 0.1, 256).requiresGrad(true),
        Tensor.rand(rng, DType.F32, -0.1, 0.1, 10, 256).requiresGrad(true),
        Tensor.rand(rng, DType.F32, -0.1, 0.1, 10).requiresGrad(true));
    Tensor loss = null;
    for (Tensor p : params) {
      // d/dθ Σ g·θ = g: fixed random gradients through the public API
      Tensor term = p.mul(Tensor.rand(rng, DType.F32, -1e-2, 1e-2, p.shape().dims())).sum();
      loss = loss == null ? term : loss.add(term);
    }
    loss.backward();
    long n = params.stream().mapToLong(Tensor::size).sum();
    Adam adam = new Adam(params, 1e-3);
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) adam.step();
      double perStep = (System.nanoTime() - start) / 1e6 / steps;
      System.out.printf(java.util.Locale.ROOT, "%s: %d params, %.4f ms/step, %.2f s per 5000 steps (MNIST epoch, m = 10)%n",
          System.getProperty("chainrule.kernels", "kernels: default"), n, perStep, perStep * 5000 / 1000);
    }
  }
}
