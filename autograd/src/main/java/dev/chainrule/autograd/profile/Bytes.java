package dev.chainrule.autograd.profile;

import java.util.Locale;

/** Text helpers for the table and the trace. */
final class Bytes {
  private Bytes() {}

  /** Bytes in B, KB or MB (powers of 1024). */
  static String format(long n) {
    if (Math.abs(n) < 1024) return n + " B";
    if (Math.abs(n) < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }

  /** {@code s} as the inside of a JSON string. */
  static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.toString();
  }
}
