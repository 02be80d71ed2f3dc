package dev.chainrule.examples.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.Main;
import dev.chainrule.nn.data.Mnist;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code chainrule conv-autoencoder}: the network's shapes, a tiny run on MNIST (MNIST_DIR) and its flag checks. */
class ConvAutoencoderCommandTest {

  @Test void encodesToTheCodeAndDecodesBackToImageSize() {
    ConvAutoencoder net = new ConvAutoencoder(8, new SplittableRandom(1));
    Tensor x = Tensor.rand(new SplittableRandom(2), DType.F32, 0, 1, 3, 784);
    assertEquals(Shape.of(3, 8), net.encode(x).shape());
    assertEquals(Shape.of(3, 784), net.forward(x).shape());
    assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias", "encoder.5.weight",
        "encoder.5.bias", "decoder.0.weight", "decoder.0.bias", "upsample.0.weight", "upsample.0.bias", "upsample.2.weight",
        "upsample.2.bias"), List.copyOf(net.namedParameters().keySet()));
    assertEquals(Shape.of(32, 16, 3, 3), net.namedParameters().get("upsample.0.weight").shape());   // PyTorch's [in, out, kH, kW]
  }

  @Test void aTinyRunLowersTheTestLossAndWritesTheDigitsBesideTheirReconstructions(@TempDir Path out) throws Exception {
    String dir = System.getenv("MNIST_DIR");
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "MNIST_DIR is not set: the tiny autoencoder run is skipped");
    Mnist mnist = Mnist.load(Path.of(dir));
    ConvAutoencoderCommand cmd = new ConvAutoencoderCommand();
    new CommandLine(cmd).parseArgs("--limit", "512", "--test-limit", "200", "--epochs", "2", "--digits", "6",
        "--out", out.toString());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ConvAutoencoderCommand.Result r = cmd.run(mnist, new PrintStream(log, true, StandardCharsets.UTF_8));
    String text = log.toString(StandardCharsets.UTF_8);
    assertEquals(3, r.testBce().size(), text);
    assertTrue(r.testBce().get(1) < r.testBce().get(0) && r.testBce().get(2) < r.testBce().get(1), "test BCE " + r.testBce());
    assertTrue(r.testMse().get(2) < r.testMse().get(0), "test MSE " + r.testMse());
    assertTrue(text.contains("epoch 2: train BCE"), text);

    BufferedImage png = ImageIO.read(out.resolve("reconstructions.png").toFile());
    assertNotNull(png, "the PNG decodes");
    assertEquals(out.resolve("reconstructions.png"), r.png());
    // One row of 6 pairs, each pixel 2x2: 2·(4 + 6·(28 + 1 + 28 + 4)) by 2·(4 + 28 + 4).
    assertEquals(740, png.getWidth());
    assertEquals(72, png.getHeight());
    // The left image of pair 3 is test digit 3, pixel for pixel.
    float[] digit = mnist.test().image(3);
    for (int row = 0; row < 28; row++) {
      for (int col = 0; col < 28; col++) {
        int x = 2 * (4 + 3 * 61 + col), y = 2 * (4 + row);
        assertEquals(Math.round(255 * digit[row * 28 + col]), png.getRaster().getSample(x + 1, y + 1, 0),
            "digit 3 at (" + row + ", " + col + ")");
      }
    }
  }

  @Test void badFlagsAreRefusedBeforeLoadingData() {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.getSubcommands().get("conv-autoencoder").setErr(new PrintWriter(err, true));
    assertEquals(1, cl.execute("conv-autoencoder", "--code", "0", "--data", "/nonexistent"));
    assertTrue(err.toString().contains("--code, --batch, --limit, --test-limit and --digits must be >= 1") && err.toString()
        .contains("code 0"), err.toString());
  }
}
