package dev.chainrule.examples.mnist;

import dev.chainrule.nn.onnx.OnnxExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chainrule export-onnx WEIGHTS [-o MODEL.onnx]}: a trained network as an ONNX model. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
    description = {"Writes a network trained by the mnist command as an ONNX model (IR 7, opset 13)",
        "for ONNX Runtime and other ONNX tools: input 'input' [batch, 784], output 'output' [batch, 10]."})
public final class ExportOnnxCommand implements Callable<Integer> {
  /** The command; picocli sets the weights file and the output. */
  public ExportOnnxCommand() {}

  @Parameters(index = "0", description = "weights file written by the mnist command")
  Path weights;

  @Option(names = {"-o", "--out"}, description = "ONNX file to write (default: the weights file with .onnx)")
  Path out;

  @Override public Integer call() throws Exception {
    WeightsFile.Loaded loaded = WeightsFile.load(weights);
    Path target = out != null ? out : defaultTarget(weights);
    OnnxExport.write(loaded.net(), target);
    System.out.println("wrote " + target + " (ONNX IR " + OnnxExport.IR_VERSION + ", opset " + OnnxExport.OPSET
        + "; input 'input', output 'output'):");
    System.out.println(loaded.net());
    return 0;
  }

  private static Path defaultTarget(Path weights) {
    String name = weights.getFileName().toString();
    String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
    return weights.resolveSibling(stem + ".onnx");
  }
}
