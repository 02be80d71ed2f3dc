package dev.chainrule.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.nn.data.Mnist;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --profile writes a table of the last steps of the first epoch, and a trace, into the run directory. */
class StepProfileTest {

  @Test void profilesTheLastStepsOfTheFirstEpoch(@TempDir Path out) throws IOException {
    String data = System.getenv("MNIST_DIR");
    assumeTrue(data != null && Files.isDirectory(Path.of(data)), "MNIST_DIR is not set: skipped");
    Mnist mnist = Mnist.load(Path.of(data));
    new MnistTraining(MnistTrainingTest.withEpochs(Recipe.course(), 1), 1, new PrintStream(PrintStream.nullOutputStream()))
        .trainLimit(300).profile(5).run(mnist, out);
    List<String> lines = Files.readAllLines(out.resolve(StepProfile.TABLE));
    assertTrue(lines.get(0).startsWith("Profile of 5 training steps (batch 10) at the end of epoch 1"), lines.get(0));
    int rows = 0;
    for (String line : lines.subList(3, lines.size() - 1)) {
      long calls = Long.parseLong(line.substring(26, 34).trim());
      assertEquals(0, calls % 5, "every step runs the same operations: " + line);
      rows++;
    }
    assertTrue(rows >= 4, String.join("\n", lines));
    assertTrue(Files.readString(out.resolve(StepProfile.TRACE)).contains("\"ph\": \"X\""));
  }
}
