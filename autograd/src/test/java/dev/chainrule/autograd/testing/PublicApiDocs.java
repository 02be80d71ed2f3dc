package dev.chainrule.autograd.testing;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds public API without a Javadoc comment: every public or protected type, constructor, method,
 * field and enum constant reachable from outside (all enclosing types public), and every public
 * class that falls back on the implicit default constructor (which has no comment to show).
 *
 * <p>Javadoc's own doclint group "missing" cannot do this job: it also demands an {@code @param}
 * and {@code @return} tag on every method ({@code Tensor.exp()} would need "@return e to the x"),
 * so the build runs doclint without it and each module's {@code PublicApiDocsTest} runs this.
 * Methods marked {@code @Override} inherit their documentation and are skipped, as in javadoc.
 * The sources are only parsed, never compiled.
 */
public final class PublicApiDocs {
  private PublicApiDocs() {}

  /**
   * Every undocumented public member under {@code sourceRoot}, one line each as
   * {@code path:line kind name}, in file order.
   *
   * @param sourceRoot a source directory such as {@code src/main/java}
   * @param packages the packages to check (exact names; sub-packages are listed on their own)
   * @param skippedFiles file names (e.g. {@code Tensor.java}) left out of the check
   */
  public static List<String> undocumented(Path sourceRoot, Set<String> packages, Set<String> skippedFiles) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> found = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null);
         Stream<Path> walk = Files.walk(sourceRoot)) {
      List<Path> sources = walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("module-info.java"))
          .filter(p -> !p.getFileName().toString().equals("package-info.java"))
          .filter(p -> !skippedFiles.contains(p.getFileName().toString()))
          .filter(p -> packages.contains(packageOf(sourceRoot, p)))
          .sorted().toList();
      if (sources.isEmpty()) {
        return found;
      }
      JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
          files.getJavaFileObjectsFromPaths(sources));
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        for (Tree type : unit.getTypeDecls()) {
          if (type instanceof ClassTree c) {
            scanType(docs, unit, c, false, found);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sources under " + sourceRoot, e);
    }
    return found;
  }

  /**
   * The packages a {@code module-info.java} exports to everyone (qualified exports are not API).
   *
   * @param moduleInfo the module declaration to read
   */
  public static Set<String> exportedPackages(Path moduleInfo) {
    try {
      return Files.readAllLines(moduleInfo).stream()
          .map(line -> EXPORTS.matcher(line))
          .filter(Matcher::matches)
          .map(m -> m.group(1))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + moduleInfo, e);
    }
  }

  private static final Pattern EXPORTS = Pattern.compile("\\s*exports\\s+([\\w.]+)\\s*;.*");

  private static String packageOf(Path root, Path file) {
    Path dir = root.relativize(file).getParent();
    return dir == null ? "" : dir.toString().replace(java.io.File.separatorChar, '.');
  }

  private static void scanType(DocTrees docs, CompilationUnitTree unit, ClassTree type, boolean inInterface,
                               List<String> found) {
    if (!visible(type.getModifiers(), inInterface)) {
      return;
    }
    check(docs, unit, type, kindOf(type) + " " + type.getSimpleName(), found);
    boolean isInterface = type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
    boolean hasConstructor = false;
    for (Tree member : type.getMembers()) {
      if (member instanceof ClassTree nested) {
        scanType(docs, unit, nested, isInterface, found);
      } else if (member instanceof MethodTree m) {
        boolean constructor = m.getName().contentEquals("<init>");
        hasConstructor |= constructor;
        if (visible(m.getModifiers(), isInterface) && !overrides(m)
            && !(constructor && type.getKind() == Tree.Kind.RECORD && compact(docs, unit, m))) {
          check(docs, unit, m, constructor ? "constructor " + type.getSimpleName() : "method " + m.getName(), found);
        }
      } else if (member instanceof VariableTree v && visible(v.getModifiers(), isInterface)) {
        check(docs, unit, v, "field " + v.getName(), found);
      }
    }
    if (type.getKind() == Tree.Kind.CLASS && !hasConstructor && type.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
      found.add(where(docs, unit, type) + " default constructor of " + type.getSimpleName()
          + " (declare it, with a comment, or make it private)");
    }
  }

  private static boolean visible(ModifiersTree mods, boolean inInterface) {
    Set<Modifier> flags = mods.getFlags();
    if (flags.contains(Modifier.PRIVATE)) {
      return false;
    }
    return inInterface || flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED);
  }

  private static boolean overrides(MethodTree m) {
    return m.getModifiers().getAnnotations().stream()
        .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
  }

  // A record's compact canonical constructor validates the components the record's own comment describes.
  private static boolean compact(DocTrees docs, CompilationUnitTree unit, MethodTree m) {
    try {
      long start = docs.getSourcePositions().getStartPosition(unit, m);
      long body = docs.getSourcePositions().getStartPosition(unit, m.getBody());
      return !unit.getSourceFile().getCharContent(true).subSequence((int) start, (int) body).toString().contains("(");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kindOf(ClassTree type) {
    return switch (type.getKind()) {
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case RECORD -> "record";
      case ANNOTATION_TYPE -> "annotation";
      default -> "class";
    };
  }

  private static void check(DocTrees docs, CompilationUnitTree unit, Tree tree, String what, List<String> found) {
    if (docs.getDocCommentTree(TreePath.getPath(unit, tree)) == null) {
      found.add(where(docs, unit, tree) + " " + what);
    }
  }

  private static String where(DocTrees docs, CompilationUnitTree unit, Tree tree) {
    long pos = docs.getSourcePositions().getStartPosition(unit, tree);
    return Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + unit.getLineMap().getLineNumber(pos);
  }
}
