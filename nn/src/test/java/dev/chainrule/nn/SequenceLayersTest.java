package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Shapes, names, masks and errors of the sequence and attention layers (values: GoldenLayerTest). */
class SequenceLayersTest {
  private final SplittableRandom rng = new SplittableRandom(11);

  @Test void theReadmeExampleRuns() {
    Tensor x = Tensor.rand(rng, DType.F32, 0, 1, 2, 5, 28);
    // As in the README's "Sequences and attention":
    Recurrent lstm = new Recurrent(new LSTMCell(28, 128, rng));
    Recurrent.Result r = lstm.run(x, null);
    Tensor outputs = r.outputs();
    Tensor last = r.last().hidden();
    assertArrayEquals(new int[] {2, 5, 128}, outputs.dims());
    assertArrayEquals(new int[] {2, 128}, last.dims());
    assertArrayEquals(new int[] {2, 128}, r.last().cell().dims());
    assertArrayEquals(outputs.slice(1, 4, 5).reshape(2, 128).toFloatArray(), last.toFloatArray());

    Tensor y = Tensor.rand(rng, DType.F32, -1, 1, 2, 6, 64);
    Tensor keyPaddingMask = Tensor.zeros(DType.F32, 2, 6);
    MultiheadAttention mha = new MultiheadAttention(64, 4, rng);
    MultiheadAttention.Output o = mha.attend(y, y, y, keyPaddingMask, true);
    assertArrayEquals(new int[] {2, 6, 64}, o.output().dims());
    assertArrayEquals(new int[] {2, 6, 6}, o.weights().dims());
  }

  @Test void parametersHavePyTorchsNamesAndShapes() {
    assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"), List.copyOf(new GRUCell(3, 4, rng).namedParameters().keySet()));
    assertArrayEquals(new int[] {16, 3}, new LSTMCell(3, 4, rng).namedParameters().get("weight_ih").dims());
    assertArrayEquals(new int[] {12, 4}, new GRUCell(3, 4, rng).namedParameters().get("weight_hh").dims());
    Recurrent rnn = new Recurrent(new RNNCell(3, 4, rng));
    assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"), List.copyOf(rnn.torchStateDict().keySet()));
    assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
        List.copyOf(new MultiheadAttention(8, 2, rng).namedParameters().keySet()));
  }

  @Test void causalAndPaddingMasksHideKeys() {
    MultiheadAttention mha = new MultiheadAttention(4, 2, rng, DType.F64);
    Tensor x = Tensor.rand(rng, DType.F64, -1, 1, 2, 3, 4);
    Tensor pad = Tensor.of(new double[] {0, 0, 0, 0, 1, 0}, 2, 3);
    Tensor w = mha.attend(x, x, x, pad, true).weights();
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 3; i++) {
        for (int j = i + 1; j < 3; j++) assertEquals(0.0, w.get(b, i, j), "future key " + j + " of query " + i);
      }
    }
    assertEquals(0.0, w.get(1, 2, 1), "padded key");
    // The first query sees only itself: its output does not change when later positions do.
    Tensor changed = Tensor.concat(1, x.slice(1, 0, 1), x.slice(1, 1, 3).mul(-3.0));
    Tensor a = mha.attend(x, x, x, null, true).output().slice(1, 0, 1);
    Tensor c = mha.attend(changed, changed, changed, null, true).output().slice(1, 0, 1);
    assertArrayEquals(a.toDoubleArray(), c.toDoubleArray(), 1e-15);
  }

  @Test void badShapesAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> new LSTMCell(3, 4, rng).forward(Tensor.zeros(2, 5)));
    assertEquals("LSTMCell(3, 4): input must be [batch, 3], got [2, 5]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(new GRUCell(3, 4, rng)).forward(Tensor.zeros(2, 3)));
    assertTrue(e.getMessage().contains("input must be [batch, time >= 1, 3], got [2, 3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(6, 4, rng));
    assertEquals("MultiheadAttention: embedDim 6 must be a positive multiple of heads 4", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(3).forward(Tensor.zeros(2, 4)));
    assertEquals("LayerNorm([3], eps=1.0E-5): input [2, 4] must end in [3]", e.getMessage());
  }
}
