package dev.chainrule.examples;

import static dev.chainrule.examples.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.examples.CommandLineTest.Run;
import dev.chainrule.examples.mnist.MnistNetwork;
import dev.chainrule.examples.mnist.Recipe;
import dev.chainrule.examples.mnist.WeightsFile;
import dev.chainrule.nn.Checkpoint;
import dev.chainrule.nn.Sequential;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Issue 21's reproducers, each built here, against the command line as a user runs it: every one
 * must end at once with exit code 1 (3 for out of memory) and one line naming the file or flag and
 * what was expected, never a stack trace, a hang or an out-of-memory crash.
 */
class HostileInputTest {
  @TempDir Path dir;

  private static void oneLine(Run r, int exit, String expected) {
    assertEquals(exit, r.exit(), r.err());
    assertEquals(expected, r.err().strip());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  /** The course network's weights with the metadata's {@code sizes} replaced. */
  private Path weightsClaiming(String sizes) throws IOException {
    Recipe recipe = Recipe.course();
    Sequential net = MnistNetwork.build(recipe, new SplittableRandom(5));
    Map<String, String> metadata = new TreeMap<>(recipe.toMetadata());
    metadata.put("sizes", sizes);
    Path file = dir.resolve("w.safetensors");
    Checkpoint.write(file, net.namedParameters(), metadata);
    return file;
  }

  // Item 1: the metadata decided what was allocated.

  @Test void metadataAskingForAHugeNetworkIsRefusedBeforeBuildingIt() throws IOException {
    Path w = weightsClaiming("784,2000000,10");
    oneLine(run("predict", w.toString()), 1, "predict: " + w + ": weights metadata 'sizes': 784,2000000,10 needs "
        + "1590000010 parameters, expected at most 100000000");
  }

  @Test void metadataWithThreeMillionLayersGivesAShortMessage() throws IOException {
    Path w = weightsClaiming("784," + "10,".repeat(2_999_998) + "10");
    Run r = run("eval", w.toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith("eval: " + w + ": weights metadata 'sizes': expected at most 1000 layer sizes, got "
        + "3000000 in '784,10,10,10,"), r.err());
    assertTrue(r.err().length() < 300, r.err().length() + " characters");
  }

  @Test void metadataThatDoesNotMatchTheTensorsNamesTheFirstMismatch() throws IOException {
    Path w = weightsClaiming("784,30,10");
    oneLine(run("predict", w.toString()), 1, "predict: " + w + ": the weights do not fit the metadata's sizes 784,30,10: "
        + "tensor '0.weight' has shape [100, 784], expected [30, 784]; tensor '0.bias' has shape [100], expected [30]; "
        + "tensor '2.weight' has shape [10, 100], expected [10, 30]");
  }

  // Item 3: a PNG's header decided what was decoded.

  /** A PNG that declares width x height grey pixels but carries almost no data (IHDR, tiny IDAT, IEND). */
  private Path pngDeclaring(String name, int width, int height) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
        .put((byte) 0).put((byte) 0).put((byte) 0).array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[width + 1]);
    deflater.finish();
    byte[] row = new byte[256];
    int n = deflater.deflate(row);
    chunk(png, "IDAT", java.util.Arrays.copyOf(row, n));
    chunk(png, "IEND", new byte[0]);
    Path file = dir.resolve(name);
    Files.write(file, png.toByteArray());
    return file;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(t);
    out.write(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test void aPngDeclaringFortyThousandSquaredPixelsIsRefusedFromItsHeaderAndTheNextPngStillRuns() throws IOException {
    Recipe recipe = Recipe.course();
    Path w = dir.resolve("ok.safetensors");
    WeightsFile.save(w, MnistNetwork.build(recipe, new SplittableRandom(5)), recipe);
    Path bomb = pngDeclaring("bomb.png", 40_000, 40_000);
    Path good = dir.resolve("good.png");
    ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", good.toFile());

    Run r = run("predict", w.toString(), bomb.toString(), good.toString());

    assertEquals(1, r.exit(), "a picture failed");
    assertEquals("predict: " + bomb + ": image of 40000x40000 = 1600000000 pixels, expected at most 16777216 "
        + "(4096x4096); scale it down first", r.err().strip());
    assertTrue(r.out().matches("(?s).*good\\.png: [0-9]\\s*"), r.out());
  }

  @Test void aCorruptPngIsNamed() throws IOException {
    Recipe recipe = Recipe.course();
    Path w = dir.resolve("ok.safetensors");
    WeightsFile.save(w, MnistNetwork.build(recipe, new SplittableRandom(5)), recipe);
    Path png = pngDeclaring("corrupt.png", 28, 28);
    byte[] bytes = Files.readAllBytes(png);
    bytes[40] ^= 0x55;                                     // inside the IDAT chunk: its CRC fails
    Files.write(png, bytes);

    Run r = run("predict", w.toString(), png.toString());

    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("predict: " + png + ": not a readable PNG image: "), r.err());
  }

  // Item 4: out of memory reached the user as a stack trace.

  @Command(name = "greedy")
  static final class Greedy implements Callable<Integer> {
    @Parameters Path input;
    @Override public Integer call() { throw new OutOfMemoryError("Java heap space"); }
  }

  @Test void outOfMemoryIsOneLineNamingTheInputAndTheLimit() {
    CommandLine cl = Main.commandLine().addSubcommand(new Greedy());
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.getSubcommands().get("greedy").setErr(new java.io.PrintWriter(err, true));

    int exit = cl.execute("greedy", "big.png");

    assertEquals(Main.OUT_OF_MEMORY, exit);
    long heapMb = Runtime.getRuntime().maxMemory() >> 20;
    assertEquals("greedy: out of memory while reading big.png: the Java heap is limited to " + heapMb + " MB "
        + "(java.lang.OutOfMemoryError: Java heap space); raise it with CHAINRULE_JAVA_OPTS=-Xmx"
        + Math.max(2, 2 * ((heapMb + 1023) >> 10)) + "g, or use smaller inputs", err.toString().strip());
  }

  // Items 8 and 9: flags checked late or not at all; messages without context.

  @Test void badFlagsFailBeforeAnyDataIsLoaded() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("no-mnist-here"));
    String data = "--data=" + empty;
    oneLine(run("mnist", data, "--sizes", "784,100,11"), 1,
        "mnist: --sizes: the last size is the output layer, expected 10 (one per digit), got 11 in 784,100,11");
    oneLine(run("mnist", data, "--sizes", "20,100,10"), 1,
        "mnist: --sizes: the first size is the input layer, expected 784 (MNIST's 28x28 pixels), got 20 in 20,100,10");
    oneLine(run("mnist", data, "--dropout", "NaN"), 1, "mnist: --dropout: expected a probability in [0, 1), got NaN");
    oneLine(run("mnist", data, "--sizes", "784,,10"), 1, "mnist: --sizes: entry 2 is empty, expected positive integers "
        + "separated by commas such as 784,100,10 (got '784,,10')");
    oneLine(run("mnist", data, "--eta", "Infinity"), 1, "mnist: --eta: expected a positive finite learning rate, got Infinity");
    oneLine(run("mnist", data, "--momentum", "1"), 1, "mnist: --momentum: expected a coefficient in [0, 1), got 1.0");
    oneLine(run("mnist", data, "--optimizer", "adam", "--l2", "0.1"), 1,
        "mnist: --l2: L2 weight decay works with sgd and momentum, not adam (got 0.1)");
    oneLine(run("mnist", data, "--activation", "gelu"), 1, "mnist: --activation: expected sigmoid, relu, tanh; got 'gelu'");
    oneLine(run("mnist", data, "--recipe", "fancy"), 1, "mnist: --recipe: expected course, beyond or cnn, got 'fancy'");
    oneLine(run("mnist", data, "--epochs", "0"), 1, "mnist: --epochs: expected at least 1 epoch, got 0");
    oneLine(run("mnist", data, "--train-limit", "0"), 1, "mnist: --train-limit: expected at least 1 training image, got 0");
    oneLine(run("mnist", data, "--threads", "0"), 1, "mnist: --threads: expected at least 1 evaluation thread, got 0");
    Path file = Files.writeString(dir.resolve("afile"), "x");
    oneLine(run("mnist", data, "--out", file.toString()), 1,
        "mnist: --out " + file + ": expected a directory to write the run into, but it is a file");
  }

  @Test void aDirectoryAsTheWeightsIsNamed() {
    oneLine(run("eval", dir.toString()), 1, "eval: " + dir + ": expected a safetensors file, found a directory");
  }

  // Item 10: a FIFO as the weights path blocked for ever.

  @Test void aFifoAsTheWeightsIsRefusedWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("f");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo: " + e.getMessage());
      return;
    }
    assumeTrue(p.waitFor() == 0, "mkfifo failed");
    Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("eval", fifo.toString()),
        "eval blocked on the FIFO");
    oneLine(r, 1, "eval: " + fifo + ": expected a safetensors file, found a FIFO, socket or device "
        + "(reading it could block or never end)");
  }

  // Issue 13 item 7: the CLI nits.

  @Test void everyCommandPrintsTheVersionOfTheBuild() {
    String version = Version.number();
    assertTrue(version.matches("\\d+\\.\\d+.*"), "filtered from the POM: " + version);
    for (String command : new String[] {"mnist", "eval", "predict", "demo"}) {
      Run r = run(command, "--version");
      assertEquals(0, r.exit(), command);
      assertTrue(r.out().startsWith("Chainrule " + version + " "), command + ": " + r.out());
    }
    assertTrue(run("--version").out().startsWith("Chainrule " + version + " "));
  }

  @Test void helpKeepsSentencesWhole() {
    String help = run("mnist", "--help").out();
    assertTrue(help.contains("\nTrains a network on MNIST.\n"), help);
    assertFalse(help.contains("sigmoid,\nquadratic"), help);
    String predict = run("predict", "--help").out().replaceAll("\\s+", " ");
    assertTrue(predict.contains("PNG given; with no PNG, shows a few test images"), predict);
  }
}
