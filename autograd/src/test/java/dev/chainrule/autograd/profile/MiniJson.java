package dev.chainrule.autograd.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict reader of JSON (RFC 8259) into maps, lists, strings, doubles, booleans and null: enough to check a trace. */
final class MiniJson {
  private final String s;
  private int i;

  private MiniJson(String s) { this.s = s; }

  /** The value {@code text} holds; throws naming the offset on anything that is not JSON. */
  static Object parse(String text) {
    MiniJson p = new MiniJson(text);
    Object v = p.value();
    p.space();
    if (p.i != text.length()) throw p.error("end of input");
    return v;
  }

  private Object value() {
    space();
    if (i >= s.length()) throw error("a value");
    char c = s.charAt(i);
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return string();
    if (s.startsWith("true", i)) { i += 4; return true; }
    if (s.startsWith("false", i)) { i += 5; return false; }
    if (s.startsWith("null", i)) { i += 4; return null; }
    return number();
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    space();
    if (peek('}')) { i++; return m; }
    do {
      space();
      if (!peek('"')) throw error("a string key");
      String k = string();
      space();
      expect(':');
      m.put(k, value());
      space();
    } while (peek(',') && i++ >= 0);
    expect('}');
    return m;
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    i++;
    space();
    if (peek(']')) { i++; return l; }
    do {
      l.add(value());
      space();
    } while (peek(',') && i++ >= 0);
    expect(']');
    return l;
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    i++;
    while (i < s.length() && s.charAt(i) != '"') {
      char c = s.charAt(i++);
      if (c < 0x20) throw error("no control character in a string");
      if (c == '\\') {
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
          default -> throw error("a valid escape");
        }
      } else {
        sb.append(c);
      }
    }
    expect('"');
    return sb.toString();
  }

  private Double number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
    String n = s.substring(start, i);
    if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      i = start;
      throw error("a value");
    }
    return Double.valueOf(n);
  }

  private boolean peek(char c) { return i < s.length() && s.charAt(i) == c; }

  private void expect(char c) {
    if (!peek(c)) throw error("'" + c + "'");
    i++;
  }

  private void space() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException("JSON: expected " + expected + " at offset " + i);
  }
}
