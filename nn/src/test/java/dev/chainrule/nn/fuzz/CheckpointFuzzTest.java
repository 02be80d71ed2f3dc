package dev.chainrule.nn.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Architecture;
import dev.chainrule.nn.Checkpoint;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.io.SafeTensorsFormatException;
import dev.chainrule.nn.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code Checkpoint}'s loaders on any bytes, and {@link Checkpoint#loadModel} on valid files whose
 * architecture metadata is fuzzed (the claim a file makes about the network it holds, which must
 * never decide an allocation). Allowed: {@link SafeTensorsFormatException} and
 * {@link IllegalArgumentException}, both naming the file.
 */
class CheckpointFuzzTest {
  private static final String[] LAYERS = {"Sigmoid", "ReLU", "Tanh", "Softmax", "Step", "Dropout(0.5)", "Dropout(1.5)",
      "Dropout(NaN)", "Dense(", "Conv2d(3,3)", ""};

  @FuzzTest(maxDuration = "7s")
  void anyBytes(byte[] data) throws IOException {
    Path file = FuzzFiles.write(data);
    SplittableRandom rng = new SplittableRandom(1);
    Sequential net = new Sequential(new Dense(2, 3, Init.xavier(), rng), Activation.tanh(), new Dense(3, 1, Init.xavier(), rng));
    Adam adam = new Adam(net.parameters(), 0.01);
    allowed(file, () -> Checkpoint.load(net, file));
    allowed(file, () -> Checkpoint.load(net, adam, file));
    allowed(file, () -> Checkpoint.loadNonStrict(net, file));
    allowed(file, () -> Checkpoint.loadModel(file));
  }

  @FuzzTest(maxDuration = "7s")
  void architecture(FuzzedDataProvider d) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    int layers = d.consumeInt(0, 4);
    for (int i = 0; i < layers; i++) {
      int out = d.consumeInt(0, 5), in = d.consumeInt(0, 5);
      tensors.put(i + ".weight", Tensor.zeros(out, in));
      if (d.consumeBoolean()) tensors.put(i + ".bias", Tensor.zeros(d.consumeInt(0, 5)));
    }
    StringBuilder description = new StringBuilder();
    int tokens = d.consumeInt(0, 8);
    for (int i = 0; i < tokens; i++) {
      description.append(i == 0 ? "" : d.consumeBoolean() ? " " : "  ");
      String layer = d.pickValue(LAYERS);
      if (layer.equals("Dense(")) {
        layer = "Dense(" + (d.consumeBoolean() ? d.consumeInt(0, 6) : d.consumeInt()) + "->"
            + (d.consumeBoolean() ? d.consumeInt(0, 6) : d.consumeLong()) + (d.consumeBoolean() ? ",F64)" : ")");
      }
      description.append(layer);
    }
    if (d.consumeBoolean()) description.append(d.consumeRemainingAsString());
    Path file = FuzzFiles.write("architecture.safetensors", new byte[0]);
    try {
      Checkpoint.write(file, tensors, Map.of(Architecture.METADATA_KEY, description.toString()));
    } catch (IllegalArgumentException unencodable) {
      return;   // a metadata string with an unpaired surrogate cannot be written: not a file to read
    }
    allowed(file, () -> Checkpoint.loadModel(file));
  }

  interface Load {
    void run() throws IOException;
  }

  static void allowed(Path file, Load load) throws IOException {
    try {
      load.run();
    } catch (SafeTensorsFormatException | IllegalArgumentException e) {
      FuzzFiles.namesTheFile(e, file);
    }
  }
}
