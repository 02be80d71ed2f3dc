package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that the README shows a test's example verbatim: the code between {@code // README-BEGIN}
 * and {@code // README-END} in the test class must be the java block after
 * {@code <!-- example: TestClassName -->} in the project README.
 */
final class ReadmeExamples {
  private ReadmeExamples() {}

  static void assertShown(Class<?> test) throws IOException {
    String source = Files.readString(Path.of("src/test/java/" + test.getName().replace('.', '/') + ".java"));
    String code = between(source, "    // README-BEGIN\n", "    // README-END\n").replaceAll("(?m)^    ", "");
    String readme = Files.readString(Path.of("../README.md"));   // the project README (tests run in nn/)
    String shown = between(readme, "<!-- example: " + test.getSimpleName() + " -->\n```java\n", "```\n");
    assertEquals(code, shown, "README.md's example must be " + test.getSimpleName() + "'s code, verbatim");
  }

  private static String between(String s, String begin, String end) {
    int from = s.indexOf(begin);
    assertTrue(from >= 0, "marker not found: " + begin);
    from += begin.length();
    int to = s.indexOf(end, from);
    assertTrue(to >= 0, "marker not found: " + end);
    return s.substring(from, to);
  }
}
