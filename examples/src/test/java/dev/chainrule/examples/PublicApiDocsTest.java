package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.testing.PublicApiDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every public member of the examples has a Javadoc comment (see {@link PublicApiDocs}). */
class PublicApiDocsTest {
  @Test
  void everyPublicMemberHasAComment() throws IOException {
    Path root = Path.of("src/main/java");
    Set<String> packages;
    try (Stream<Path> dirs = Files.walk(root)) {
      packages = dirs.filter(Files::isDirectory).map(d -> root.relativize(d).toString().replace('/', '.'))
          .collect(Collectors.toSet());
    }
    List<String> missing = PublicApiDocs.undocumented(root, packages, Set.of());
    assertEquals(List.of(), missing, "public API without a Javadoc comment");
  }
}
