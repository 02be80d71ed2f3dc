package dev.chainrule.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Downloads a file from the first mirror that serves it with the expected SHA-256.
 *
 * <p>The body is streamed into a temporary file in the target directory while it is hashed; only
 * when the hash matches is the temporary file renamed onto the target name (atomically where the
 * file system allows). On any failure the temporary file is deleted, so the target directory
 * never holds a half-written or unverified file under the real name.
 */
public final class VerifiedDownloader {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Supplier<HttpClient> clientFactory;
  private HttpClient client;   // made by the first download (see the first constructor)
  private final Duration requestTimeout;
  private final PrintStream log;

  /**
   * Creates a downloader with its own HTTP client (follows redirects, 30 s connect timeout,
   * 10 min per file).
   *
   * @param log where to print one line per attempt; {@code null} for silence
   */
  public VerifiedDownloader(PrintStream log) {
    // The client is built on the first download, not here: building one takes about 0.17 s of a
    // cold JVM (issue 12), and a run whose data are already there never downloads.
    this(() -> HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build(),
        Duration.ofMinutes(10),
        log);
  }

  /**
   * Creates a downloader around a given client.
   *
   * @param client HTTP client to use
   * @param requestTimeout time limit for one file from one mirror
   * @param log where to print one line per attempt; {@code null} for silence
   */
  public VerifiedDownloader(HttpClient client, Duration requestTimeout, PrintStream log) {
    this(() -> client, requestTimeout, log);
  }

  private VerifiedDownloader(Supplier<HttpClient> clientFactory, Duration requestTimeout, PrintStream log) {
    this.clientFactory = clientFactory;
    this.requestTimeout = requestTimeout;
    this.log = log;
  }

  /**
   * Fetches {@code file} into {@code dir}, trying each mirror in order until one delivers the
   * expected SHA-256.
   *
   * @param mirrors base URLs ending in '/'; the file is fetched from {@code mirror + name}
   * @param file name and expected hash
   * @param dir target directory, created if missing
   * @return the verified file, {@code dir/name}
   * @throws IOException if every mirror failed; the message lists each mirror's failure
   */
  public Path download(List<URI> mirrors, DatasetFile file, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(file.name());
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI url = mirror.resolve(file.name());
      if (log != null) {
        log.println("Downloading " + url);
      }
      try {
        fetchVerified(url, file, target);
        return target;
      } catch (IOException e) {
        failures.add(url + ": " + describe(e));
        if (log != null) {
          log.println("  failed: " + describe(e));
        }
      }
    }
    throw new IOException(
        "could not download " + file.name() + " from any of " + mirrors.size() + " mirrors:\n  "
            + String.join("\n  ", failures));
  }

  private synchronized HttpClient client() {
    if (client == null) client = clientFactory.get();
    return client;
  }

  /**
   * What went wrong, never "null": the HTTP client throws some exceptions without a message (a
   * refused connection is a bare {@code ConnectException}), so those are named by their type and
   * their cause's message.
   */
  static String describe(Throwable e) {
    String message = e.getMessage();
    if (message != null && !message.isBlank()) return message;
    String what = e.getClass().getSimpleName();
    Throwable cause = e.getCause();
    return cause == null || cause == e ? what : what + " (" + describe(cause) + ")";
  }

  private void fetchVerified(URI url, DatasetFile file, Path target) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + file.name() + ".", ".part");
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET().build();
      HttpResponse<InputStream> response =
          client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      String actual;
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode());
        }
        actual = copyHashing(body, temp);
      }
      if (!actual.equals(file.sha256())) {
        throw new IOException(
            "sha256 mismatch: expected " + file.sha256() + ", found " + actual + " ("
                + Files.size(temp) + " bytes)");
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        // Same directory, so this is rare; the hash is already verified either way.
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while downloading " + url);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String copyHashing(InputStream in, Path out) throws IOException {
    MessageDigest digest = newSha256();
    byte[] buffer = new byte[BUFFER_BYTES];
    try (OutputStream os = Files.newOutputStream(out)) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
        os.write(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Computes a file's SHA-256.
   *
   * @param file the file
   * @return 64 lower-case hex digits
   * @throws IOException if the file cannot be read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = newSha256();
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "VerifiedDownloader(timeout=" + requestTimeout + ")";
  }
}
