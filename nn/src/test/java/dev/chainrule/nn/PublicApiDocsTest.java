package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.testing.PublicApiDocs;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every public member of nn's exported packages has a Javadoc comment (see {@link PublicApiDocs}). */
class PublicApiDocsTest {
  @Test
  void everyPublicMemberHasAComment() {
    Set<String> exported = PublicApiDocs.exportedPackages(Path.of("src/main/java/module-info.java"));
    List<String> missing = PublicApiDocs.undocumented(Path.of("src/main/java"), exported, Set.of());
    assertEquals(List.of(), missing, "public API without a Javadoc comment");
  }
}
