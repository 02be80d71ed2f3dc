package dev.chainrule.nn.data;

import java.util.Locale;

/**
 * One file of a data set and its expected SHA-256.
 *
 * @param name file name, e.g. {@code train-images-idx3-ubyte.gz}
 * @param sha256 expected SHA-256 of the file as 64 lower-case hex digits
 */
public record DatasetFile(String name, String sha256) {

  /** Validates the name and normalizes the hash to lower case. */
  public DatasetFile {
    if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("DatasetFile: need a plain file name (got " + name + ")");
    }
    if (sha256 == null || !sha256.matches("(?i)[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "DatasetFile " + name + ": sha256 must be 64 hex digits (got " + sha256 + ")");
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
  }

  /**
   * @return the name without a trailing {@code .gz}, the name of the uncompressed file a user
   *     may have in place of the download
   */
  public String uncompressedName() {
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }
}
