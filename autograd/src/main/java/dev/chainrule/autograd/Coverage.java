package dev.chainrule.autograd;

import java.util.Arrays;

/**
 * The elements that every gradient contribution to one tensor so far has covered, as sorted
 * disjoint intervals [starts[i], ends[i]) of its row-major order; {@link #ALL} before any sparse
 * contribution (a dense one covers everything). {@link SparseSum} needs it for one fact of IEEE
 * arithmetic: a sum is −0.0 only if every term is −0.0, and a contribution that does not cover an
 * element adds +0.0 there.
 */
final class Coverage {
  /** Every element. */
  static final Coverage ALL = new Coverage(null, null);
  /** No element. */
  static final Coverage NONE = new Coverage(new int[0], new int[0]);

  private final int[] starts, ends;   // null for ALL

  private Coverage(int[] starts, int[] ends) {
    this.starts = starts;
    this.ends = ends;
  }

  /** This ∩ the runs [to[p], to[p] + length), which are ascending and disjoint: O(runs + intervals). */
  Coverage intersect(int[] to, int length) {
    if (this == ALL) {
      int[] s = to.clone(), e = new int[to.length];
      for (int p = 0; p < to.length; p++) e[p] = to[p] + length;
      return new Coverage(s, e);
    }
    int[] s = new int[starts.length + to.length], e = new int[s.length];
    int n = 0;
    for (int i = 0, p = 0; i < starts.length && p < to.length; ) {
      int lo = Math.max(starts[i], to[p]), hi = Math.min(ends[i], to[p] + length);
      if (lo < hi) {
        s[n] = lo;
        e[n++] = hi;
      }
      if (ends[i] < to[p] + length) i++;
      else p++;
    }
    return n == 0 ? NONE : new Coverage(Arrays.copyOf(s, n), Arrays.copyOf(e, n));
  }

  /** Calls {@code gap} for each maximal range of [0, size) outside this coverage. */
  void forEachGap(int size, GapVisitor gap) {
    if (this == ALL) return;
    int from = 0;
    for (int i = 0; i < starts.length; i++) {
      if (from < starts[i]) gap.visit(from, starts[i]);
      from = Math.max(from, ends[i]);
    }
    if (from < size) gap.visit(from, size);
  }

  /** Receives one range [from, to) outside the coverage. */
  @FunctionalInterface
  interface GapVisitor {
    /** The range [from, to). */
    void visit(int from, int to);
  }
}
