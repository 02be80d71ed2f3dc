package dev.chainrule.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file is malformed. The message reads
 * {@code <file>: at byte <offset>: <what was found>, expected <what should be there>}.
 */
public final class SafeTensorsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  SafeTensorsFormatException(Path file, long offset, String problem) {
    super(file + ": at byte " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  /** The file that was being read. */
  public Path file() {
    return file;
  }

  /** Byte offset from the start of the file where the problem was found. */
  public long offset() {
    return offset;
  }
}
