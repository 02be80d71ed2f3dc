package dev.chainrule.nn.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builders shared by the safetensors tests. */
final class SafeTensorsFixtures {
  private SafeTensorsFixtures() {}

  static final float[] SPECIAL_F32 = {
    0.0f, -0.0f, 1.0f, -2.5f, Float.NaN, Float.intBitsToFloat(0x7fc01234), Float.intBitsToFloat(0xffc00001),
    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE
  };
  static final double[] SPECIAL_F64 = {
    0.0, -0.0, 1.0, -2.5, Double.NaN, Double.longBitsToDouble(0x7ff8000000abcdefL),
    Double.longBitsToDouble(0xfff8000000000001L), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE
  };

  /** An insertion-ordered map from alternating name, array arguments. */
  static Map<String, NamedArray> map(Object... nameThenArray) {
    Map<String, NamedArray> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenArray.length; i += 2) {
      m.put((String) nameThenArray[i], (NamedArray) nameThenArray[i + 1]);
    }
    return m;
  }

  static SafeTensors.Contents roundTrip(Path dir, Map<String, NamedArray> t, Map<String, String> meta)
      throws IOException {
    Path f = dir.resolve("rt.safetensors");
    SafeTensors.write(f, t, meta);
    return SafeTensors.read(f);
  }

  /** Passes writes through until limit bytes would be exceeded, then throws as a full disk would. */
  static final class FailingAfter extends FilterOutputStream {
    private final long limit;
    private final AtomicLong written;

    FailingAfter(OutputStream out, long limit, AtomicLong written) {
      super(out);
      this.limit = limit;
      this.written = written;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (written.get() + len > limit) {
        throw new IOException("simulated disk full");
      }
      out.write(b, off, len);
      written.addAndGet(len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
