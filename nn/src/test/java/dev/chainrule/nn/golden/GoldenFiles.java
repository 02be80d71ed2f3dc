package dev.chainrule.nn.golden;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.NamedArray;
import dev.chainrule.nn.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The PyTorch golden files of a test resource folder (written by benchmarks/python/golden_*.py). */
public final class GoldenFiles {
  private GoldenFiles() {}

  /** The {@code .safetensors} files in resource folder {@code folder} (e.g. "/golden-losses"), sorted. */
  public static List<Path> in(String folder) throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of(GoldenFiles.class.getResource(folder).toURI()))) {
      s.filter(p -> p.toString().endsWith(".safetensors")).sorted().forEach(files::add);
    }
    return files;
  }

  /** The case names of {@code files}: file names without {@code .safetensors}. */
  public static TreeSet<String> names(List<Path> files) {
    TreeSet<String> names = new TreeSet<>();
    for (Path p : files) names.add(p.getFileName().toString().replace(".safetensors", ""));
    return names;
  }

  /** Tensor {@code name} of a golden file in its file's dtype (float64, or int64 for integer targets), a copy. */
  public static Tensor tensor(SafeTensors.Contents c, String name) {
    NamedArray a = c.tensors().get(name);
    if (a == null) throw new AssertionError("golden file has no tensor " + name);
    return a.i64() != null ? Tensor.ofLongs(a.i64(), a.shape()) : Tensor.of(a.f64().clone(), a.shape());
  }
}
