package dev.chainrule.examples.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The character-level LSTM of {@code chainrule char-lm}: that it learns, determinism, sampling and its flag checks. */
class CharLmCommandTest {
  /** A text with a clear rule (each word follows the one before it), so a tiny model learns it fast. */
  private static final String TEXT = "the cat sat on the mat. ".repeat(40);

  private static List<CharLmCommand.Epoch> trainTiny() {
    CharLmCommand cmd = new CharLmCommand();
    new CommandLine(cmd).parseArgs("--epochs", "4", "--embedding", "8", "--hidden", "24", "--seq", "16", "--batch", "4", "--lr", "0.02");
    CharVocabulary v = new CharVocabulary(TEXT);
    CharLstm net = new CharLstm(v.size(), 8, 24, new SplittableRandom(3));
    return cmd.train(net, v.encode(TEXT.substring(0, 864)), v.encode(TEXT.substring(864)), new PrintStream(new ByteArrayOutputStream()));
  }

  @Test void trainingAndHeldOutLossesFallAndTheSameSeedGivesTheSameBits() {
    List<CharLmCommand.Epoch> first = trainTiny(), again = trainTiny();
    double uniform = Math.log(new CharVocabulary(TEXT).size());
    assertTrue(first.get(0).heldOutNats() < uniform, "held-out " + first.get(0).heldOutNats() + " vs uniform " + uniform);
    assertTrue(first.get(3).trainingNats() < first.get(0).trainingNats() / 2, "per epoch " + first);
    assertTrue(first.get(3).heldOutNats() < first.get(0).heldOutNats() / 2, "per epoch " + first);
    assertEquals(first.get(3).heldOutNats() / Math.log(2), first.get(3).heldOutBits());
    for (int e = 0; e < first.size(); e++) {
      assertEquals(Double.doubleToRawLongBits(first.get(e).trainingNats()), Double.doubleToRawLongBits(again.get(e).trainingNats()));
      assertEquals(Double.doubleToRawLongBits(first.get(e).heldOutNats()), Double.doubleToRawLongBits(again.get(e).heldOutNats()));
    }
  }

  @Test void samplesStartWithThePrimeAndUseOnlyTheVocabulary() {
    CharVocabulary v = new CharVocabulary(TEXT);
    CharLstm net = new CharLstm(v.size(), 8, 24, new SplittableRandom(3));
    String s = CharLmCommand.sample(net, v, "the ", 50, 1.0, new SplittableRandom(9));
    assertEquals(54, s.length());
    assertTrue(s.startsWith("the "), s);
    for (char c : s.toCharArray()) assertTrue(TEXT.indexOf(c) >= 0, "'" + c + "' is not in the text");
    assertEquals(s, CharLmCommand.sample(net, v, "the ", 50, 1.0, new SplittableRandom(9)), "seeded");
  }

  @Test void drawPicksTheIndexWhoseCumulativeProbabilityPassesU() {
    double[] p = {0.2, 0.5, 0.3};
    assertEquals(0, CharLmCommand.draw(p, 0.0));
    assertEquals(1, CharLmCommand.draw(p, 0.2));
    assertEquals(2, CharLmCommand.draw(p, 0.75));
    assertEquals(1, CharLmCommand.draw(new double[] {0.5, 0.49999999}, 0.999999999), "a sum rounded below 1 ends at the last");
  }

  @Test void theCommandReportsNatsAndBitsPerEpochAndSamples(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("cat.txt");
    Files.writeString(text, TEXT);
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = Main.commandLine().execute("char-lm", "--text", text.toString(), "--epochs", "2", "--embedding", "8", "--hidden", "16",
          "--seq", "16", "--batch", "4", "--sample", "30", "--prime", "the ", "--temperature", "0.5");
    } finally {
      System.setOut(saved);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, printed);
    assertTrue(printed.contains("epoch 2: training loss"), printed);
    assertTrue(printed.contains("bits/char"), printed);
    assertTrue(printed.contains("sample (temperature 0.5, seed 1):\nthe "), printed);
  }

  @Test void readsADirectorysTextFilesInNameOrder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.md"), "second");
    Files.writeString(dir.resolve("a.txt"), "first");
    Files.writeString(dir.resolve("c.png"), "not text");
    assertEquals("first\n\nsecond\n\n", CharLmCommand.read(dir));
  }

  @Test void refusesBadFlagsAMissingTextAndAPrimeOutsideTheText(@TempDir Path dir) throws Exception {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.getSubcommands().get("char-lm").setErr(new PrintWriter(err, true));
    assertEquals(1, cl.execute("char-lm", "--temperature", "0"));
    assertTrue(err.toString().contains("--lr, --clip and --temperature > 0"), err.toString());
    assertEquals(1, cl.execute("char-lm", "--text", dir.resolve("missing").toString()));
    assertTrue(err.toString().contains("missing: no such text file or directory"), err.toString());
    Path text = dir.resolve("cat.txt");
    Files.writeString(text, TEXT);
    assertEquals(1, cl.execute("char-lm", "--text", text.toString(), "--prime", "The", "--batch", "4"));
    assertTrue(err.toString().contains("character 'T' (U+0054) at offset 0 is not in the training text's"), err.toString());
    var e = assertThrows(IllegalArgumentException.class, () -> new CharVocabulary(""));
    assertEquals("CharVocabulary: the text is empty", e.getMessage());
  }
}
