package dev.chainrule.autograd.kernel;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * jqwik's assumeTrue for a whole container: skips the SIMD properties cleanly when the JVM was
 * started without {@code --add-modules jdk.incubator.vector} (a JUnit assumption thrown from a
 * jqwik {@code @BeforeContainer} is reported as an error, not a skip).
 */
public final class NeedsVectorApi implements SkipExecutionHook {
  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    return KernelProvider.vectorApiAvailable() ? SkipResult.doNotSkip()
        : SkipResult.skip("jdk.incubator.vector not loaded: run with --add-modules jdk.incubator.vector");
  }
}
