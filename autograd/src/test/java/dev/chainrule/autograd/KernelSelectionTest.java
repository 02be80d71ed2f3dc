package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.kernel.KernelProvider;
import org.junit.jupiter.api.Test;

/** Each surefire run must really use the kernels it claims to test. */
class KernelSelectionTest {
  @Test void kernelsMatchTheRequestedMode() {
    String mode = System.getProperty("chainrule.kernels", "auto");
    String name = KernelProvider.kernels().name();
    if (mode.equals("scalar")) assertEquals("scalar", name);
    if (mode.equals("simd")) assertTrue(name.startsWith("simd"), name);
  }
}
