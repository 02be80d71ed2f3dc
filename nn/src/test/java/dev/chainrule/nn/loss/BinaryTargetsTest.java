package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import org.junit.jupiter.api.Test;

/** With one output column, [batch] targets are the 0/1 labels, not class indices. */
class BinaryTargetsTest {
  @Test void labelsOfASingleSigmoidAreNotOneHotEncoded() {
    Tensor out = Tensor.of(new double[] {0.2, 0.9, 0.4, 0.7}, 4, 1);
    Tensor labels = Tensor.of(new double[] {0, 1, 0, 1}, 4);
    Tensor column = labels.reshape(4, 1);
    assertEquals(new QuadraticCost().apply(out, column).item(), new QuadraticCost().apply(out, labels).item(), 0.0);
    assertEquals(new BinaryCrossEntropy().apply(out, column).item(), new BinaryCrossEntropy().apply(out, labels).item(), 0.0);
    Tensor zeros = Tensor.zeros(DType.F64, 4);
    assertEquals(new QuadraticCost().apply(out, Tensor.zeros(DType.F64, 4, 1)).item(),
        new QuadraticCost().apply(out, zeros).item(), 0.0, "all-zero labels stay zeros");
  }
}
