package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's integer-tensor example (labels and indices as I64), and checks the README shows this code. */
class ReadmeIntegerTensorsTest {
  @TempDir Path dir;

  @Test void labelsAndIndices() throws IOException {
    Path file = dir.resolve("labels.safetensors");
    // README-BEGIN
    Tensor logits = Tensor.randn(new SplittableRandom(1), 4, 10).requiresGrad(true);
    Tensor labels = Tensor.ofLongs(new long[] {3, 0, 9, 3}, 4);       // torch.tensor([3, 0, 9, 3])
    Tensor loss = new CrossEntropyLoss().apply(logits, labels);        // F.cross_entropy(logits, labels)
    loss.backward();

    Tensor picked = logits.gather(1, labels.reshape(4, 1));           // each row's true-class logit
    Tensor best = logits.topk(2, 1, true).indices();                  // I64 [4, 2], as PyTorch
    Tensor rows = Tensor.ofLongs(new long[] {2, 0}, 2);
    Tensor two = logits.indexSelect(0, rows);                         // rows 2 and 0

    Checkpoint.write(file, Map.of("labels", labels), Map.of());       // safetensors "I64"
    Tensor back = Checkpoint.read(file).get("labels");                // I64 again
    // labels.requiresGrad(true) and labels.add(labels) throw: integers take no gradient, no arithmetic
    // README-END
    assertEquals(DType.I64, back.dtype());
    assertArrayEquals(labels.toLongArray(), back.toLongArray());
    assertArrayEquals(new int[] {4, 1}, picked.dims());
    assertEquals(DType.I64, best.dtype());
    assertArrayEquals(new int[] {2, 10}, two.dims());
    assertArrayEquals(new int[] {4, 10}, logits.grad().dims());
    assertTrue(Files.size(file) > 0);
    assertThrows(IllegalArgumentException.class, () -> labels.requiresGrad(true));
    assertThrows(IllegalArgumentException.class, () -> labels.add(labels));
  }

  @Test void readmeShowsThisCode() throws IOException {
    ReadmeExamples.assertShown(getClass());
  }
}
