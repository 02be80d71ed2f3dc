package dev.chainrule.autograd.golden;

import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-scope reader for the float64 safetensors files in {@code golden/}: u64 little-endian
 * header length N, N bytes of JSON {name: {dtype, shape, data_offsets}, "__metadata__": {...}},
 * then the raw little-endian data. Only what the golden files use (F64) is supported.
 */
final class SafeTensors {
  final Map<String, Tensor> tensors = new LinkedHashMap<>();
  final Map<String, String> metadata = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  static SafeTensors read(Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    long n = buf.getLong(0);
    if (n <= 0 || 8 + n > buf.capacity()) throw new IOException(file + ": bad header length " + n);
    String json = new String(buf.array(), 8, (int) n, StandardCharsets.UTF_8);
    Map<String, Object> header = (Map<String, Object>) new MiniJson(json).value();
    SafeTensors st = new SafeTensors();
    int base = 8 + (int) n;
    for (Map.Entry<String, Object> e : header.entrySet()) {
      Map<String, Object> v = (Map<String, Object>) e.getValue();
      if (e.getKey().equals("__metadata__")) {
        v.forEach((k, s) -> st.metadata.put(k, (String) s));
        continue;
      }
      if (!"F64".equals(v.get("dtype"))) throw new IOException(file + ": " + e.getKey() + " is " + v.get("dtype") + ", expected F64");
      List<Object> shape = (List<Object>) v.get("shape"), offsets = (List<Object>) v.get("data_offsets");
      int[] dims = shape.stream().mapToInt(d -> ((Number) d).intValue()).toArray();
      int start = ((Number) offsets.get(0)).intValue(), end = ((Number) offsets.get(1)).intValue();
      double[] data = new double[(end - start) / 8];
      for (int i = 0; i < data.length; i++) data[i] = buf.getDouble(base + start + 8 * i);
      st.tensors.put(e.getKey(), Tensor.of(data, dims));
    }
    return st;
  }

  Tensor get(String name) {
    Tensor t = tensors.get(name);
    if (t == null) throw new IllegalArgumentException("no tensor " + name + " (have " + tensors.keySet() + ")");
    return t;
  }

  /** Just enough JSON: objects, arrays, strings (with escapes), numbers. */
  private static final class MiniJson {
    private final String s;
    private int i;

    MiniJson(String s) { this.s = s; }

    Object value() {
      skip();
      char c = s.charAt(i);
      if (c == '{') {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        for (skip(); s.charAt(i) != '}'; skip()) {
          String k = string();
          skip();
          expect(':');
          m.put(k, value());
          skip();
          if (s.charAt(i) == ',') i++;
          skip();
        }
        i++;
        return m;
      }
      if (c == '[') {
        List<Object> l = new java.util.ArrayList<>();
        i++;
        for (skip(); s.charAt(i) != ']'; skip()) {
          l.add(value());
          skip();
          if (s.charAt(i) == ',') i++;
        }
        i++;
        return l;
      }
      if (c == '"') return string();
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      return Double.parseDouble(s.substring(start, i));
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'u' -> {
              sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
      i++;
      return sb.toString();
    }

    private void expect(char c) {
      if (s.charAt(i) != c) throw new IllegalArgumentException("json: expected '" + c + "' at " + i + " in " + s);
      i++;
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }
  }
}
