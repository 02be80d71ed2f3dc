import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.data.DataSplit;
import dev.chainrule.examples.data.Mnist;
import dev.chainrule.examples.mnist.WeightsFile;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a trained MNIST network and its ONNX export (chainrule export-onnx) on the 10,000 test
 * images, Chainrule against ONNX Runtime, and prints how many predictions agree, both accuracies
 * and the largest output difference. A one-file program (README, "Export to ONNX", has the command).
 */
public final class OnnxMnistCheck {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: OnnxMnistCheck WEIGHTS.safetensors MODEL.onnx MNIST_DIR");
      System.exit(2);
    }
    var net = WeightsFile.load(Path.of(args[0])).net();
    net.eval();
    DataSplit test = Mnist.locateAndLoad(Path.of(args[2]), System.out).test();
    int n = test.count();
    int classes;
    float[] ours;
    try (var noGrad = GradMode.off()) {
      Tensor y = net.forward(Tensor.wrap(Shape.of(n, test.features()), test.images()));
      classes = y.dim(1);
      ours = y.toFloatArray();
    }
    var env = OrtEnvironment.getEnvironment();
    try (var session = env.createSession(args[1], new OrtSession.SessionOptions());
         var input = OnnxTensor.createTensor(env, FloatBuffer.wrap(test.images()), new long[] {n, test.features()});
         var result = session.run(Map.of("input", input))) {
      FloatBuffer theirs = ((OnnxTensor) result.get(0)).getFloatBuffer();
      int agree = 0, oursCorrect = 0, theirsCorrect = 0;
      double worst = 0;
      for (int i = 0; i < n; i++) {
        int a = 0, b = 0;
        for (int j = 0; j < classes; j++) {
          int k = i * classes + j;
          worst = Math.max(worst, Math.abs(ours[k] - theirs.get(k)));
          if (ours[k] > ours[i * classes + a]) a = j;
          if (theirs.get(k) > theirs.get(i * classes + b)) b = j;
        }
        if (a == b) agree++;
        else System.out.printf("image %d: Chainrule says %d, ONNX Runtime %d (outputs %.3g and %.3g here)%n",
            i, a, b, ours[i * classes + a], theirs.get(i * classes + b));
        if (a == test.label(i)) oursCorrect++;
        if (b == test.label(i)) theirsCorrect++;
      }
      System.out.printf("predictions agree on %d / %d test images; accuracy Chainrule %d, ONNX Runtime %d; "
          + "max |output difference| %.3g%n", agree, n, oursCorrect, theirsCorrect, worst);
    }
  }
}
