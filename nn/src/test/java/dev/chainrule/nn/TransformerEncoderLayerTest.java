package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * TransformerEncoderLayer beyond the contract and the golden cases: PyTorch's state_dict names,
 * the attention weights it hands out, dropout only in training mode, and its errors.
 */
class TransformerEncoderLayerTest {

  @Test void parametersHavePyTorchsStateDictNamesInItsOrder() {
    TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, new SplittableRandom(1));
    assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
            "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"),
        List.copyOf(layer.namedParameters().keySet()));
    assertEquals("TransformerEncoderLayer(8, heads=2, feedforward=16, dropout=0.0, relu, post-norm)", layer.toString());
  }

  @Test void encodeGivesTheOutputAndTheHeadsMeanAttentionWhoseRowsSumToOne() {
    SplittableRandom rng = new SplittableRandom(2);
    TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.0, TransformerEncoderLayer.Nonlinearity.GELU, true, rng, DType.F64);
    Tensor x = Tensor.randn(rng, DType.F64, 0, 1, 3, 5, 8);
    var o = layer.encode(x, null, true);
    assertArrayEquals(new int[] {3, 5, 8}, o.output().dims());
    assertArrayEquals(new int[] {3, 5, 5}, o.weights().dims());
    double[] rowSums = o.weights().sum(2).toDoubleArray();
    for (double s : rowSums) assertEquals(1.0, s, 1e-12);
    assertEquals(0.0, o.weights().get(1, 0, 4), "causal: position 0 sees no later position");
    assertArrayEquals(o.output().toDoubleArray(), layer.forward(x).sub(layer.forward(x)).add(o.output()).toDoubleArray());
  }

  @Test void dropoutActsInTrainingModeOnly() {
    SplittableRandom rng = new SplittableRandom(3);
    TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.5, TransformerEncoderLayer.Nonlinearity.RELU, false, rng, DType.F64);
    Tensor x = Tensor.randn(rng, DType.F64, 0, 1, 2, 4, 8);
    assertFalse(java.util.Arrays.equals(layer.forward(x).toDoubleArray(), layer.forward(x).toDoubleArray()), "fresh masks each call");
    layer.eval();
    assertArrayEquals(layer.forward(x).toDoubleArray(), layer.forward(x).toDoubleArray());
  }

  @Test void badSizesAreRefusedNamingThem() {
    SplittableRandom rng = new SplittableRandom(4);
    var e = assertThrows(IllegalArgumentException.class, () -> new TransformerEncoderLayer(8, 2, 0, rng));
    assertEquals("TransformerEncoderLayer: feedforward width must be positive, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TransformerEncoderLayer(6, 4, 8, rng));
    assertEquals("MultiheadAttention: embedDim 6 must be a positive multiple of heads 4", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TransformerEncoderLayer(8, 2, 16, rng).forward(Tensor.zeros(2, 3, 6)));
    assertEquals("MultiheadAttention(8, heads=2): query must be [batch, length, 8], got [2, 3, 6]", e.getMessage());
  }
}
