package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Storage;
import dev.chainrule.autograd.Tensor;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise functions that have no kernel (sin, erf, floor, ...): a plain loop in float64 over
 * {@link StrictMath}-style functions, so results are the same bits on every JDK and CPU. Float32
 * inputs are widened, computed in float64 and rounded once.
 */
final class Pointwise {
  private Pointwise() {}

  /** f(x) elementwise, as a fresh constant tensor of x's shape and dtype. */
  static Tensor map(Tensor x, DoubleUnaryOperator f) {
    Tensor out = Tensor.zeros(x.dtype(), x.shape());
    Storage in = x.storage(), o = out.storage();
    for (int i = 0, n = x.size(); i < n; i++) o.set(i, f.applyAsDouble(in.get(i)));
    return out;
  }
}
