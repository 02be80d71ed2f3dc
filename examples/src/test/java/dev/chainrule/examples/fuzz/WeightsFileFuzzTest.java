package dev.chainrule.examples.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.mnist.Recipe;
import dev.chainrule.examples.mnist.WeightsFile;
import dev.chainrule.nn.Checkpoint;
import dev.chainrule.nn.fuzz.FuzzFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code chainrule eval/predict}'s loader on a valid weights file of a 4-3-2 network whose recipe
 * metadata is fuzzed, above all {@code sizes}: issue 21 item 1 set it to 784,2000000,10 and the
 * loader built the network before looking at the tensors. Allowed: {@link IOException} and
 * {@link IllegalArgumentException} naming the file. The fuzz profile's small heap turns a
 * network built from the claim into a finding.
 */
class WeightsFileFuzzTest {
  private static final String[] KEYS = {"sizes", "activation", "cost", "init", "optimizer", "eta", "dropout", "epochs"};

  @FuzzTest(maxDuration = "7s")
  void metadata(FuzzedDataProvider d) throws IOException {
    Recipe course = Recipe.course();
    Map<String, String> meta = new LinkedHashMap<>(new Recipe("course", new int[] {4, 3, 2}, course.activation(), course.cost(),
        course.init(), course.optimizer(), course.eta(), 0, 0, 0, "constant", 10, 1, 1).toMetadata());
    StringBuilder sizes = new StringBuilder();
    int n = d.consumeInt(0, 6);
    for (int i = 0; i < n; i++) {
      sizes.append(i == 0 ? "" : ",").append(d.consumeBoolean() ? d.consumeInt(0, 5) : d.consumeInt());
    }
    meta.put("sizes", d.consumeBoolean() ? sizes.toString() : d.consumeString(40));
    if (d.consumeBoolean()) meta.put(d.pickValue(KEYS), d.consumeString(12));
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("0.weight", Tensor.zeros(3, 4));
    tensors.put("0.bias", Tensor.zeros(3));
    tensors.put("2.weight", Tensor.zeros(2, 3));
    tensors.put("2.bias", Tensor.zeros(2));
    Path file = FuzzFiles.write("weights.safetensors", new byte[0]);
    try {
      Checkpoint.write(file, tensors, meta);
    } catch (IllegalArgumentException unencodable) {
      return;   // an unpaired surrogate in the metadata: no file to read
    }
    try {
      WeightsFile.load(file);
    } catch (IOException | IllegalArgumentException e) {
      FuzzFiles.namesTheFile(e, file);
    }
  }
}
