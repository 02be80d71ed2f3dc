package dev.chainrule.autograd.kernel;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Chooses the kernels once per JVM: {@code -Dchainrule.kernels=auto|scalar|simd}.
 *
 * <p>{@code auto} (the default) uses the SIMD twin when the {@code jdk.incubator.vector} module
 * is present and falls back to the scalar reference with one warning otherwise. {@code simd}
 * insists and fails loudly without the module, so a test run that means to cover SIMD cannot
 * silently cover scalar.
 */
public final class KernelProvider {
  private static final Logger LOG = System.getLogger(KernelProvider.class.getName());
  private static final String SIMD_CLASS = "dev.chainrule.autograd.kernel.simd.SimdKernels";

  private KernelProvider() {}

  /** The kernels in use for this JVM. */
  public static Kernels kernels() {
    return Holder.KERNELS;
  }

  /** True when the Vector API module is loaded in this JVM. */
  public static boolean vectorApiAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** The SIMD twin, for tests and benchmarks that compare both; fails if the module is absent. */
  public static Kernels simd() {
    if (!vectorApiAvailable()) {
      throw new IllegalStateException(
          "SIMD kernels need '--add-modules jdk.incubator.vector' on the java command line");
    }
    try {
      // Loaded reflectively so that this class links even when the module is absent.
      return (Kernels) Class.forName(SIMD_CLASS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("cannot load " + SIMD_CLASS, e);
    }
  }

  static Kernels lookup(String mode) {
    switch (mode) {
      case "scalar":
        return new ScalarKernels();
      case "simd":
        return simd();
      case "auto":
        if (vectorApiAvailable()) {
          return simd();
        }
        LOG.log(Level.WARNING, "Chainrule: SIMD kernels off, using scalar kernels; "
            + "add '--add-modules jdk.incubator.vector' to the java command line to enable them");
        return new ScalarKernels();
      default:
        throw new IllegalArgumentException(
            "chainrule.kernels: expected auto, scalar or simd, got '" + mode + "'");
    }
  }

  private static final class Holder {
    static final Kernels KERNELS = lookup(System.getProperty("chainrule.kernels", "auto"));
  }
}
