package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.report.AsciiDigit;
import dev.chainrule.examples.report.PngDigitReader;
import dev.chainrule.nn.data.DataSplit;
import dev.chainrule.nn.data.Mnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chainrule predict WEIGHTS [IMAGE.png ...]}: the digit in each PNG, or a few test images as ASCII art. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Prints the predicted digit for each 28x28 (or any size) PNG given; with no PNG, shows a few test images as ASCII art with their predicted and true labels."})
public final class PredictCommand implements Callable<Integer> {
  /** The command; picocli sets the weights file and the images. */
  public PredictCommand() {}

  @Parameters(index = "0", description = "weights file written by the mnist command") Path weights;
  @Parameters(index = "1..*", arity = "0..*", description = "PNG images of digits") List<Path> images;

  @Option(names = "--data", description = "MNIST directory, for the test images shown when no PNG is given") Path data;
  @Option(names = "--count", defaultValue = "5", description = "test images to show (default: ${DEFAULT-VALUE})") int count;

  @Spec CommandSpec spec;

  @Override public Integer call() throws Exception {
    WeightsFile.Loaded loaded = WeightsFile.load(weights);
    if (images != null && !images.isEmpty()) {
      int failed = 0;
      for (Path png : images) {
        try {
          System.out.println(png + ": " + predict(loaded, PngDigitReader.read(png)));
        } catch (IOException e) {       // one unreadable picture does not stop the others
          spec.commandLine().getErr().println("predict: " + e.getMessage());
          failed++;
        }
      }
      return failed == 0 ? 0 : 1;
    }
    DataSplit test = Mnist.locateAndLoad(data, System.out).test();
    for (int i = 0; i < Math.min(count, test.count()); i++) {
      float[] pixels = test.image(i);
      System.out.print(AsciiDigit.render(pixels));
      System.out.println("test image " + i + ": predicted " + predict(loaded, pixels) + ", label " + test.label(i));
      System.out.println();
    }
    return 0;
  }

  static int predict(WeightsFile.Loaded loaded, float[] pixels) {
    loaded.net().eval();
    try (var noGrad = GradMode.off()) {
      return loaded.net().forward(Tensor.wrap(Shape.of(1, pixels.length), pixels)).argmax(1)[0];
    }
  }
}
