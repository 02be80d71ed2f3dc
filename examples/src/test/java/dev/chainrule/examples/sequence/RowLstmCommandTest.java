package dev.chainrule.examples.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.Main;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.optim.Adam;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The row-by-row LSTM of {@code chainrule row-lstm}: shapes, that it learns, and its flag checks. */
class RowLstmCommandTest {

  @Test void readsImagesAsRowsAndLearnsToTellTwoPatternsApart() {
    SplittableRandom rng = new SplittableRandom(5);
    RowLstmCommand.RowLstm net = new RowLstmCommand.RowLstm(8, rng);
    // Class 0 lights the top half of the image, class 1 the bottom half: only the row order tells them apart.
    float[] x = new float[16 * 784];
    float[] y = new float[16];
    for (int i = 0; i < 16; i++) {
      y[i] = i % 2;
      for (int p = 0; p < 784; p++) if ((p < 392) == (i % 2 == 0)) x[i * 784 + p] = 0.5f + 0.5f * (float) rng.nextDouble();
    }
    Tensor images = Tensor.of(x, 16, 784), labels = Tensor.of(y, 16);
    assertArrayEquals(new int[] {16, 10}, net.forward(images).dims());
    Adam adam = new Adam(net.parameters(), 0.01);
    CrossEntropyLoss loss = new CrossEntropyLoss();
    double first = loss.apply(net.forward(images), labels).item(), last = first;
    for (int step = 0; step < 30; step++) {
      adam.zeroGrad();
      Tensor cost = loss.apply(net.forward(images), labels);
      cost.backward();
      adam.step();
      last = cost.item();
    }
    assertTrue(last < first / 4, "loss " + first + " -> " + last);
    assertEquals(DType.F32, net.forward(images).dtype());
  }

  @Test void badFlagsAreRefusedBeforeLoadingData() {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.getSubcommands().get("row-lstm").setErr(new PrintWriter(err, true));
    int exit = cl.execute("row-lstm", "--epochs", "0", "--data", "/nonexistent");
    assertEquals(1, exit);
    assertTrue(err.toString().contains("--epochs, --hidden and --batch must be >= 1"), err.toString());
  }
}
