package dev.chainrule.nn.data;

import java.io.IOException;

/**
 * An IDX file that does not hold what its reader expected. The message has the form
 * {@code "<file>: offset <n>: expected <what>, found <what>"}, where the offset counts bytes of
 * the decompressed IDX stream, e.g.
 * {@code "train-images-idx3-ubyte.gz: offset 0: expected magic 2051 (0x00000803, unsigned byte
 * images), found 2049 (0x00000801, unsigned byte labels)"}.
 */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param file the file name as the user knows it (usually the last path element)
   * @param offset byte offset into the decompressed IDX data where the problem was found
   * @param problem what was expected and what was found
   */
  public IdxFormatException(String file, long offset, String problem) {
    super(file + ": offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  /**
   * Creates the exception for a problem with no meaningful offset (e.g. a corrupt gzip stream).
   *
   * @param file the file name
   * @param problem what went wrong
   * @param cause the underlying error
   */
  public IdxFormatException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.offset = -1;
  }

  /** @return the file name the message starts with */
  public String file() {
    return file;
  }

  /** @return the byte offset into the decompressed IDX data, or -1 if none applies */
  public long offset() {
    return offset;
  }
}
