package dev.chainrule.nn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Exported models run in ONNX Runtime and give the outputs Chainrule gives, on random models and inputs. */
class OnnxExportTest {
  private static final double TOLERANCE = 1e-5;
  private static OrtEnvironment env;
  private static OrtSession.SessionOptions options;

  @BeforeAll
  static void startRuntime() throws OrtException {
    env = OrtEnvironment.getEnvironment();
    options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);   // the machine's cores are shared
  }

  @AfterAll
  static void stopRuntime() {
    options.close();
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"F32", "F64"})
  void randomModelsGiveTheSameOutputsInOnnxRuntime(DType dtype) throws OrtException {
    double worst = 0;
    for (long seed = 1; seed <= 40; seed++) {
      var rng = new SplittableRandom(seed);
      int features = 1 + rng.nextInt(20);
      Sequential net = randomModel(rng, features, dtype);
      for (int batch : new int[] {1, 1 + rng.nextInt(9)}) {
        Tensor x = Tensor.randn(rng, dtype, 0, 2, batch, features);
        double diff = maxAbsDiff(run(OnnxExport.toBytes(net), x), expected(net, x));
        assertTrue(diff <= TOLERANCE, "seed " + seed + ", " + net + ", batch " + batch + ": max |diff| " + diff);
        worst = Math.max(worst, diff);
      }
    }
    System.out.printf("OnnxExportTest %s: 80 runs of 40 random models, max |ONNX Runtime - Chainrule| = %.3g%n",
        dtype, worst);
  }

  @Test
  void theCourseNetworkShapeExportsWithNamedParametersAndASymbolicBatch(@TempDir Path dir) throws Exception {
    var rng = new SplittableRandom(3);
    Sequential net = new Sequential(new Dense(784, 100, Init.gaussian(), rng), Activation.sigmoid(),
        new Dense(100, 10, Init.gaussian(), rng), Activation.sigmoid());
    Path file = dir.resolve("mnist.onnx");
    OnnxExport.write(net, file);
    try (OrtSession session = env.createSession(file.toString(), options)) {
      assertEquals(List.of("input"), List.copyOf(session.getInputNames()));
      assertEquals(List.of("output"), List.copyOf(session.getOutputNames()));
      NodeInfo in = session.getInputInfo().get("input");
      assertArrayEquals(new long[] {-1, 784}, ((TensorInfo) in.getInfo()).getShape());   // -1: the symbolic batch
      NodeInfo out = session.getOutputInfo().get("output");
      assertArrayEquals(new long[] {-1, 10}, ((TensorInfo) out.getInfo()).getShape());
    }
    Tensor x = Tensor.rand(rng, DType.F32, 0, 1, 32, 784);
    double diff = maxAbsDiff(run(Files.readAllBytes(file), x), expected(net, x));
    assertTrue(diff <= TOLERANCE, "max |diff| " + diff);
  }

  @Test
  void stepIsOneExactlyWherePositive() throws OrtException {
    // Inputs away from 0, so that the sign cannot depend on rounding.
    Tensor x = Tensor.of(new float[] {-2, -0.5f, 0.25f, 3, 1e-3f, -1e-3f}, 3, 2);
    Sequential net = new Sequential(Activation.step());
    assertArrayEquals(new double[] {0, 0, 1, 1, 1, 0}, run(OnnxExport.toBytes(net), x));
  }

  @Test
  void dropoutIsExportedAsInInference() throws OrtException {
    var rng = new SplittableRandom(5);
    Sequential net = new Sequential(new Dense(4, 6, Init.xavier(), rng), Activation.relu(), new Dropout(0.5, rng),
        new Dense(6, 3, Init.xavier(), rng));
    net.train();   // the export does not depend on the mode
    Tensor x = Tensor.randn(rng, DType.F32, 0, 1, 5, 4);
    byte[] onnx = OnnxExport.toBytes(net);
    double diff = maxAbsDiff(run(onnx, x), expected(net, x));
    assertTrue(diff <= TOLERANCE, "max |diff| " + diff);
  }

  @Test
  void refusesALayerThatIsNotBuiltIn() {
    Module custom = new Module() {
      @Override public Tensor forward(Tensor x) { return x.mul(2.0); }
    };
    var rng = new SplittableRandom(1);
    var e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(
        new Sequential(new Dense(2, 2, Init.xavier(), rng), new Sequential(Activation.tanh(), custom))));
    assertTrue(e.getMessage().startsWith("ONNX export: layer 1.1 (dev.chainrule.nn.onnx.OnnxExportTest$"), e.getMessage());
    assertTrue(e.getMessage().contains("is not a built-in layer; expected Dense, Sigmoid"), e.getMessage());
  }

  @Test
  void refusesAModelThatMixesDtypes() {
    var rng = new SplittableRandom(1);
    var e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(new Sequential(
        new Dense(2, 2, Init.xavier(), rng, DType.F32), new Dense(2, 2, Init.xavier(), rng, DType.F64))));
    assertEquals("ONNX export: layer 1 is F64 but layer 0 is F32; convert the model to one dtype", e.getMessage());
  }

  /** Dense layers of random widths, each followed by a random activation, sometimes dropout or nesting. */
  private static Sequential randomModel(RandomGenerator rng, int features, DType dtype) {
    List<Module> layers = new ArrayList<>();
    int width = features;
    int depth = 1 + rng.nextInt(3);
    for (int i = 0; i < depth; i++) {
      int out = 1 + rng.nextInt(16);
      Module dense = new Dense(width, out, Init.xavier(), rng, dtype);
      Module activation = switch (rng.nextInt(5)) {
        case 0 -> Activation.sigmoid();
        case 1 -> Activation.tanh();
        case 2 -> Activation.relu();
        case 3 -> Activation.softmax();
        default -> new Dropout(0.3, rng);
      };
      layers.add(rng.nextInt(4) == 0 ? new Sequential(dense, activation) : dense);
      if (!(layers.get(layers.size() - 1) instanceof Sequential)) layers.add(activation);
      width = out;
    }
    return new Sequential(layers.toArray(new Module[0]));
  }

  private static double[] expected(Sequential net, Tensor x) {
    net.eval();
    try (var noGrad = GradMode.off()) {
      return net.forward(x).toDoubleArray();
    }
  }

  /** The exported model's output for x, in ONNX Runtime. */
  private static double[] run(byte[] model, Tensor x) throws OrtException {
    long[] shape = {x.dim(0), x.dim(1)};
    try (OrtSession session = env.createSession(model, options);
         OnnxTensor input = x.dtype() == DType.F64
             ? OnnxTensor.createTensor(env, DoubleBuffer.wrap(x.toDoubleArray()), shape)
             : OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), shape);
         OrtSession.Result result = session.run(Map.of("input", input))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      if (x.dtype() == DType.F64) {
        DoubleBuffer b = out.getDoubleBuffer();
        double[] y = new double[b.remaining()];
        b.get(y);
        return y;
      }
      FloatBuffer b = out.getFloatBuffer();
      double[] y = new double[b.remaining()];
      for (int i = 0; i < y.length; i++) y[i] = b.get(i);
      return y;
    }
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    assertEquals(b.length, a.length, "output sizes");
    double worst = 0;
    for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    return worst;
  }
}
