package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.CommandLineTest.Run;
import dev.chainrule.examples.mnist.MnistNetwork;
import dev.chainrule.examples.mnist.Recipe;
import dev.chainrule.examples.mnist.WeightsFile;
import dev.chainrule.nn.onnx.OnnxExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chainrule export-onnx}: the trained network, as saved, goes through {@link OnnxExport}
 * (whose outputs nn's OnnxExportTest checks in ONNX Runtime).
 */
class ExportOnnxCommandTest {
  @Test void writesTheSavedNetworkNextToTheWeights(@TempDir Path dir) throws Exception {
    Recipe recipe = Recipe.beyond();   // ReLU, dropout and cross-entropy logits: more layer kinds than the course's
    Path weights = dir.resolve("weights.safetensors");
    WeightsFile.save(weights, MnistNetwork.build(recipe, new SplittableRandom(9)), recipe);

    Run r = CommandLineTest.run("export-onnx", weights.toString());

    assertEquals(0, r.exit(), r.err());
    Path onnx = dir.resolve("weights.onnx");
    assertTrue(r.out().startsWith("wrote " + onnx + " (ONNX IR 7, opset 13; "), r.out());
    assertArrayEquals(OnnxExport.toBytes(WeightsFile.load(weights).net()), Files.readAllBytes(onnx));
  }

  @Test void writesWhereToldAndRefusesAMissingFile(@TempDir Path dir) throws Exception {
    Recipe recipe = Recipe.course();
    Path weights = dir.resolve("w.safetensors");
    WeightsFile.save(weights, MnistNetwork.build(recipe, new SplittableRandom(2)), recipe);
    Path target = dir.resolve("model.onnx");
    assertEquals(0, CommandLineTest.run("export-onnx", weights.toString(), "-o", target.toString()).exit());
    assertTrue(Files.size(target) > 4 * 784 * 100, "the weights are in the file");

    Run missing = CommandLineTest.run("export-onnx", dir.resolve("none.safetensors").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("none.safetensors"), missing.err());
  }
}
