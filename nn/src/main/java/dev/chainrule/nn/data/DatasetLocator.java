package dev.chainrule.nn.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the directory that holds a data set's files, in this order:
 *
 * <ol>
 *   <li>an explicit directory (the command line's {@code --data DIR});
 *   <li>the directory named by the spec's environment variable ({@code MNIST_DIR});
 *   <li>the per-user cache, {@code $XDG_CACHE_HOME/chainrule/<name>} or
 *       {@code ~/.cache/chainrule/<name>}, if it holds every file with the right SHA-256;
 *   <li>otherwise the missing files are downloaded from the spec's mirrors into that cache.
 * </ol>
 *
 * <p>An explicit directory or environment variable that lacks a file is an error rather than a
 * reason to fall through: the user asked for that directory. In those directories a file may be
 * gzip-compressed under its own name or stored uncompressed without the {@code .gz}; their hashes
 * are not checked (the IDX reader validates the contents). The environment and the cache root are
 * constructor parameters, so tests need neither a real environment nor a real home directory.
 */
public final class DatasetLocator {
  private final DatasetSpec spec;
  private final Map<String, String> env;
  private final Path cacheRoot;
  private final VerifiedDownloader downloader;

  /**
   * Creates a locator.
   *
   * @param spec the data set's files, environment variable and mirrors
   * @param env environment variables to consult (normally {@link System#getenv()})
   * @param cacheRoot the chainrule cache root; the data set lives in
   *     {@code cacheRoot/<spec.cacheName()>}
   * @param downloader used when the cache lacks files
   */
  public DatasetLocator(
      DatasetSpec spec, Map<String, String> env, Path cacheRoot, VerifiedDownloader downloader) {
    this.spec = spec;
    this.env = Map.copyOf(env);
    this.cacheRoot = cacheRoot;
    this.downloader = downloader;
  }

  /**
   * A locator using the process environment and the user's cache, logging downloads to
   * {@code log}.
   *
   * @param spec the data set
   * @param log where download progress lines go, or {@code null}
   * @return the locator
   */
  public static DatasetLocator standard(DatasetSpec spec, PrintStream log) {
    Map<String, String> env = System.getenv();
    return new DatasetLocator(
        spec, env, defaultCacheRoot(env, Path.of(System.getProperty("user.home"))),
        new VerifiedDownloader(log));
  }

  /**
   * The cache root: {@code $XDG_CACHE_HOME/chainrule} when that variable holds an absolute path,
   * else {@code <home>/.cache/chainrule}.
   *
   * @param env environment variables
   * @param home the user's home directory
   * @return the chainrule cache root
   */
  public static Path defaultCacheRoot(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg).resolve("chainrule");
    }
    return home.resolve(".cache").resolve("chainrule");
  }

  /** @return the directory this data set is cached and downloaded into */
  public Path cacheDir() {
    return cacheRoot.resolve(spec.cacheName());
  }

  /**
   * Finds (or downloads) the data set.
   *
   * @param explicitDir a directory given by the user, or {@code null}
   * @return a directory holding every file of the spec
   * @throws IOException if an explicit or environment directory lacks a file, or the download
   *     fails; the message says to pass {@code --data} or set the environment variable
   */
  public Path locate(Path explicitDir) throws IOException {
    if (explicitDir != null) {
      return requireComplete(explicitDir, "--data " + explicitDir);
    }
    String fromEnv = env.get(spec.envVar());
    if (fromEnv != null && !fromEnv.isBlank()) {
      return requireComplete(Path.of(fromEnv), "$" + spec.envVar() + "=" + fromEnv);
    }
    return fillCache();
  }

  /**
   * The file in {@code dir} that stands for {@code file}: the name itself, or the uncompressed
   * name without {@code .gz}.
   *
   * @param dir a data directory
   * @param file the file wanted
   * @return the existing path, or {@code dir/name} if neither exists
   */
  public static Path resolve(Path dir, DatasetFile file) {
    Path exact = dir.resolve(file.name());
    if (Files.isRegularFile(exact)) {
      return exact;
    }
    Path plain = dir.resolve(file.uncompressedName());
    return Files.isRegularFile(plain) ? plain : exact;
  }

  private Path requireComplete(Path dir, String source) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          spec.name() + ": " + source + " is not a directory; pass --data DIR or set "
              + spec.envVar() + " to a directory holding " + fileNames());
    }
    List<String> missing = new ArrayList<>();
    for (DatasetFile file : spec.files()) {
      if (!Files.isRegularFile(resolve(dir, file))) {
        missing.add(file.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          spec.name() + ": " + source + " lacks " + String.join(", ", missing)
              + " (uncompressed copies without .gz are accepted too)");
    }
    return dir;
  }

  private Path fillCache() throws IOException {
    Path dir = cacheDir();
    for (DatasetFile file : spec.files()) {
      Path cached = dir.resolve(file.name());
      if (Files.isRegularFile(cached) && VerifiedDownloader.sha256(cached).equals(file.sha256())) {
        continue;
      }
      try {
        downloader.download(spec.mirrors(), file, dir);
      } catch (IOException e) {
        throw new IOException(
            spec.name() + " not found and " + e.getMessage() + "\nPass --data DIR or set "
                + spec.envVar() + " to a directory holding " + fileNames() + ".",
            e);
      }
    }
    return dir;
  }

  private String fileNames() {
    List<String> names = new ArrayList<>();
    for (DatasetFile file : spec.files()) {
      names.add(file.name());
    }
    return String.join(", ", names);
  }

  @Override
  public String toString() {
    return "DatasetLocator(" + spec.name() + ", cache=" + cacheDir() + ")";
  }
}
