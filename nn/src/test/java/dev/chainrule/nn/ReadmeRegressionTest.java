package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.Trainer;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Runs the README's regression example (a noisy sine through the trainer), and checks the README shows this code. */
class ReadmeRegressionTest {

  @Test void fitANoisySine() {
    // README-BEGIN
    var rng = new SplittableRandom(3);
    int n = 512;
    double[] xs = new double[n], ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = rng.nextDouble(-3, 3);
      ys[i] = Math.sin(xs[i]) + 0.1 * rng.nextGaussian();       // noise of std 0.1: the best MSE is 0.01
    }
    Dataset.Split data = new Dataset(Tensor.of(xs, n, 1).to(DType.F32).detach(),
        Tensor.of(ys, n, 1).to(DType.F32).detach()).split(128);
    var net = new Sequential(
        new Dense(1, 32, Init.xavier(), rng), Activation.tanh(),
        new Dense(32, 1, Init.xavier(), rng));
    History history = Trainer.builder()
        .model(net).cost(new MSELoss()).optimizer(new Adam(net.parameters(), 0.01))
        .epochs(200).batchSize(32).shuffle(rng).noMetric()         // no accuracy for a regression
        .listener(s -> { if (s.epoch() % 50 == 0) System.out.println(s); })
        .build()
        .fit(data.train(), data.validation());
    // README-END
    double validation = history.last().validationCost();
    assertTrue(validation < 0.015, "validation MSE " + validation + " should approach the noise floor 0.01");
    assertTrue(Double.isNaN(history.last().trainAccuracy()));
    try (var noGrad = GradMode.off()) {
      double atPiOver2 = net.forward(Tensor.of(new float[] {(float) (Math.PI / 2)}, 1, 1)).item();
      assertEquals(1.0, atPiOver2, 0.1);
    }
  }

  @Test void readmeShowsThisCode() throws IOException {
    ReadmeExamples.assertShown(getClass());
  }
}
