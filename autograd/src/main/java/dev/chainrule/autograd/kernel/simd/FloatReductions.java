package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.ReduceOp;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float reductions on the Vector API: sum and max along one axis, by rows (innermost axis) or
 * by columns (any other axis, bit-identical to the scalar reference).
 *
 * <p>NOTE: this class is also defined as a hidden class per extra vector width (see
 * {@link VectorWidth}); it must therefore stay self-contained: no nested classes, no lambdas.
 */
final class FloatReductions implements ReduceOps<float[]> {
  /** The species: a static final constant, which C2 needs to emit real vector instructions. */
  static final VectorSpecies<Float> S = VectorSpecies.of(float.class,
      VectorWidth.shape(VectorWidth.classBits(MethodHandles.lookup())));
  private static final int L = S.length();

  FloatReductions() {}

  @Override public void reduceAxis(ReduceOp op, float[] x, int outer, int axis, int inner, float[] out) {
    boolean sum = op == ReduceOp.SUM;
    if (inner == 1) {
      float[] lanes = new float[L];   // scratch for sumRow's lane-order sum, one per call
      for (int o = 0; o < outer; o++) {
        out[o] = sum ? sumRow(x, o * axis, axis, lanes) : maxRow(x, o * axis, axis);
      }
      return;
    }
    for (int o = 0; o < outer; o++) {
      reduceColumns(sum, x, o * axis * inner, axis, inner, out, o * inner);
    }
  }

  /**
   * Sum of x[off, off+len): four vector accumulators hide the add latency and let two adds issue
   * per cycle; the lanes are combined once at the end. The order differs from the scalar loop,
   * so results agree within rounding, not bitwise.
   */
  private static float sumRow(float[] x, int off, int len, float[] lanes) {
    FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    final int bound4 = len & -(4 * L);
    for (; i < bound4; i += 4 * L) {
      s0 = s0.add(FloatVector.fromArray(S, x, off + i));
      s1 = s1.add(FloatVector.fromArray(S, x, off + i + L));
      s2 = s2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
      s3 = s3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
    }
    final int bound = S.loopBound(len);
    for (; i < bound; i += L) s0 = s0.add(FloatVector.fromArray(S, x, off + i));
    s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
    // Lanes added in lane order, not by reduceLanes(ADD), whose order the JDK chooses (see
    // FloatGemm.sumInOrder): JDK 25's compiled code and its interpreter disagree.
    float acc = 0f;
    for (int l = 0; l < L; l++) acc += lanes[l];
    for (; i < len; i++) acc += x[off + i];
    return acc;
  }

  /** Max of x[off, off+len), -Infinity if empty; MAX lanes propagate NaN like Math.max. */
  private static float maxRow(float[] x, int off, int len) {
    FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
    int i = 0;
    final int bound4 = len & -(4 * L);
    for (; i < bound4; i += 4 * L) {
      m0 = m0.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i));
      m1 = m1.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i + L));
      m2 = m2.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i + 2 * L));
      m3 = m3.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i + 3 * L));
    }
    final int bound = S.loopBound(len);
    for (; i < bound; i += L) m0 = m0.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i));
    float acc = m0.lanewise(VectorOperators.MAX, m1)
        .lanewise(VectorOperators.MAX, m2.lanewise(VectorOperators.MAX, m3))
        .reduceLanes(VectorOperators.MAX);
    for (; i < len; i++) acc = Math.max(acc, x[off + i]);
    return acc;
  }

  /** Rows per pass over a slice of out: 1024 floats (4 KiB) of out stay in L1 across all rows. */
  private static final int COLUMN_CHUNK = 1024;

  /**
   * out[outOff + i] = op over a of x[off + a*inner + i]: adds whole contiguous rows into out,
   * vectorised along inner. Each output element still sees the rows in order 0..axis-1, starting
   * from the identity, so this is bit-identical to the scalar reference.
   */
  private static void reduceColumns(boolean sum, float[] x, int off, int axis, int inner,
                                    float[] out, int outOff) {
    float identity = sum ? 0f : Float.NEGATIVE_INFINITY;
    for (int c0 = 0; c0 < inner; c0 += COLUMN_CHUNK) {
      int len = Math.min(COLUMN_CHUNK, inner - c0);
      int o = outOff + c0;
      java.util.Arrays.fill(out, o, o + len, identity);
      final int bound = S.loopBound(len);
      for (int a = 0; a < axis; a++) {
        int row = off + a * inner + c0;
        int i = 0;
        if (sum) {
          for (; i < bound; i += L) {
            FloatVector.fromArray(S, out, o + i).add(FloatVector.fromArray(S, x, row + i))
                .intoArray(out, o + i);
          }
          for (; i < len; i++) out[o + i] += x[row + i];
        } else {
          for (; i < bound; i += L) {
            FloatVector.fromArray(S, out, o + i)
                .lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, row + i))
                .intoArray(out, o + i);
          }
          for (; i < len; i++) out[o + i] = Math.max(out[o + i], x[row + i]);
        }
      }
    }
  }
}
