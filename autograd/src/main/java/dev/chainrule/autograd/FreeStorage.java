package dev.chainrule.autograd;

import java.util.Arrays;

/**
 * Storage a backward pass has proved dead, kept per thread for the next tensor of the same dtype
 * and size ({@link Tensor#zeros}), so a steady training step allocates no new arrays for the
 * gradients flowing between its operations (issue 12).
 *
 * <p>What comes here is decided by {@link Gradients}, which alone can prove it: an upstream
 * gradient made by the engine during this backward (never a caller's gradOut, never a leaf's
 * {@code .grad()}), shared with nothing (no other gradient, input or saved tensor has its
 * storage), after a built-in primitive's backward has consumed it, and only while nothing watches
 * (no hooks, no create-graph, no forward mode). No tensor a caller can reach ever has its storage
 * here, so nothing a user keeps is overwritten.
 *
 * <p>Taking is always safe: a storage handed out is removed, zero-filled, and owned by the new
 * tensor alone. The pool is bounded ({@value #SLOTS} sizes, {@value #PER_SIZE} storages each,
 * {@value #MAX_BYTES} bytes in all); storage over the bounds is left to the garbage collector.
 */
final class FreeStorage {
  static final int SLOTS = 16;
  static final int PER_SIZE = 4;
  static final long MAX_BYTES = 8L << 20;
  private static final ThreadLocal<FreeStorage> OF_THREAD = ThreadLocal.withInitial(FreeStorage::new);

  // One slot per (dtype, size) seen, scanned linearly: a step has a handful of sizes, and a map
  // keyed by boxed sizes would itself allocate.
  private final DType[] dtypes = new DType[SLOTS];
  private final int[] sizes = new int[SLOTS];
  private final Storage[][] stacks = new Storage[SLOTS][PER_SIZE];
  private final int[] counts = new int[SLOTS];
  private int slotsUsed;
  private long bytes;

  private FreeStorage() {}

  /** {@code n} zeros of {@code dtype}: a kept storage when there is one, else a new array. */
  static Storage zeros(DType dtype, int n) {
    Storage s = n == 0 ? null : OF_THREAD.get().take(dtype, n);
    return s != null ? s : Storage.zeros(dtype, n);
  }

  /** Keeps the storage of {@code t} for reuse; the caller has proved nothing else can reach it. */
  static void give(Tensor t) {
    // A view's storage is its base's, and its storage() is a cached copy a reader may still hold.
    if (!t.isContiguous()) return;
    Storage s = t.storage();
    if (s.size() == t.size() && s.size() > 0) OF_THREAD.get().put(s);
  }

  /** Number of storages kept on this thread (tests). */
  static int keptOnThisThread() {
    FreeStorage f = OF_THREAD.get();
    int n = 0;
    for (int i = 0; i < f.slotsUsed; i++) n += f.counts[i];
    return n;
  }

  private Storage take(DType dtype, int n) {
    int slot = slot(dtype, n);
    if (slot < 0 || counts[slot] == 0) return null;
    Storage s = stacks[slot][--counts[slot]];
    stacks[slot][counts[slot]] = null;
    bytes -= bytesOf(s);
    s.fill(0.0);
    return s;
  }

  private void put(Storage s) {
    long b = bytesOf(s);
    if (bytes + b > MAX_BYTES) return;
    int slot = slot(s.dtype(), s.size());
    if (slot < 0) {
      if (slotsUsed == SLOTS) return;
      slot = slotsUsed++;
      dtypes[slot] = s.dtype();
      sizes[slot] = s.size();
    }
    if (counts[slot] == PER_SIZE) return;
    for (int i = 0; i < counts[slot]; i++) {
      if (stacks[slot][i] == s) return;   // already kept: a storage must never be handed out twice
    }
    stacks[slot][counts[slot]++] = s;
    bytes += b;
  }

  private int slot(DType dtype, int n) {
    for (int i = 0; i < slotsUsed; i++) {
      if (sizes[i] == n && dtypes[i] == dtype) return i;
    }
    return -1;
  }

  private static long bytesOf(Storage s) {
    return (long) s.size() * (s.dtype() == DType.F32 ? Float.BYTES : Double.BYTES);
  }

  @Override public String toString() {
    return "FreeStorage(" + slotsUsed + " sizes " + Arrays.toString(Arrays.copyOf(sizes, slotsUsed)) + ", " + bytes + " bytes)";
  }
}
