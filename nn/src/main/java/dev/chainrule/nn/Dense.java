package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer, y = x·Wᵀ + b for a batch x of shape [batch, in]: row i of y is
 * W xᵢ + b, the course's weighted input z = w·x + b for every neuron of the layer at once. As
 * PyTorch's {@code nn.Linear}, any leading dimensions are batch dimensions: [..., in] maps to
 * [..., out] (a single example [in] to [out], a sequence batch [batch, time, in] to
 * [batch, time, out]).
 *
 * <p>Parameters, as PyTorch's {@code nn.Linear}: {@code weight} [out, in] (row j holds neuron j's
 * weights) and {@code bias} [out]. No backward of its own: {@code forward} is
 * {@link dev.chainrule.autograd.Tensor#linear}, the fused Linear primitive, which differentiates it.
 */
public final class Dense extends Module {
  private final int in, out;
  private final Tensor weight, bias;

  /** A float32 layer with weights and biases drawn by {@code init} from {@code rng}. */
  public Dense(int in, int out, Init init, RandomGenerator rng) {
    this(in, out, init, rng, DType.F32);
  }

  /** As {@link #Dense(int, int, Init, RandomGenerator)} in the given dtype (F64 for gradient checks). */
  public Dense(int in, int out, Init init, RandomGenerator rng, DType dtype) {
    this(checkSizes(in, out, init.weight(rng, dtype, in, out)), init.bias(rng, dtype, in, out));
  }

  /**
   * A layer with the given weight [out, in] and bias [out], taken over (not copied) as its
   * parameters: how to build the course's hand-weighted networks (NAND, XOR).
   */
  public Dense(Tensor weight, Tensor bias) {
    if (weight.rank() != 2 || bias.rank() != 1 || bias.dim(0) != weight.dim(0) || weight.dtype() != bias.dtype()) {
      throw new IllegalArgumentException("Dense: weight must be [out, in] and bias [out] of one dtype (got "
          + weight.dtype() + " " + weight.shape() + " and " + bias.dtype() + " " + bias.shape() + ")");
    }
    this.out = weight.dim(0);
    this.in = weight.dim(1);
    this.weight = param("weight", weight);
    this.bias = param("bias", bias);
  }

  private static Tensor checkSizes(int in, int out, Tensor w) {
    if (in <= 0 || out <= 0) throw new IllegalArgumentException("Dense: sizes must be positive, got " + in + "->" + out);
    return w;
  }

  @Override public Tensor forward(Tensor x) {
    if (x.rank() == 0 || x.dim(-1) != in) {
      String why = x.rank() == 0
          ? "input must be [..., " + in + "], got a scalar"
          : "input has " + x.dim(-1) + " features, expected " + in;
      throw new IllegalArgumentException(this + ": " + why + " (got " + x.shape() + ")");
    }
    if (x.dtype() != weight.dtype()) {
      throw new IllegalArgumentException(this + ": input is " + x.dtype() + " but the layer is "
          + weight.dtype() + "; convert the input with x.to(" + weight.dtype() + ")");
    }
    return x.linear(weight, bias);   // x·Wᵀ + b, Wᵀ never materialised
  }

  /** The weight matrix [out, in]. */
  public Tensor weight() { return weight; }

  /** The bias vector [out]. */
  public Tensor bias() { return bias; }

  /** Number of inputs. */
  public int in() { return in; }

  /** Number of outputs (neurons). */
  public int out() { return out; }

  @Override public String toString() {
    return "Dense(" + in + "->" + out + (weight.dtype() == DType.F32 ? "" : ", " + weight.dtype()) + ")";
  }
}
