package dev.chainrule.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns an {@link OutOfMemoryError} into one line naming the inputs of the command and the limit
 * that was hit, e.g. {@code predict: out of memory while reading w.safetensors, big.png: the Java
 * heap is limited to 2048 MB (java.lang.OutOfMemoryError: Java heap space); raise it with
 * CHAINRULE_JAVA_OPTS=-Xmx4g, or use smaller inputs}. The readers bound what a file can make them
 * allocate (see the README's limits), so this is the last line of defence, not the first.
 */
final class OutOfMemory {
  private OutOfMemory() {}

  static String describe(String command, ParseResult parsed, OutOfMemoryError e) {
    List<String> inputs = inputs(parsed);
    long heapMb = Runtime.getRuntime().maxMemory() >> 20;
    boolean direct = String.valueOf(e.getMessage()).contains("direct buffer");
    String limit = direct
        ? "direct (off-heap) memory is limited by -XX:MaxDirectMemorySize, by default the heap limit of " + heapMb + " MB"
        : "the Java heap is limited to " + heapMb + " MB";
    return String.format(Locale.ROOT, "%s: out of memory while reading %s: %s (%s); raise it with "
            + "CHAINRULE_JAVA_OPTS=-Xmx%dg, or use smaller inputs",
        command, inputs.isEmpty() ? "its inputs" : String.join(", ", inputs), limit, e,
        Math.max(2, 2 * ((heapMb + 1023) >> 10)));
  }

  /** The paths given on the command line, options and positional parameters alike, in order. */
  static List<String> inputs(ParseResult parsed) {
    List<String> paths = new ArrayList<>();
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      for (ArgSpec arg : p.matchedArgs()) {
        if (arg instanceof OptionSpec o && o.longestName().equals("--out")) continue;   // written, not read
        Object value = arg.getValue();
        if (value instanceof Path path) paths.add(path.toString());
        if (value instanceof Collection<?> values) {
          for (Object v : values) if (v instanceof Path path) paths.add(path.toString());
        }
      }
    }
    return paths;
  }
}
