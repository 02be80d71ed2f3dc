package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout (N. Srivastava, G. Hinton et al., "Dropout: A Simple Way to Prevent Neural
 * Networks from Overfitting", JMLR 2014). In training mode each element is zeroed with probability
 * {@code p} and the survivors are scaled by 1/(1-p), so the expected activation is unchanged and
 * evaluation mode is the identity: no rescaling of weights is needed after training.
 *
 * <p>The mask is drawn from the random source given at construction, one draw per element in
 * row-major order, so a seeded source makes training reproducible.
 */
public final class Dropout extends Module {
  private final double p;
  private final RandomGenerator rng;

  /** Drops each unit with probability {@code p}, 0 ≤ p &lt; 1, drawing masks from {@code rng}. */
  public Dropout(double p, RandomGenerator rng) {
    if (!(p >= 0.0 && p < 1.0)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
    this.p = p;
    this.rng = rng;
  }

  @Override public Tensor forward(Tensor x) {
    if (!isTraining() || p == 0.0) return x;
    return x.mul(mask(x.dtype(), x.shape()));
  }

  /** A constant tensor of 0 (dropped) and 1/(1-p) (kept); the gradient flows only through kept units. */
  private Tensor mask(DType dtype, Shape shape) {
    double keep = 1.0 / (1.0 - p);
    int n = shape.size();
    double[] m = new double[n];
    for (int i = 0; i < n; i++) m[i] = rng.nextDouble() < p ? 0.0 : keep;
    return Tensor.of(dtype, m, shape.dims());
  }

  /** The drop probability. */
  public double p() { return p; }

  @Override public String toString() { return "Dropout(p=" + p + ")"; }
}
