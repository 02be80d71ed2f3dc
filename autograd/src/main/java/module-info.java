/**
 * Chainrule's autograd: dense tensors that record the computation as they compute, reverse-mode
 * differentiation ({@code backward}, {@code Autograd.grad}), forward mode, and gradient checks.
 *
 * <p>The Vector API kernels need {@code --add-modules jdk.incubator.vector} on the {@code java}
 * command line (on the class path and on the module path alike); without it the module runs the
 * scalar reference kernels and logs one warning.
 */
module dev.chainrule.autograd {
  // Optional at run time: the SIMD kernels are loaded only when the JVM resolved the module.
  requires static jdk.incubator.vector;
  // The profiler counts the bytes each operation allocates (com.sun.management.ThreadMXBean);
  // a JDK module in every JDK build, not a library.
  requires jdk.management;

  exports dev.chainrule.autograd;
  exports dev.chainrule.autograd.check;
  exports dev.chainrule.autograd.forward;
  exports dev.chainrule.autograd.profile;

  // The primitives (.ops) and the kernels (.kernel, .kernel.simd) are implementation: users reach
  // them through Tensor's methods (in-place updates included) and write their own operations
  // against Function.
}
