package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
  @TempDir Path tmp;

  /** The four tiny files of a made-up data set, keyed by name, in spec order. */
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private DatasetSpec spec;

  @BeforeEach
  void makeDataset() {
    files.put("train-images-idx3-ubyte.gz", IdxBytes.gzip(IdxBytes.images(12, 28, 28)));
    files.put("train-labels-idx1-ubyte.gz",
        IdxBytes.gzip(IdxBytes.labels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1)));
    files.put("t10k-images-idx3-ubyte.gz", IdxBytes.gzip(IdxBytes.images(3, 28, 28)));
    files.put("t10k-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(7, 2, 1)));
    List<DatasetFile> specFiles = files.entrySet().stream()
        .map(e -> new DatasetFile(e.getKey(), sha256(e.getValue())))
        .toList();
    spec = new DatasetSpec("Tiny", "TINY_DIR", "tiny",
        specFiles.get(0), specFiles.get(1), specFiles.get(2), specFiles.get(3), List.of());
  }

  @Test
  void explicitDirectoryWinsOverEnvironmentAndCache() throws IOException {
    Path explicit = writeAll(tmp.resolve("explicit"));
    Path fromEnv = writeAll(tmp.resolve("env"));
    DatasetLocator locator = locator(Map.of("TINY_DIR", fromEnv.toString()), List.of());

    assertEquals(explicit, locator.locate(explicit));
    assertEquals(fromEnv, locator.locate(null));
  }

  @Test
  void explicitDirectoryMissingAFileIsAnErrorNamingIt() throws IOException {
    Path explicit = writeAll(tmp.resolve("explicit"));
    Files.delete(explicit.resolve("t10k-labels-idx1-ubyte.gz"));

    IOException e = assertThrows(IOException.class,
        () -> locator(Map.of(), List.of()).locate(explicit));

    assertEquals("Tiny: --data " + explicit + " lacks t10k-labels-idx1-ubyte.gz (uncompressed "
        + "copies without .gz are accepted too)", e.getMessage());
  }

  @Test
  void uncompressedFilesAreAcceptedInAUserDirectory() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("plain"));
    Files.write(dir.resolve("train-images-idx3-ubyte"), IdxBytes.images(12, 28, 28));
    Files.write(dir.resolve("train-labels-idx1-ubyte"),
        IdxBytes.labels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxBytes.images(3, 28, 28));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(7, 2, 1));

    Path found = locator(Map.of("TINY_DIR", dir.toString()), List.of()).locate(null);
    Mnist data = Mnist.load(found, spec, 10);

    assertEquals(10, data.training().count());
    assertEquals(2, data.validation().count());
    assertArrayEquals(new int[] {0, 1}, data.validation().labels());
    assertArrayEquals(new int[] {7, 2, 1}, data.test().labels());
  }

  @Test
  void environmentDirectoryThatDoesNotExistSaysHowToFixIt() {
    Path missing = tmp.resolve("nowhere");
    IOException e = assertThrows(IOException.class,
        () -> locator(Map.of("TINY_DIR", missing.toString()), List.of()).locate(null));
    assertTrue(e.getMessage().startsWith("Tiny: $TINY_DIR=" + missing + " is not a directory"),
        e.getMessage());
    assertTrue(e.getMessage().contains("pass --data DIR or set TINY_DIR"), e.getMessage());
  }

  @Test
  void verifiedCacheIsUsedWithoutDownloading() throws IOException {
    writeAll(tmp.resolve("cache").resolve("tiny"));
    try (LocalMirror mirror = new LocalMirror()) {
      Path found = locator(Map.of(), List.of(mirror.base())).locate(null);
      assertEquals(tmp.resolve("cache").resolve("tiny"), found);
      assertEquals(0, mirror.requests());
    }
  }

  @Test
  void downloadsIntoCacheTryingTheNextMirrorAfterFailures() throws IOException {
    try (LocalMirror empty = new LocalMirror();
        LocalMirror corrupt = new LocalMirror();
        LocalMirror good = new LocalMirror()) {
      files.forEach((name, bytes) -> {
        corrupt.serve(name, Arrays.copyOf(bytes, bytes.length - 1));
        good.serve(name, bytes);
      });

      Path dir = locator(Map.of(), List.of(empty.base(), corrupt.base(), good.base()))
          .locate(null);

      assertEquals(tmp.resolve("cache").resolve("tiny"), dir);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        assertArrayEquals(e.getValue(), Files.readAllBytes(dir.resolve(e.getKey())), e.getKey());
      }
      assertEquals(List.of(), partFiles(dir));
      assertEquals(4, good.requests());
      assertEquals(12, Mnist.load(dir, spec, 12).training().count());
    }
  }

  @Test
  void onlyMissingOrCorruptCacheFilesAreFetched() throws IOException {
    Path cache = writeAll(tmp.resolve("cache").resolve("tiny"));
    Files.write(cache.resolve("t10k-images-idx3-ubyte.gz"), new byte[] {1, 2, 3});
    try (LocalMirror good = new LocalMirror()) {
      files.forEach(good::serve);
      locator(Map.of(), List.of(good.base())).locate(null);
      assertEquals(1, good.requests());
      assertArrayEquals(files.get("t10k-images-idx3-ubyte.gz"),
          Files.readAllBytes(cache.resolve("t10k-images-idx3-ubyte.gz")));
    }
  }

  @Test
  void wrongOrTruncatedDownloadLeavesNothingInTheCache() throws IOException {
    try (LocalMirror bad = new LocalMirror(); LocalMirror missing = new LocalMirror()) {
      files.forEach((name, bytes) -> bad.serve(name, Arrays.copyOf(bytes, bytes.length / 2)));

      IOException e = assertThrows(IOException.class,
          () -> locator(Map.of(), List.of(bad.base(), missing.base())).locate(null));

      String message = e.getMessage();
      assertTrue(message.startsWith("Tiny not found and could not download "
          + "train-images-idx3-ubyte.gz from any of 2 mirrors:"), message);
      assertTrue(message.contains(bad.base() + "train-images-idx3-ubyte.gz: sha256 mismatch: "
          + "expected " + spec.trainImages().sha256()), message);
      assertTrue(message.contains(missing.base() + "train-images-idx3-ubyte.gz: HTTP 404"),
          message);
      assertTrue(message.contains("Pass --data DIR or set TINY_DIR"), message);
      Path cache = tmp.resolve("cache").resolve("tiny");
      try (Stream<Path> left = Files.list(cache)) {
        assertEquals(List.of(), left.toList());
      }
    }
  }

  @Test
  void connectionDroppedMidFileLeavesNothingInTheCache() throws IOException {
    try (LocalMirror cut = new LocalMirror()) {
      files.forEach((name, bytes) -> cut.serveCut(name, bytes, bytes.length / 3));

      IOException e = assertThrows(IOException.class,
          () -> locator(Map.of(), List.of(cut.base())).locate(null));

      assertTrue(e.getMessage().startsWith("Tiny not found and could not download "
          + "train-images-idx3-ubyte.gz from any of 1 mirrors:\n  " + cut.base()
          + "train-images-idx3-ubyte.gz: "), e.getMessage());
      try (Stream<Path> left = Files.list(tmp.resolve("cache").resolve("tiny"))) {
        assertEquals(List.of(), left.toList());
      }
    }
  }

  /** Issue 21 item 9: a refused connection printed "failed: null". */
  @Test
  void aRefusedConnectionIsNamedNotNull() throws IOException {
    int port;
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    URI refusing = URI.create("http://127.0.0.1:" + port + "/");

    IOException e = assertThrows(IOException.class, () -> locator(Map.of(), List.of(refusing)).locate(null));

    assertTrue(e.getMessage().contains(refusing + "train-images-idx3-ubyte.gz: ConnectException"), e.getMessage());
    assertFalse(e.getMessage().contains("null"), e.getMessage());
  }

  @Test
  void cacheRootFollowsXdgElseHome() {
    Path home = tmp.resolve("home");
    assertEquals(home.resolve(".cache/chainrule"),
        DatasetLocator.defaultCacheRoot(Map.of(), home));
    assertEquals(Path.of("/xdg/chainrule"),
        DatasetLocator.defaultCacheRoot(Map.of("XDG_CACHE_HOME", "/xdg"), home));
    assertEquals(home.resolve(".cache/chainrule"),
        DatasetLocator.defaultCacheRoot(Map.of("XDG_CACHE_HOME", "relative"), home));
  }

  @Test
  void mnistSpecCarriesTheKnownSums() {
    assertEquals("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        DatasetSpec.MNIST.trainImages().sha256());
    assertEquals("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        DatasetSpec.MNIST.testLabels().sha256());
    assertEquals(DatasetSpec.MNIST.files().stream().map(DatasetFile::name).toList(),
        DatasetSpec.FASHION_MNIST.files().stream().map(DatasetFile::name).toList());
  }

  @Test
  void findingDataThatIsThereStartsNoHttpClient() throws IOException {
    // Building an HttpClient costs about 0.17 s of a cold JVM and starts a selector thread; a run
    // whose data are already there must not pay for it (issue 12).
    Path dir = writeAll(tmp.resolve("given"));
    List<Long> before = Thread.getAllStackTraces().keySet().stream().map(Thread::getId).toList();
    assertEquals(dir, DatasetLocator.standard(spec, null).locate(dir));
    List<String> started = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t.getId())).map(Thread::getName).toList();
    assertTrue(started.stream().noneMatch(n -> n.startsWith("HttpClient")), "threads started: " + started);
  }

  private DatasetLocator locator(Map<String, String> env, List<URI> mirrors) {
    VerifiedDownloader downloader = new VerifiedDownloader(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Duration.ofSeconds(20), null);
    return new DatasetLocator(spec.withMirrors(mirrors), env, tmp.resolve("cache"), downloader);
  }

  private Path writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
    return dir;
  }

  private static List<Path> partFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
