package dev.chainrule.autograd.kernel.simd;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.VectorShape;

/**
 * Chooses the vector width and gives each width its own copy of the kernel classes.
 *
 * <p>Why copies: C2 only turns Vector API calls into machine vectors when the species is a
 * compile-time constant, i.e. read from a {@code static final} field. A species held in an
 * instance field or passed as an argument falls back to boxed Java objects; measured on this
 * project's CI box (JDK 17, AVX-512) a 6x2 gemm micro-kernel ran at 2 GFLOP/s that way against
 * 148 GFLOP/s with a {@code static final} species. Yet tests want a 128-bit instance next to the
 * preferred one in the same JVM. So the kernel classes ({@link FloatElementwise}, {@link FloatGemm},
 * their double twins, ...) read their species
 * from a {@code static final} field, and for any width other than the configured one we define a
 * hidden class from the same bytecode with the width as its class data
 * ({@link MethodHandles.Lookup#defineHiddenClassWithClassData}). Each copy gets its own
 * constants and its own compiled code, and there is only one source to maintain.
 */
final class VectorWidth {
  /** System property forcing a narrower width, e.g. {@code -Dchainrule.vectorBits=128}. */
  static final String PROPERTY = "chainrule.vectorBits";

  private static final int PREFERRED_BITS = VectorShape.preferredShape().vectorBitSize();

  /** Width used by the plainly loaded kernel classes: the property, else the CPU's preferred. */
  static final int CONFIGURED_BITS = parse(System.getProperty(PROPERTY));

  private static final Map<String, Object> COPIES = new ConcurrentHashMap<>();

  private VectorWidth() {}

  private static int parse(String value) {
    if (value == null || value.isBlank()) {
      return PREFERRED_BITS;
    }
    try {
      return check(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PROPERTY + ": expected a bit width such as 128, got '"
          + value + "'", e);
    }
  }

  /**
   * Accepts 128 up to the CPU's preferred width, powers of two only. Wider than the hardware
   * would run, but as slow scalar Java code; 64 bits would give one-lane double vectors.
   */
  static int check(int bits) {
    if (bits < 128 || bits > PREFERRED_BITS || Integer.bitCount(bits) != 1) {
      throw new IllegalArgumentException("vector width must be a power of two between 128 and "
          + PREFERRED_BITS + " bits on this CPU, got " + bits);
    }
    return bits;
  }

  /** The width a kernel class was defined for: its class data, or the configured width. */
  static int classBits(MethodHandles.Lookup lookup) {
    try {
      Integer bits = MethodHandles.classData(lookup, "_", Integer.class);
      return bits == null ? CONFIGURED_BITS : bits;
    } catch (IllegalAccessException e) {
      throw new AssertionError("kernel class lookup lacks ORIGINAL access", e);
    }
  }

  static VectorShape shape(int bits) {
    return VectorShape.forBitSize(bits);
  }

  /**
   * An instance of kernel class {@code template} at {@code bits}: a plain {@code new} at the
   * configured width, else a hidden copy. {@code template} must have a no-argument constructor.
   */
  @SuppressWarnings("unchecked")
  static <T> T kernelsAt(int bits, Class<? extends T> template) {
    if (bits != CONFIGURED_BITS) return (T) copy(template, bits);
    try {
      return template.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("cannot instantiate " + template, e);
    }
  }

  /** A fresh instance of a hidden copy of {@code template} bound to {@code bits}; one copy per width. */
  private static Object copy(Class<?> template, int bits) {
    Object proto = COPIES.computeIfAbsent(template.getName() + "/" + bits, key -> define(template, bits));
    try {
      return proto.getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("cannot instantiate " + proto.getClass(), e);
    }
  }

  private static Object define(Class<?> template, int bits) {
    String resource = template.getSimpleName() + ".class";
    try (InputStream in = template.getResourceAsStream(resource)) {
      if (in == null) {
        throw new LinkageError("class file " + resource + " not found next to " + template);
      }
      MethodHandles.Lookup hidden = MethodHandles.lookup()
          .defineHiddenClassWithClassData(in.readAllBytes(), bits, true);
      return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
          .invoke();
    } catch (IOException e) {
      throw new LinkageError("cannot read " + resource, e);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new LinkageError("cannot define a " + bits + "-bit copy of " + template, e);
    }
  }
}
