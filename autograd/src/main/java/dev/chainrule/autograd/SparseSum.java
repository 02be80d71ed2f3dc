package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.WindowKernels;
import dev.chainrule.autograd.ops.SparseAdjoint.Runs;
import java.util.HashMap;
import java.util.Map;

/**
 * One tensor's gradient summed in a full-size buffer while sparse adjoints (slices, row and element
 * gathers) add into it, each only where its dy lands: an unrolled sequence that slices all T steps
 * of a tensor pays the tensor's size once per backward plus each slice's size, not the tensor's
 * size T times. Owned by {@link Gradients}, which hands dense contributions here too once a buffer
 * exists.
 *
 * <p>Bits: the result equals the Tensor-op route's exactly, which builds each adjoint as a full
 * tensor (zeros with dy placed, or zeros with dy scatter-added in run order) and adds the
 * contributions in arrival order. Here the buffer starts at −0.0 (the additive identity: −0.0 + x = x
 * for every x) and each contribution is added in arrival order where it lands, so every element
 * is the same sum with the zeros left out. Leaving out a +0.0 term changes nothing but the sign of
 * a zero, and a sum is −0.0 only if every term is −0.0; so {@link #finish} sets to +0.0 each −0.0
 * that some contribution did not cover ({@link Coverage}), or that a scatter-add covered (whose
 * zeros-plus-dy terms are never −0.0). Repeated targets of a scatter-add are first summed among
 * themselves, from +0.0 in run order, as the Tensor-op adjoint sums them.
 */
final class SparseSum {
  private final Tensor buffer;
  private Coverage coverage = Coverage.ALL;
  /** True until the first contribution, which decides how the buffer starts. */
  private boolean empty;
  /** Whether the buffer is known to hold +0.0 everywhere (a fresh zeros tensor). */
  private final boolean zeroed;
  /** False once no element can be −0.0 where the Tensor-op route has +0.0: {@link #finish} has nothing to fix. */
  private boolean signedZerosToFix = true;

  private SparseSum(Tensor buffer, boolean empty, boolean zeroed) {
    this.buffer = buffer;
    this.empty = empty;
    this.zeroed = zeroed;
  }

  /** A sum with nothing in it yet, in {@code reuse} (a kept gradient buffer of the right shape) when not null. */
  static SparseSum empty(DType dtype, Shape shape, Tensor reuse) {
    return reuse != null ? new SparseSum(reuse, true, false) : new SparseSum(Tensor.zeros(dtype, shape), true, true);
  }

  /** A sum that starts at {@code sumSoFar}, copied (it may be shared). */
  static SparseSum startingAt(Tensor sumSoFar) {
    return new SparseSum(sumSoFar.copyOfStorage(), false, false);
  }

  /** A sum that adds into {@code own} itself: a gradient nothing else holds. */
  static SparseSum into(Tensor own) {
    return new SparseSum(own, false, false);
  }

  /**
   * Prepares the buffer for the first contribution. A placed one starts from −0.0 everywhere.
   * A scatter-add starts from +0.0, as its Tensor-op adjoint does: the buffer then equals the
   * Tensor-op route's sum after every step, no element can become −0.0 (that needs two −0.0
   * terms), and {@link #finish} has nothing to fix (max pooling, one embedding lookup).
   */
  private void start(boolean placed) {
    if (placed) {
      buffer.storage().fill(-0.0);
    } else {
      if (!zeroed) buffer.storage().fill(0.0);
      signedZerosToFix = false;
    }
    empty = false;
  }

  /** Adds a full-size contribution (same shape and dtype). */
  void addDense(Tensor g) {
    if (empty) start(true);
    buffer.accumulateInPlace(g);
  }

  /** Adds dy where {@code runs} say it lands. */
  void add(Tensor dy, Runs runs) {
    int[] at = runs.to();
    int len = runs.length();
    boolean first = empty;
    if (first) start(runs.placed());
    if (runs.placed() || first) addRuns(dy.storage(), at, len);
    else addScatter(dy.storage(), at, len);
    coverage = runs.placed() ? coverage.intersect(at, len) : Coverage.NONE;
  }

  /** buffer[at[p] + j] += from[p·len + j], run after run. */
  private void addRuns(Storage from, int[] at, int len) {
    if (len == 1) {   // single elements (gather, max pooling): one loop, not a call per element
      if (buffer.dtype() == DType.F32) WindowKernels.scatterAdd((float[]) from.array(), at, buffer.f32());
      else WindowKernels.scatterAdd((double[]) from.array(), at, buffer.f64());
      return;
    }
    Storage to = buffer.storage();
    for (int p = 0; p < at.length; p++) from.addRange(p * len, to, at[p], len);
  }

  /** A scatter-add into a buffer that holds earlier contributions: repeated targets are summed first. */
  private void addScatter(Storage from, int[] at, int len) {
    Map<Integer, Integer> slotOf = new HashMap<>();
    int[] slot = new int[at.length], target = new int[at.length];
    for (int p = 0; p < at.length; p++) {
      Integer s = slotOf.putIfAbsent(at[p], slotOf.size());
      slot[p] = s != null ? s : slotOf.size() - 1;
      target[slot[p]] = at[p];
    }
    if (slotOf.size() == at.length) {   // no repeats: each run is its own sum
      addRuns(from, at, len);
      return;
    }
    Storage local = Storage.zeros(buffer.dtype(), slotOf.size() * len), to = buffer.storage();
    for (int p = 0; p < at.length; p++) from.addRange(p * len, local, slot[p] * len, len);
    for (int s = 0; s < slotOf.size(); s++) local.addRange(s * len, to, target[s], len);
  }

  /** The total: −0.0 set to +0.0 where the Tensor-op route has +0.0 (see the class comment). */
  Tensor finish() {
    if (!signedZerosToFix) return buffer;
    if (buffer.dtype() == DType.F32) {
      float[] a = buffer.f32();
      coverage.forEachGap(a.length, (from, to) -> {
        for (int i = from; i < to; i++) if (Float.floatToRawIntBits(a[i]) == NEGATIVE_ZERO_F32) a[i] = 0f;
      });
    } else {
      double[] a = buffer.f64();
      coverage.forEachGap(a.length, (from, to) -> {
        for (int i = from; i < to; i++) if (Double.doubleToRawLongBits(a[i]) == NEGATIVE_ZERO_F64) a[i] = 0.0;
      });
    }
    return buffer;
  }

  private static final int NEGATIVE_ZERO_F32 = Float.floatToRawIntBits(-0f);
  private static final long NEGATIVE_ZERO_F64 = Double.doubleToRawLongBits(-0.0);
}
