package dev.chainrule.autograd.kernel.simd;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.ScalarMath;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double elementwise kernels on the Vector API: unary, binary and scalar maps, axpy and where.
 * NOTE: exp, log, tanh, sigmoid and pow run the scalar reference, unlike the float twin: the
 * Vector API's lanewise versions give different bits compiled (SVML) and interpreted, which would
 * make results depend on JIT timing (see {@link VectorMath}); float64 is for gradient checks and
 * precision work, where reproducible last bits matter more than speed. Loops run a vector body up
 * to {@code S.loopBound(n)} and finish with a scalar tail through {@link ScalarMath}.
 *
 * <p>NOTE: this class is also defined as a hidden class per extra vector width (see
 * {@link VectorWidth}); it must therefore stay self-contained: no nested classes, no lambdas.
 */
final class DoubleElementwise implements ElementwiseOps<double[]> {
  /** The species: a static final constant, which C2 needs to emit real vector instructions. */
  static final VectorSpecies<Double> S = VectorSpecies.of(double.class,
      VectorWidth.shape(VectorWidth.classBits(MethodHandles.lookup())));
  private static final int L = S.length();

  DoubleElementwise() {}

  @Override public void unary(UnaryOp op, double[] x, double[] out, int n) {
    int i = 0;
    final int bound = S.loopBound(n);
    switch (op) {
      case NEG:
        for (; i < bound; i += L) DoubleVector.fromArray(S, x, i).neg().intoArray(out, i);
        break;
      case EXP:
        break;   // scalar tail: reproducible bits (see the class comment)
      case LOG:
        break;   // scalar tail: reproducible bits (see the class comment)
      case SQRT:
        for (; i < bound; i += L) DoubleVector.fromArray(S, x, i).sqrt().intoArray(out, i);
        break;
      case SIGMOID:
        // scalar tail: reproducible bits (see the class comment)
        break;
      case TANH:
        break;   // scalar tail: reproducible bits (see the class comment)
      case RELU:
        // x <= 0 is false for NaN, so NaN passes through and -0.0 becomes +0.0, as in ScalarMath.
        for (; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(S, x, i);
          v.blend(0.0, v.compare(VectorOperators.LE, 0.0)).intoArray(out, i);
        }
        break;
      case STEP:
        // 1 where x > 0, 0 where x <= 0, and x itself (NaN) where neither holds.
        for (; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(S, x, i);
          VectorMask<Double> pos = v.compare(VectorOperators.GT, 0.0);
          VectorMask<Double> nonPos = v.compare(VectorOperators.LE, 0.0);
          v.blend(1.0, pos).blend(0.0, nonPos).intoArray(out, i);
        }
        break;
      case ABS:
        for (; i < bound; i += L) DoubleVector.fromArray(S, x, i).abs().intoArray(out, i);
        break;
      case SIGN:
        // Starts from +0.0, so ±0 and NaN (no mask set) give +0.0, as in ScalarMath.
        for (; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(S, x, i);
          DoubleVector.zero(S)
              .blend(1.0, v.compare(VectorOperators.GT, 0.0))
              .blend(-1.0, v.compare(VectorOperators.LT, 0.0))
              .intoArray(out, i);
        }
        break;
      default:
        throw new AssertionError(op);
    }
    for (; i < n; i++) out[i] = ScalarMath.unary(op, x[i]);
  }

  @Override public void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
    binary(op, a, 0, b, 0, out, 0, n);
  }

  @Override public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
    int i = 0;
    final int bound = S.loopBound(n);
    switch (op) {
      case ADD:
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, a, aOff + i).add(DoubleVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case SUB:
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, a, aOff + i).sub(DoubleVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MUL:
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, a, aOff + i).mul(DoubleVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case DIV:
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, a, aOff + i).div(DoubleVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MAX:
        // Lanewise MAX/MIN follow Math.max/min: NaN wins, and -0.0 < +0.0.
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, a, aOff + i).lanewise(VectorOperators.MAX, DoubleVector.fromArray(S, b, bOff + i))
              .intoArray(out, outOff + i);
        }
        break;
      case MIN:
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, a, aOff + i).lanewise(VectorOperators.MIN, DoubleVector.fromArray(S, b, bOff + i))
              .intoArray(out, outOff + i);
        }
        break;
      case POW:
        break;   // scalar tail: reproducible bits (see the class comment)
      case EQ:
        for (; i < bound; i += L) {
          VectorMask<Double> eq = DoubleVector.fromArray(S, a, aOff + i)
              .compare(VectorOperators.EQ, DoubleVector.fromArray(S, b, bOff + i));
          DoubleVector.zero(S).blend(1.0, eq).intoArray(out, outOff + i);
        }
        break;
      case GT:
        for (; i < bound; i += L) {
          VectorMask<Double> gt = DoubleVector.fromArray(S, a, aOff + i)
              .compare(VectorOperators.GT, DoubleVector.fromArray(S, b, bOff + i));
          DoubleVector.zero(S).blend(1.0, gt).intoArray(out, outOff + i);
        }
        break;
      default:
        throw new AssertionError(op);
    }
    for (; i < n; i++) out[outOff + i] = ScalarMath.binary(op, a[aOff + i], b[bOff + i]);
  }

  @Override public void scalar(ScalarOp op, double[] x, double s, double[] out, int n) {
    int i = 0;
    final int bound = S.loopBound(n);
    switch (op) {
      case ADD:
        for (; i < bound; i += L) DoubleVector.fromArray(S, x, i).add(s).intoArray(out, i);
        break;
      case MUL:
        for (; i < bound; i += L) DoubleVector.fromArray(S, x, i).mul(s).intoArray(out, i);
        break;
      case RSUB: {
        DoubleVector sv = DoubleVector.broadcast(S, s);
        for (; i < bound; i += L) sv.sub(DoubleVector.fromArray(S, x, i)).intoArray(out, i);
        break;
      }
      case RDIV: {
        DoubleVector sv = DoubleVector.broadcast(S, s);
        for (; i < bound; i += L) sv.div(DoubleVector.fromArray(S, x, i)).intoArray(out, i);
        break;
      }
      case POW:
        break;   // scalar tail: reproducible bits (see the class comment)
      case MAX:
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, i).lanewise(VectorOperators.MAX, s).intoArray(out, i);
        }
        break;
      case MIN:
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, i).lanewise(VectorOperators.MIN, s).intoArray(out, i);
        }
        break;
      case GE:
        for (; i < bound; i += L) {
          VectorMask<Double> ge = DoubleVector.fromArray(S, x, i).compare(VectorOperators.GE, s);
          DoubleVector.zero(S).blend(1.0, ge).intoArray(out, i);
        }
        break;
      case LE:
        for (; i < bound; i += L) {
          VectorMask<Double> le = DoubleVector.fromArray(S, x, i).compare(VectorOperators.LE, s);
          DoubleVector.zero(S).blend(1.0, le).intoArray(out, i);
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
  @Override public void axpy(double alpha, double[] x, double[] y, int n) {
    int i = 0;
    final int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      DoubleVector.fromArray(S, y, i).add(DoubleVector.fromArray(S, x, i).mul(alpha)).intoArray(y, i);
    }
    for (; i < n; i++) y[i] += alpha * x[i];
  }

  /** cond != 0 is true for NaN and false for ±0, matching the scalar {@code cond[i] != 0}. */
  @Override public void where(double[] cond, double[] a, double[] b, double[] out, int n) {
    int i = 0;
    final int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      VectorMask<Double> take = DoubleVector.fromArray(S, cond, i).compare(VectorOperators.NE, 0.0);
      DoubleVector.fromArray(S, b, i).blend(DoubleVector.fromArray(S, a, i), take).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = cond[i] != 0 ? a[i] : b[i];
  }
}
