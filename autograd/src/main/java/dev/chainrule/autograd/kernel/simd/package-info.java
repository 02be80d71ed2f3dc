/**
 * The SIMD twin of the kernels: the only package that imports {@code jdk.incubator.vector}.
 *
 * <p>Contract: {@link dev.chainrule.autograd.kernel.simd.SimdKernels} computes what
 * {@link dev.chainrule.autograd.kernel.ScalarKernels} computes, bit for bit where the order of
 * operations is the same (elementwise arithmetic, comparisons, piecewise functions, axpy, sums
 * over a non-innermost axis), within a few ulps for transcendental functions and within
 * rounding for reordered sums (innermost-axis sums, gemm). Arguments are trusted: the tensor
 * layer validates shapes. Single-threaded; scratch buffers are per thread.
 *
 * <p>Classes here are loaded only when the module is present ({@code --add-modules
 * jdk.incubator.vector}); {@link dev.chainrule.autograd.kernel.KernelProvider} guards that.
 */
package dev.chainrule.autograd.kernel.simd;
