package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ScalarMath;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float elementwise kernels on the Vector API: unary, binary and scalar maps, axpy and where.
 * Transcendentals come from {@link VectorMath} (same bits whether compiled or interpreted), pow
 * from the scalar reference. Loops run a vector body up to {@code S.loopBound(n)} and finish with
 * a scalar tail through {@link ScalarMath}, so the tail is the reference itself.
 *
 * <p>NOTE: this class is also defined as a hidden class per extra vector width (see
 * {@link VectorWidth}); it must therefore stay self-contained: no nested classes, no lambdas.
 */
final class FloatElementwise implements ElementwiseOps<float[]> {
  /** The species: a static final constant, which C2 needs to emit real vector instructions. */
  static final VectorSpecies<Float> S = VectorSpecies.of(float.class,
      VectorWidth.shape(VectorWidth.classBits(MethodHandles.lookup())));
  private static final int L = S.length();

  FloatElementwise() {}

  @Override public void unary(UnaryOp op, float[] x, float[] out, int n) {
    int i = 0;
    final int bound = S.loopBound(n);
    switch (op) {
      case NEG:
        for (; i < bound; i += L) FloatVector.fromArray(S, x, i).neg().intoArray(out, i);
        break;
      // Transcendentals each run in a method of their own: C2 then compiles each loop with its own
      // profile and inlines VectorMath into it. Inside one big switch, a case that was cold when
      // the switch got compiled keeps a real call, which boxes every vector (5-10x slower).
      case EXP:
        i = expLoop(x, out, bound);
        break;
      case LOG:
        i = logLoop(x, out, bound);
        break;
      case SQRT:
        for (; i < bound; i += L) FloatVector.fromArray(S, x, i).sqrt().intoArray(out, i);
        break;
      case SIGMOID:
        i = sigmoidLoop(x, out, bound);
        break;
      case TANH:
        if (x == out) {
          i = tanhLoop(x, out, bound);
        } else {
          // Two passes, exp(2|x|) into out and then tanh from it: as one loop, C2 hits its
          // inlining node budget inside tanhFromExp and boxes every vector (3 ns an element
          // instead of 0.7, measured on an LSTM's gates). The same operations, the same bits.
          tanhExpLoop(x, out, bound);
          i = tanhFromExpLoop(x, out, bound);
        }
        break;
      case RELU:
        // x <= 0 is false for NaN, so NaN passes through and -0.0 becomes +0.0, as in ScalarMath.
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, x, i);
          v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(out, i);
        }
        break;
      case STEP:
        // 1 where x > 0, 0 where x <= 0, and x itself (NaN) where neither holds.
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, x, i);
          VectorMask<Float> pos = v.compare(VectorOperators.GT, 0f);
          VectorMask<Float> nonPos = v.compare(VectorOperators.LE, 0f);
          v.blend(1f, pos).blend(0f, nonPos).intoArray(out, i);
        }
        break;
      case ABS:
        for (; i < bound; i += L) FloatVector.fromArray(S, x, i).abs().intoArray(out, i);
        break;
      case SIGN:
        // Starts from +0.0, so ±0 and NaN (no mask set) give +0.0, as in ScalarMath.
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, x, i);
          FloatVector.zero(S)
              .blend(1f, v.compare(VectorOperators.GT, 0f))
              .blend(-1f, v.compare(VectorOperators.LT, 0f))
              .intoArray(out, i);
        }
        break;
      default:
        throw new AssertionError(op);
    }
    for (; i < n; i++) out[i] = ScalarMath.unary(op, x[i]);
  }

  private static int expLoop(float[] x, float[] out, int bound) {
    int i = 0;
    for (; i < bound; i += L) VectorMath.exp(FloatVector.fromArray(S, x, i)).intoArray(out, i);
    return i;
  }

  private static int logLoop(float[] x, float[] out, int bound) {
    int i = 0;
    for (; i < bound; i += L) VectorMath.log(FloatVector.fromArray(S, x, i)).intoArray(out, i);
    return i;
  }

  private static int sigmoidLoop(float[] x, float[] out, int bound) {
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      VectorMath.sigmoidFromExp(v, VectorMath.exp(v.abs().neg())).intoArray(out, i);
    }
    return i;
  }

  private static void tanhExpLoop(float[] x, float[] out, int bound) {
    for (int i = 0; i < bound; i += L) {
      FloatVector a = FloatVector.fromArray(S, x, i).abs();
      VectorMath.exp(a.add(a)).intoArray(out, i);
    }
  }

  private static int tanhFromExpLoop(float[] x, float[] out, int bound) {
    int i = 0;
    for (; i < bound; i += L) {
      VectorMath.tanhFromExp(FloatVector.fromArray(S, x, i), FloatVector.fromArray(S, out, i)).intoArray(out, i);
    }
    return i;
  }

  private static int tanhLoop(float[] x, float[] out, int bound) {
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      FloatVector a = v.abs();
      VectorMath.tanhFromExp(v, VectorMath.exp(a.add(a))).intoArray(out, i);
    }
    return i;
  }

  @Override public void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
    binary(op, a, 0, b, 0, out, 0, n);
  }

  @Override public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    int i = 0;
    final int bound = S.loopBound(n);
    switch (op) {
      case ADD:
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case SUB:
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MUL:
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case DIV:
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, a, aOff + i).div(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MAX:
        // Lanewise MAX/MIN follow Math.max/min: NaN wins, and -0.0 < +0.0.
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, a, aOff + i).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, b, bOff + i))
              .intoArray(out, outOff + i);
        }
        break;
      case MIN:
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, a, aOff + i).lanewise(VectorOperators.MIN, FloatVector.fromArray(S, b, bOff + i))
              .intoArray(out, outOff + i);
        }
        break;
      case POW:
        // NOTE: lanewise(POW) gives different bits compiled and interpreted (see VectorMath);
        // pow is off the training path, so the scalar reference below computes it, reproducibly.
        break;
      case EQ:
        for (; i < bound; i += L) {
          VectorMask<Float> eq = FloatVector.fromArray(S, a, aOff + i)
              .compare(VectorOperators.EQ, FloatVector.fromArray(S, b, bOff + i));
          FloatVector.zero(S).blend(1f, eq).intoArray(out, outOff + i);
        }
        break;
      case GT:
        for (; i < bound; i += L) {
          VectorMask<Float> gt = FloatVector.fromArray(S, a, aOff + i)
              .compare(VectorOperators.GT, FloatVector.fromArray(S, b, bOff + i));
          FloatVector.zero(S).blend(1f, gt).intoArray(out, outOff + i);
        }
        break;
      default:
        throw new AssertionError(op);
    }
    for (; i < n; i++) out[outOff + i] = ScalarMath.binary(op, a[aOff + i], b[bOff + i]);
  }

  @Override public void scalar(ScalarOp op, float[] x, double value, float[] out, int n) {
    final float s = (float) value;   // rounded once, as Kernels promises
    int i = 0;
    final int bound = S.loopBound(n);
    switch (op) {
      case ADD:
        for (; i < bound; i += L) FloatVector.fromArray(S, x, i).add(s).intoArray(out, i);
        break;
      case MUL:
        for (; i < bound; i += L) FloatVector.fromArray(S, x, i).mul(s).intoArray(out, i);
        break;
      case RSUB: {
        FloatVector sv = FloatVector.broadcast(S, s);
        for (; i < bound; i += L) sv.sub(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        break;
      }
      case RDIV: {
        FloatVector sv = FloatVector.broadcast(S, s);
        for (; i < bound; i += L) sv.div(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        break;
      }
      case POW:
        break;   // scalar tail: reproducible bits (see binary POW)
      case MAX:
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, x, i).lanewise(VectorOperators.MAX, s).intoArray(out, i);
        }
        break;
      case MIN:
        for (; i < bound; i += L) {
          FloatVector.fromArray(S, x, i).lanewise(VectorOperators.MIN, s).intoArray(out, i);
        }
        break;
      case GE:
        for (; i < bound; i += L) {
          VectorMask<Float> ge = FloatVector.fromArray(S, x, i).compare(VectorOperators.GE, s);
          FloatVector.zero(S).blend(1f, ge).intoArray(out, i);
        }
        break;
      case LE:
        for (; i < bound; i += L) {
          VectorMask<Float> le = FloatVector.fromArray(S, x, i).compare(VectorOperators.LE, s);
          FloatVector.zero(S).blend(1f, le).intoArray(out, i);
        }
        break;
      default:
        throw new AssertionError(op);
    }
    for (; i < n; i++) out[i] = ScalarMath.scalar(op, x[i], s);
  }

  /**
   * y += alpha * x as a separate multiply and add, not FMA: the result is then bit-identical to
   * the scalar reference, and axpy is bound by memory traffic, so the fused form would gain nothing.
   */
  @Override public void axpy(double alphaValue, float[] x, float[] y, int n) {
    final float alpha = (float) alphaValue;   // rounded once, as Kernels promises
    int i = 0;
    final int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector.fromArray(S, y, i).add(FloatVector.fromArray(S, x, i).mul(alpha)).intoArray(y, i);
    }
    for (; i < n; i++) y[i] += alpha * x[i];
  }

  /** cond != 0 is true for NaN and false for ±0, matching the scalar {@code cond[i] != 0}. */
  @Override public void where(float[] cond, float[] a, float[] b, float[] out, int n) {
    int i = 0;
    final int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      VectorMask<Float> take = FloatVector.fromArray(S, cond, i).compare(VectorOperators.NE, 0f);
      FloatVector.fromArray(S, b, i).blend(FloatVector.fromArray(S, a, i), take).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = cond[i] != 0 ? a[i] : b[i];
  }
}
