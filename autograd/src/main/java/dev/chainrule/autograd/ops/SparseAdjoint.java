package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Shape;

/**
 * A one-input primitive whose gradient is zero except where the output was read from: slicing
 * and gathering. Its {@link Primitive#backward} builds that gradient as a full-size tensor (zeros
 * with dy placed or scatter-added), which costs the input's size per application; an unrolled
 * sequence that slices every step of a [batch, T, features] tensor would pay O(T) per step.
 *
 * <p>When the backward pass records nothing (no create-graph, no forward mode), the engine asks
 * instead <em>where</em> dy lands ({@link #adjointRuns}) and adds dy there, into one full-size
 * buffer per input for the whole pass: O(size of dy) per application. The two routes give the
 * same bits; {@code Gradients} owns the summing.
 */
public interface SparseAdjoint {

  /** Where this application's dy lands in the gradient of its input (the input's shape is {@code ctx.inputShape(0)}). */
  Runs adjointRuns(Context ctx);

  /**
   * Where dy lands: run p of dy (its row-major elements [p·length, (p+1)·length)) goes to the
   * input gradient's elements [to[p], to[p] + length).
   *
   * @param to     start of each run in the input's row-major order
   * @param length elements per run
   * @param placed true when the Tensor-op adjoint copies dy into zeros ({@link Unslice}): the
   *               runs are then ascending and disjoint; false when it scatter-adds dy into zeros
   *               in run order ({@link IndexAdd}, {@link ScatterAdd}, {@link FlatScatterAdd}),
   *               where runs may repeat
   */
  record Runs(int[] to, int length, boolean placed) {

    /** Elements [start, start + count·step) by {@code step} along {@code axis} of {@code input}: placed runs. */
    public static Runs slice(Shape input, int axis, int start, int count, int step) {
      int outer = input.outer(axis), n = input.dim(axis), inner = input.inner(axis);
      if (step == 1) {   // one run per outer index: the whole slab
        int[] to = new int[outer];
        for (int o = 0; o < outer; o++) to[o] = (o * n + start) * inner;
        return new Runs(to, count * inner, true);
      }
      int[] to = new int[outer * count];
      for (int o = 0; o < outer; o++) {
        for (int k = 0; k < count; k++) to[o * count + k] = (o * n + start + k * step) * inner;
      }
      return new Runs(to, inner, true);
    }

    /** Rows {@code rows} of {@code rowLength} elements each, scatter-added (repeats allowed). */
    public static Runs rows(int[] rows, int rowLength) {
      int[] to = new int[rows.length];
      for (int i = 0; i < rows.length; i++) to[i] = rows[i] * rowLength;
      return new Runs(to, rowLength, false);
    }

    /** Single elements at flat offsets {@code offsets}, scatter-added (repeats allowed). */
    public static Runs elements(int[] offsets) {
      return new Runs(offsets, 1, false);
    }
  }
}
