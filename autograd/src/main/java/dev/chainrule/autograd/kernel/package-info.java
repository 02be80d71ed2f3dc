/**
 * The numeric kernels: plain arrays in, plain arrays out, no {@link dev.chainrule.autograd.Tensor}
 * (a test greps this package for it).
 *
 * <p>{@link dev.chainrule.autograd.kernel.Kernels} is the one interface;
 * {@link dev.chainrule.autograd.kernel.ScalarKernels} (plain loops over
 * {@link dev.chainrule.autograd.kernel.ScalarMath}) is the reference and
 * {@code kernel.simd.SimdKernels} the Vector API twin;
 * {@link dev.chainrule.autograd.kernel.KernelProvider} picks one per JVM from
 * {@code -Dchainrule.kernels=auto|scalar|simd}, falling back to scalar with one warning when the
 * {@code jdk.incubator.vector} module is missing.
 *
 * <p>Contract: callers validate; kernels trust their arguments and check nothing. Arrays are
 * dense and row-major; {@code out} may alias an input for elementwise kernels, never for gemm.
 * Results are deterministic: the same inputs, kernels and vector width give the same bits on
 * every run and every thread count. The twins agree bit for bit wherever the order of
 * operations is the same and within rounding where SIMD reorders a sum (see the simd package).
 */
package dev.chainrule.autograd.kernel;
