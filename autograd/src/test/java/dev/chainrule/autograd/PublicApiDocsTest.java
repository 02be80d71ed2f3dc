package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.testing.PublicApiDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every public member of the exported packages has a Javadoc comment (see {@link PublicApiDocs}). */
class PublicApiDocsTest {
  /** Exported packages exempt from the check: none. */
  private static final Set<String> NOT_YET = Set.of();

  @Test
  void everyPublicMemberHasAComment() {
    Set<String> checked = new TreeSet<>(PublicApiDocs.exportedPackages(Path.of("src/main/java/module-info.java")));
    checked.removeAll(NOT_YET);
    List<String> missing = PublicApiDocs.undocumented(Path.of("src/main/java"), checked, Set.of());
    assertEquals(List.of(), missing, "public API without a Javadoc comment");
  }

  @Test
  void findsWhatHasNoComment(@TempDir Path root) throws IOException {
    Path dir = Files.createDirectories(root.resolve("p"));
    Files.writeString(dir.resolve("A.java"), String.join("\n",
        "package p;",
        "/** Documented. */",
        "public class A {",
        "  public int undocumentedField;",
        "  /** Documented. */ public void documented() {}",
        "  public void undocumented() {}",
        "  @Override public String toString() { return \"\"; }",
        "  void packagePrivate() {}",
        "  private static class Hidden { public void notApi() {} }",
        "  public enum E { /** Documented. */ ONE, TWO }",
        "}"));
    Files.writeString(dir.resolve("B.java"), "package p;\npublic class B {}\n");
    assertEquals(List.of(
        "A.java:4 field undocumentedField",
        "A.java:6 method undocumented",
        "A.java:10 enum E",
        "A.java:10 field TWO",
        "A.java:3 default constructor of A (declare it, with a comment, or make it private)",
        "B.java:2 class B",
        "B.java:2 default constructor of B (declare it, with a comment, or make it private)"),
        PublicApiDocs.undocumented(root, Set.of("p"), Set.of()));
  }
}
