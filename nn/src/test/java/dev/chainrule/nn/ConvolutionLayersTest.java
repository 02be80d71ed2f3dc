package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convolution, pooling, flatten and batch-norm layers: shapes, errors, PyTorch's state and running statistics. */
class ConvolutionLayersTest {

  @Test
  void leNetShapesFlowAndToStringShowsHyperparameters() {
    var rng = new SplittableRandom(1);
    var net = new Sequential(
        new Conv2d(1, 6, 5, 1, 2, rng), Activation.relu(), new MaxPool2d(2),
        new Conv2d(6, 16, 5, rng), Activation.relu(), new MaxPool2d(2),
        new Flatten(), new Dense(400, 120, Init.he(), rng));
    assertEquals(Shape.of(3, 120), net.forward(Tensor.zeros(DType.F32, 3, 1, 28, 28)).shape());
    assertEquals("Conv2d(1->6, 5x5, padding 2)", net.children().get("0").toString());
    assertEquals("MaxPool2d(2)", new MaxPool2d(2).toString());
    assertEquals("AvgPool2d(3, stride 1, padding 1)", new AvgPool2d(3, 1, 1).toString());
    assertEquals("BatchNorm2d(16)", new BatchNorm2d(16).toString());
  }

  @Test
  void shapeErrorsNameTheLayer() {
    var conv = new Conv2d(1, 6, 5, new SplittableRandom(1));
    var e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(DType.F32, 32, 3, 28, 28)));
    assertEquals("Conv2d(1->6, 5x5): input has 3 channels, expected 1 (got [32, 3, 28, 28])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(DType.F32, 32, 784)));
    assertEquals("Conv2d(1->6, 5x5): input must be [batch, 1, height, width] (got [32, 784])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(DType.F32, 2, 1, 4, 9)));
    assertEquals("Conv2d(1->6, 5x5): input of 4x9 is smaller than the 5x5 kernel after padding (got [2, 1, 4, 9])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2).forward(Tensor.zeros(DType.F32, 2, 1, 1, 9)));
    assertEquals("MaxPool2d(2): input of 1x9 is smaller than the 2x2 window after padding (got [2, 1, 1, 9])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(6).forward(Tensor.zeros(DType.F32, 2, 3, 4, 4)));
    assertEquals("BatchNorm2d(6): input has 3 channels, expected 6 (got [2, 3, 4, 4])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(6).forward(Tensor.zeros(DType.F32, 1, 6)));
    assertEquals("BatchNorm1d(6): training needs more than one value per channel (got [1, 6]); call eval() to use the running statistics", e.getMessage());
  }

  /** Numbers from PyTorch 1.13 (nn.BatchNorm2d(2).double(), two training batches x and 2x, then eval on x). */
  @Test
  void batchNormRunningStatisticsFollowPyTorch() {
    double[] v = new double[24];
    for (int i = 0; i < 24; i++) v[i] = i * 0.5 - 3 + ((i / 6) % 2 == 1 ? 1 : 0);
    Tensor x = Tensor.of(v, 2, 2, 2, 3);
    var bn = new BatchNorm2d(2, 1e-5, 0.1, DType.F64);
    bn.forward(x);
    bn.forward(x.mul(2.0));
    assertArrayEquals(new double[] {0.3625, 1.5225}, bn.runningMean().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {6.010681818181818, 6.010681818181818}, bn.runningVar().toDoubleArray(), 1e-12);
    assertEquals(2, bn.batchesTracked());
    bn.eval();
    double[] y = bn.forward(x).toDoubleArray();
    assertArrayEquals(new double[] {-1.371513422911636, -1.1675709064935489, -0.9636283900754617, -0.7596858736573746},
        new double[] {y[0], y[1], y[2], y[3]}, 1e-12);
  }

  @Test
  void stateDictHasPyTorchsNamesAndCheckpointsKeepTheBuffers(@TempDir Path dir) throws Exception {
    var rng = new SplittableRandom(2);
    var net = new Sequential(new Conv2d(1, 4, 3, rng), new BatchNorm2d(4), new Flatten());
    assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"),
        List.copyOf(net.stateDict().keySet()));
    assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(net.namedParameters().keySet()));
    net.forward(Tensor.rand(rng, DType.F32, 0, 1, 3, 1, 5, 5));
    Path file = dir.resolve("net.safetensors");
    Checkpoint.save(net, file);
    var copy = new Sequential(new Conv2d(1, 4, 3, new SplittableRandom(9)), new BatchNorm2d(4), new Flatten());
    Checkpoint.load(copy, file);
    BatchNorm2d a = (BatchNorm2d) net.children().get("1"), b = (BatchNorm2d) copy.children().get("1");
    assertArrayEquals(a.runningVar().toDoubleArray(), b.runningVar().toDoubleArray());
    assertEquals(1, b.batchesTracked());
    assertEquals(true, Files.size(file) > 0);
  }

  @Test
  void convTransposeUpsamplesWithPyTorchsLayoutAndNamesItsErrors() {
    var rng = new SplittableRandom(3);
    var up = new ConvTranspose2d(32, 16, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1},
        1, true, Conv2d.defaultInit(), rng, DType.F32);
    assertEquals(Shape.of(2, 16, 14, 14), up.forward(Tensor.zeros(DType.F32, 2, 32, 7, 7)).shape());
    assertEquals(Shape.of(32, 16, 3, 3), up.weight().shape());                   // [in, out/groups, kH, kW], as PyTorch
    assertEquals(List.of("weight", "bias"), List.copyOf(up.namedParameters().keySet()));
    assertEquals("ConvTranspose2d(32->16, 3x3, stride 2, padding 1, output padding 1)", up.toString());
    assertEquals(Shape.of(1, 1, 28, 28), new ConvTranspose2d(16, 1, 2, 2, 0, rng).forward(Tensor.zeros(DType.F32, 1, 16, 14, 14)).shape());
    var e = assertThrows(IllegalArgumentException.class, () -> up.forward(Tensor.zeros(DType.F32, 2, 16, 7, 7)));
    assertEquals("ConvTranspose2d(32->16, 3x3, stride 2, padding 1, output padding 1): input has 16 channels, expected 32"
        + " (got [2, 16, 7, 7])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(2, 2, new int[] {3, 3}, new int[] {1, 1},
        new int[] {0, 0}, new int[] {1, 0}, new int[] {1, 1}, 1, true, Conv2d.defaultInit(), rng, DType.F32));
    assertEquals("ConvTranspose2d: output padding must be >= 0 and below the stride (got output padding [1, 0], stride [1, 1])",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ConvTranspose2d(2, 2, 3, 1, 3, rng).forward(Tensor.zeros(DType.F32, 1, 2, 1, 1)));
    assertEquals("ConvTranspose2d(2->2, 3x3, padding 3): input of 1x1 gives an output of -3x-3; the padding is too large"
        + " (got [1, 2, 1, 1])", e.getMessage());
  }
}
