package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.BCEWithLogitsLoss;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.Trainer;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Runs the README's autoencoder example (the 8-3-8 encoder), and checks the README shows this code. */
class ReadmeAutoencoderTest {

  @Test void squeezeEightPatternsThroughThreeUnits() {
    // README-BEGIN
    var rng = new SplittableRandom(5);
    Tensor eight = Tensor.oneHot(DType.F32, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 8);   // 8 patterns of 8 bits
    var encoder = new Sequential(new Dense(8, 3, Init.xavier(), rng), Activation.sigmoid());
    var decoder = new Dense(3, 8, Init.xavier(), rng);                              // logits
    var autoencoder = new Sequential(encoder, decoder);
    History history = Trainer.builder()
        .model(autoencoder).cost(new BCEWithLogitsLoss())                           // the target is the input
        .optimizer(new Adam(autoencoder.parameters(), 0.05))
        .epochs(1000).batchSize(8).noMetric()
        .listener(s -> { if (s.epoch() % 250 == 0) System.out.println(s); })
        .build()
        .fit(new Dataset(eight, eight));
    System.out.println(encoder.forward(eight));   // the 3-unit code of each pattern
    // README-END
    double cost = history.last().trainCost();
    assertTrue(cost < 0.05, "reconstruction cost " + cost);
    try (var noGrad = GradMode.off()) {
      int[] reconstructed = autoencoder.forward(eight).argmax(1);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, reconstructed);
    }
  }

  @Test void readmeShowsThisCode() throws IOException {
    ReadmeExamples.assertShown(getClass());
  }
}
