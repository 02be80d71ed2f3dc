package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.BinaryCrossEntropy;
import dev.chainrule.nn.optim.Sgd;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the nn README's example, and checks that the README shows exactly this code. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test void buildTrainAndSave() throws IOException {
    Path file = dir.resolve("xor.safetensors");
    // README-BEGIN
    var rng = new SplittableRandom(7);
    Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
    var net = new Sequential(
        new Dense(2, 4, Init.xavier(), rng), Activation.tanh(),
        new Dense(4, 1, Init.xavier(), rng), Activation.sigmoid());
    History history = Trainer.builder()
        .model(net).cost(new BinaryCrossEntropy()).optimizer(new Sgd(net.parameters(), 1.0))
        .epochs(1000).batchSize(4).shuffle(rng)
        .listener(s -> { if (s.epoch() % 250 == 0) System.out.println(s); })
        .build()
        .fit(new Dataset(x, y));
    System.out.println(net.forward(x));            // ≈ [[0], [1], [1], [0]]
    Checkpoint.save(net, file);                    // 0.weight, 0.bias, 2.weight, 2.bias
    // README-END
    float[] out = net.forward(x).toFloatArray();
    assertTrue(out[0] < 0.1 && out[1] > 0.9 && out[2] > 0.9 && out[3] < 0.1, java.util.Arrays.toString(out));
    assertEquals(1.0, history.last().trainAccuracy());
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(Checkpoint.read(file).keySet()));
  }

  @Test void readmeShowsThisCode() throws IOException {
    ReadmeExamples.assertShown(getClass());
  }
}
