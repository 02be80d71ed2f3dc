package dev.chainrule.nn.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON subset a safetensors header uses: objects, arrays, strings and integers. A strict
 * parser (RFC 8259 syntax, no duplicate keys, no literals or fractions) that records each value's
 * byte offset for error messages, and a string escaper for the writer.
 *
 * <p>Written by hand rather than pulling a JSON library into nn: the header grammar is tiny, and
 * owning the parser is what lets every error name the exact byte.
 */
final class HeaderJson {
  /** Deeper nesting than the format's 3 levels is refused before it can overflow the stack. */
  private static final int MAX_DEPTH = 16;

  /** A parsed value and the file offset of its first byte. */
  sealed interface Node permits Obj, Arr, Str, Num {
    long offset();
  }

  /** A JSON object, members in document order. */
  record Obj(Map<String, Node> members, long offset) implements Node {}

  /** A JSON array. */
  record Arr(List<Node> items, long offset) implements Node {}

  /** A JSON string. */
  record Str(String value, long offset) implements Node {}

  /** A JSON integer (fractions and exponents are refused). */
  record Num(long value, long offset) implements Node {}

  private final Path file;
  private final byte[] in;
  private final long base;
  private int pos;

  private HeaderJson(Path file, byte[] in, long base) {
    this.file = file;
    this.in = in;
    this.base = base;
  }

  /**
   * Parses {@code utf8} as one JSON value followed only by whitespace. {@code base} is the file
   * offset of {@code utf8[0]}; error messages report file offsets.
   */
  static Node parse(Path file, byte[] utf8, long base) throws SafeTensorsFormatException {
    HeaderJson p = new HeaderJson(file, utf8, base);
    p.skipWhitespace();
    Node value = p.value(0);
    p.skipWhitespace();
    if (p.pos != utf8.length) {
      throw p.error("trailing " + p.describe() + " after the JSON value, expected only spaces up to the end of the header");
    }
    return value;
  }

  private Node value(int depth) throws SafeTensorsFormatException {
    if (depth > MAX_DEPTH) {
      throw error("JSON nested deeper than " + MAX_DEPTH + " levels, expected a safetensors header");
    }
    if (pos >= in.length) {
      throw error("bad JSON: header ends where a value was expected");
    }
    byte c = in[pos];
    if (c == '{') {
      return object(depth);
    } else if (c == '[') {
      return array(depth);
    } else if (c == '"') {
      long at = base + pos;
      return new Str(string(), at);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    throw error("bad JSON: found " + describe() + ", expected an object, array, string or integer");
  }

  private Obj object(int depth) throws SafeTensorsFormatException {
    long at = base + pos;
    pos++; // '{'
    Map<String, Node> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return new Obj(members, at);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("bad JSON: found " + describe() + ", expected '\"' starting a member name");
      }
      long keyAt = base + pos;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Node v = value(depth + 1);
      if (members.put(key, v) != null) {
        throw new SafeTensorsFormatException(file, keyAt,
            "bad JSON: duplicate key \"" + key + "\", expected each name once");
      }
      skipWhitespace();
      byte c = peek();
      pos++;
      if (c == '}') {
        return new Obj(members, at);
      }
      if (c != ',') {
        pos--;
        throw error("bad JSON: found " + describe() + ", expected ',' or '}'");
      }
    }
  }

  private Arr array(int depth) throws SafeTensorsFormatException {
    long at = base + pos;
    pos++; // '['
    List<Node> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return new Arr(items, at);
    }
    while (true) {
      skipWhitespace();
      items.add(value(depth + 1));
      skipWhitespace();
      byte c = peek();
      pos++;
      if (c == ']') {
        return new Arr(items, at);
      }
      if (c != ',') {
        pos--;
        throw error("bad JSON: found " + describe() + ", expected ',' or ']'");
      }
    }
  }

  private Num number() throws SafeTensorsFormatException {
    int start = pos;
    boolean negative = false;
    if (in[pos] == '-') {
      negative = true;
      pos++;
    }
    int digitsStart = pos;
    while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
      pos++;
    }
    int digits = pos - digitsStart;
    if (digits == 0) {
      throw error("bad JSON: found " + describe() + ", expected a digit");
    }
    if (digits > 1 && in[digitsStart] == '0') {
      pos = digitsStart;
      throw error("bad JSON: integer with a leading zero, expected 0 or a digit 1-9 first");
    }
    if (pos < in.length && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E')) {
      throw error("found a fraction or exponent, expected an integer");
    }
    String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
    try {
      long v = Long.parseLong(text);
      return new Num(negative && v == 0 ? 0 : v, base + start);
    } catch (NumberFormatException e) {
      throw new SafeTensorsFormatException(file, base + start,
          "integer " + text + " out of range, expected at most " + Long.MAX_VALUE);
    }
  }

  /** Parses a string starting at the opening quote; decodes UTF-8 strictly. */
  private String string() throws SafeTensorsFormatException {
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    int runStart = pos;
    while (true) {
      if (pos >= in.length) {
        throw error("bad JSON: header ends inside a string, expected a closing '\"'");
      }
      byte c = in[pos];
      if (c == '"' || c == '\\') {
        decodeRun(sb, runStart, pos);
        if (c == '"') {
          pos++;
          return sb.toString();
        }
        escape(sb);
        runStart = pos;
      } else if ((c & 0xFF) < 0x20) {
        throw error("bad JSON: control character 0x" + Integer.toHexString(c) + " in a string, expected it escaped");
      } else {
        pos++;
      }
    }
  }

  private void escape(StringBuilder sb) throws SafeTensorsFormatException {
    pos++; // backslash
    if (pos >= in.length) {
      throw error("bad JSON: header ends inside an escape, expected one of \"\\/bfnrtu");
    }
    byte e = in[pos++];
    switch (e) {
      case '"' -> sb.append('"');
      case '\\' -> sb.append('\\');
      case '/' -> sb.append('/');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'u' -> {
        if (pos + 4 > in.length) {
          pos = in.length;
          throw error("bad JSON: header ends inside \\u escape, expected 4 hex digits");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
          int d = Character.digit(in[pos], 16);
          if (d < 0) {
            throw error("bad JSON: found " + describe() + " in \\u escape, expected a hex digit");
          }
          v = v * 16 + d;
          pos++;
        }
        sb.append((char) v);
      }
      default -> {
        pos--;
        throw error("bad JSON: invalid escape " + describe() + ", expected one of \"\\/bfnrtu");
      }
    }
  }

  private void decodeRun(StringBuilder sb, int from, int to) throws SafeTensorsFormatException {
    if (from == to) {
      return;
    }
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.wrap(in, from, to - from);
    CharBuffer chars = CharBuffer.allocate(to - from);
    var result = dec.decode(bytes, chars, true);
    if (result.isError()) {
      throw new SafeTensorsFormatException(file, base + bytes.position(),
          "bad JSON: invalid UTF-8 byte 0x" + Integer.toHexString(in[bytes.position()] & 0xFF)
              + " in a string, expected well-formed UTF-8");
    }
    chars.flip();
    sb.append(chars);
  }

  private void expect(char c) throws SafeTensorsFormatException {
    if (peek() != c) {
      throw error("bad JSON: found " + describe() + ", expected '" + c + "'");
    }
    pos++;
  }

  private byte peek() {
    return pos < in.length ? in[pos] : 0;
  }

  private void skipWhitespace() {
    while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
      pos++;
    }
  }

  private String describe() {
    if (pos >= in.length) {
      return "end of header";
    }
    int b = in[pos] & 0xFF;
    return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : "byte 0x" + Integer.toHexString(b);
  }

  private SafeTensorsFormatException error(String problem) {
    return new SafeTensorsFormatException(file, base + pos, problem);
  }

  // ------------------------------------------------------------------ writer side

  /** Appends {@code s} as a JSON string literal (quotes, backslashes and controls escaped). */
  static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Index of the first unpaired surrogate in {@code s} (which UTF-8 cannot encode), or -1.
   */
  static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  static void checkEncodable(String what, String s) {
    int bad = unpairedSurrogate(s);
    if (bad >= 0) {
      throw new IllegalArgumentException("SafeTensors.write: " + what + " has an unpaired surrogate U+"
          + Integer.toHexString(s.charAt(bad)).toUpperCase() + " at index " + bad
          + " and cannot be encoded as UTF-8");
    }
  }
}
