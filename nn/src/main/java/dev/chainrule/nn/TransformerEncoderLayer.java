package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * One block of a transformer encoder, PyTorch's {@code nn.TransformerEncoderLayer} with
 * {@code batch_first=True} (A. Vaswani et al., "Attention Is All You Need", NeurIPS 2017): self-attention
 * and a two-layer MLP, each added to its input (a residual) and layer-normalised. Post-norm
 * (PyTorch's default, the paper's):
 * <pre>
 *   x = norm1(x + dropout1(self_attn(x)))
 *   x = norm2(x + dropout2(linear2(dropout(act(linear1(x))))))
 * </pre>
 * Pre-norm ({@code normFirst}, easier to train deep; R. Xiong et al., ICML 2020) normalises before
 * each sub-block instead: {@code x = x + dropout1(self_attn(norm1(x)))}, {@code x = x +
 * dropout2(mlp(norm2(x)))}.
 *
 * <p>Parameters under PyTorch's names: {@code self_attn.in_proj_weight}, {@code self_attn.in_proj_bias},
 * {@code self_attn.out_proj.weight}, {@code self_attn.out_proj.bias}, {@code linear1.*},
 * {@code linear2.*}, {@code norm1.*}, {@code norm2.*}; a state_dict loads into PyTorch's layer as is.
 * The three dropouts draw from one seeded source; in evaluation mode they are the identity.
 */
public final class TransformerEncoderLayer extends Module {
  /** The MLP's nonlinearity: PyTorch's "relu" (default) or "gelu" (exact, erf form). */
  public enum Nonlinearity {
    /** max(0, x). */
    RELU,
    /** x·Φ(x), the exact (erf) form. */
    GELU
  }

  private final int dModel, heads, feedforward;
  private final boolean normFirst;
  private final Nonlinearity activation;
  private final MultiheadAttention selfAttn;
  private final Dense linear1, linear2;
  private final LayerNorm norm1, norm2;
  private final Dropout dropout, dropout1, dropout2;

  /**
   * A float32 layer: post-norm, ReLU, no dropout; initialised as PyTorch (the attention's own
   * scheme, linear layers U(-1/√in, 1/√in) for weights and biases, layer norms at ones and zeros).
   */
  public TransformerEncoderLayer(int dModel, int heads, int feedforward, RandomGenerator rng) {
    this(dModel, heads, feedforward, 0.0, Nonlinearity.RELU, false, rng, DType.F32);
  }

  /**
   * A layer with every choice PyTorch offers (layer_norm_eps is 1e-5).
   *
   * @param dModel features per position (d_model)
   * @param heads attention heads; must divide dModel
   * @param feedforward hidden width of the MLP (dim_feedforward)
   * @param dropoutP drop probability of the three dropouts, in [0, 1)
   * @param activation the MLP's nonlinearity
   * @param normFirst pre-norm (true) or post-norm (false, PyTorch's default)
   * @param rng draws the initial weights, then the dropout masks
   * @param dtype F32, or F64 for gradient checks
   */
  public TransformerEncoderLayer(int dModel, int heads, int feedforward, double dropoutP, Nonlinearity activation,
                                 boolean normFirst, RandomGenerator rng, DType dtype) {
    if (feedforward <= 0) {
      throw new IllegalArgumentException("TransformerEncoderLayer: feedforward width must be positive, got " + feedforward);
    }
    if (activation == null) throw new IllegalArgumentException("TransformerEncoderLayer: activation is null; expected RELU or GELU");
    this.dModel = dModel;
    this.heads = heads;
    this.feedforward = feedforward;
    this.normFirst = normFirst;
    this.activation = activation;
    this.selfAttn = child("self_attn", new MultiheadAttention(dModel, heads, rng, dtype));
    this.linear1 = child("linear1", linear(dModel, feedforward, rng, dtype));
    this.dropout = child("dropout", new Dropout(dropoutP, rng));
    this.linear2 = child("linear2", linear(feedforward, dModel, rng, dtype));
    this.norm1 = child("norm1", new LayerNorm(Shape.of(dModel), 1e-5, dtype));
    this.norm2 = child("norm2", new LayerNorm(Shape.of(dModel), 1e-5, dtype));
    this.dropout1 = child("dropout1", new Dropout(dropoutP, rng));
    this.dropout2 = child("dropout2", new Dropout(dropoutP, rng));
  }

  /** PyTorch's nn.Linear initialisation: weight and bias from U(-1/√in, 1/√in). */
  private static Dense linear(int in, int out, RandomGenerator rng, DType dtype) {
    double b = 1 / Math.sqrt(in);
    return new Dense(Tensor.rand(rng, dtype, -b, b, out, in), Tensor.rand(rng, dtype, -b, b, out));
  }

  /** The block applied to x [batch, length, dModel], no mask. */
  @Override public Tensor forward(Tensor x) {
    return encode(x, null, false).output();
  }

  /**
   * The block applied to x [batch, length, dModel], with the self-attention's weights [batch,
   * length, length] (averaged over the heads) for looking at. {@code keyPaddingMask} [batch,
   * length] (or null) is nonzero at positions no query may attend to; {@code causal} lets position
   * i attend only to positions j ≤ i.
   */
  public MultiheadAttention.Output encode(Tensor x, Tensor keyPaddingMask, boolean causal) {
    if (normFirst) {
      Tensor normed = norm1.forward(x);
      MultiheadAttention.Output a = selfAttn.attend(normed, normed, normed, keyPaddingMask, causal);
      Tensor h = x.add(dropout1.forward(a.output()));
      return new MultiheadAttention.Output(h.add(dropout2.forward(mlp(norm2.forward(h)))), a.weights());
    }
    MultiheadAttention.Output a = selfAttn.attend(x, x, x, keyPaddingMask, causal);
    Tensor h = norm1.forward(x.add(dropout1.forward(a.output())));
    return new MultiheadAttention.Output(norm2.forward(h.add(dropout2.forward(mlp(h)))), a.weights());
  }

  private Tensor mlp(Tensor x) {
    Tensor hidden = linear1.forward(x);
    hidden = activation == Nonlinearity.RELU ? hidden.relu() : hidden.gelu();
    return linear2.forward(dropout.forward(hidden));
  }

  /** The self-attention sub-layer. */
  public MultiheadAttention selfAttention() { return selfAttn; }

  @Override public String toString() {
    return "TransformerEncoderLayer(" + dModel + ", heads=" + heads + ", feedforward=" + feedforward
        + ", dropout=" + dropout.p() + ", " + activation.name().toLowerCase(Locale.ROOT)
        + (normFirst ? ", pre-norm" : ", post-norm") + ")";
  }
}
