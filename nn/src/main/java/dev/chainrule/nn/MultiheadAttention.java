package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * Multi-head scaled dot-product attention, PyTorch's {@code nn.MultiheadAttention} with
 * {@code batch_first=True}: query [batch, L, E], key and value [batch, S, E]. Each of the
 * {@code heads} heads sees E/heads features: softmax(q·kᵀ/√(E/heads) + masks)·v, and the heads'
 * outputs are joined and projected by {@code out_proj}.
 *
 * <p>Parameters as PyTorch: {@code in_proj_weight} [3E, E] (rows: query, key, value projections),
 * {@code in_proj_bias} [3E], {@code out_proj.weight} [E, E], {@code out_proj.bias} [E].
 */
public final class MultiheadAttention extends Module {
  private final int embedDim, heads;
  private final Tensor inProjWeight, inProjBias;
  private final Dense outProj;

  /** The output [batch, L, E] and the attention weights [batch, L, S], averaged over the heads (PyTorch's default). */
  public record Output(Tensor output, Tensor weights) {}

  /** A float32 layer. */
  public MultiheadAttention(int embedDim, int heads, RandomGenerator rng) {
    this(embedDim, heads, rng, DType.F32);
  }

  /**
   * A layer in {@code dtype}, initialised as PyTorch: in_proj_weight xavier-uniform, out_proj.weight
   * U(-1/√E, 1/√E), biases zero.
   */
  public MultiheadAttention(int embedDim, int heads, RandomGenerator rng, DType dtype) {
    if (embedDim <= 0 || heads <= 0 || embedDim % heads != 0) {
      throw new IllegalArgumentException("MultiheadAttention: embedDim " + embedDim + " must be a positive multiple of heads " + heads);
    }
    this.embedDim = embedDim;
    this.heads = heads;
    double a = Math.sqrt(6.0 / (embedDim + 3 * embedDim)), b = 1 / Math.sqrt(embedDim);
    this.inProjWeight = param("in_proj_weight", Tensor.rand(rng, dtype, -a, a, 3 * embedDim, embedDim));
    this.inProjBias = param("in_proj_bias", Tensor.zeros(dtype, 3 * embedDim));
    this.outProj = child("out_proj", new Dense(Tensor.rand(rng, dtype, -b, b, embedDim, embedDim), Tensor.zeros(dtype, embedDim)));
  }

  /** Self-attention of x [batch, L, E] with no mask: the output only (the head-averaged weights are not computed). */
  @Override public Tensor forward(Tensor x) {
    return attend(x, x, x, null, false, false).output();
  }

  /**
   * Attention of {@code query} over {@code key}/{@code value}. {@code keyPaddingMask} [batch, S]
   * (or {@code null}) is nonzero at keys to ignore; {@code causal} lets position i see only keys
   * j ≤ i (needs L = S). A query whose every key is masked gets NaN, as in PyTorch.
   */
  public Output attend(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean causal) {
    return attend(query, key, value, keyPaddingMask, causal, true);
  }

  /** {@link #attend}, averaging the weights over the heads only when {@code needWeights} (else they are null). */
  private Output attend(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean causal, boolean needWeights) {
    check(query, "query");
    check(key, "key");
    check(value, "value");
    int batch = query.dim(0), l = query.dim(1), s = key.dim(1);
    if (key.dim(0) != batch || !key.shape().equals(value.shape())) {
      throw new IllegalArgumentException(this + ": key " + key.shape() + " and value " + value.shape()
          + " must agree, with the batch of query " + query.shape());
    }
    int d = embedDim / heads;
    // The scale goes on q ([L, d] a head) rather than on the scores ([L, S]), as PyTorch does, and
    // k is split straight into its transpose: one copy where split-then-transpose made two.
    Tensor q = project(query, 0).splitHeads(heads, false).mul(1 / Math.sqrt(d));   // [batch, heads, L, d]
    Tensor kT = project(key, 1).splitHeads(heads, true);                           // [batch, heads, d, S]
    Tensor v = project(value, 2).splitHeads(heads, false);
    Tensor scores = q.matmul(kT);                                            // [batch, heads, L, S]
    if (causal) {
      if (l != s) throw new IllegalArgumentException(this + ": a causal mask needs as many queries as keys, got " + l + " and " + s);
      scores = scores.maskedFill(causalMask(l, query.dtype()), Double.NEGATIVE_INFINITY);
    }
    if (keyPaddingMask != null) {
      if (keyPaddingMask.rank() != 2 || keyPaddingMask.dim(0) != batch || keyPaddingMask.dim(1) != s) {
        throw new IllegalArgumentException(this + ": keyPaddingMask must be [" + batch + ", " + s + "], got " + keyPaddingMask.shape());
      }
      scores = scores.maskedFill(keyPaddingMask.reshape(batch, 1, 1, s), Double.NEGATIVE_INFINITY);
    }
    Tensor weights = scores.softmax(-1);
    Tensor joined = weights.matmul(v).mergeHeads();                           // [batch, L, E]
    return new Output(outProj.forward(joined), needWeights ? weights.mean(1) : null);
  }

  /** The constant [L, L] mask with ones above the diagonal: the future positions. */
  public static Tensor causalMask(int length, DType dtype) {
    double[] v = new double[length * length];
    for (int i = 0; i < length; i++) for (int j = i + 1; j < length; j++) v[i * length + j] = 1;
    return Tensor.of(v, length, length).to(dtype);
  }

  /** Part {@code part} (0 query, 1 key, 2 value) of the input projection applied to x. */
  private Tensor project(Tensor x, int part) {
    return x.linear(inProjWeight.slice(0, part * embedDim, (part + 1) * embedDim),
        inProjBias.slice(0, part * embedDim, (part + 1) * embedDim));
  }

  private void check(Tensor x, String what) {
    if (x.rank() != 3 || x.dim(2) != embedDim) {
      throw new IllegalArgumentException(this + ": " + what + " must be [batch, length, " + embedDim + "], got " + x.shape());
    }
    if (x.dtype() != inProjWeight.dtype()) {
      throw new IllegalArgumentException(this + ": " + what + " is " + x.dtype() + " but the layer is " + inProjWeight.dtype());
    }
  }

  @Override public String toString() {
    return "MultiheadAttention(" + embedDim + ", heads=" + heads + (inProjWeight.dtype() == DType.F32 ? "" : ", " + inProjWeight.dtype()) + ")";
  }
}
