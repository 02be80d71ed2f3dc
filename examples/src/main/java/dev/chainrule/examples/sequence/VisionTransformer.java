package dev.chainrule.examples.sequence;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.LayerNorm;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.MultiheadAttention;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.TransformerEncoderLayer;
import dev.chainrule.nn.TransformerEncoderLayer.Nonlinearity;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A small vision transformer for 28x28 digits (A. Dosovitskiy et al., "An Image is Worth 16x16
 * Words", ICLR 2021): the image cut into 16 patches of 7x7 pixels, each patch's 49 pixels mapped
 * linearly to {@code dim} features, a learned class token put in front and a learned position
 * embedding added; then pre-norm encoder blocks, a final layer norm, and a dense layer on the
 * class token's features gives the 10 logits.
 */
final class VisionTransformer extends Module {
  /** Patch side in pixels, patches per image side, and patches per image. */
  static final int PATCH = 7, SIDE = 28 / PATCH, PATCHES = SIDE * SIDE;

  private final int dim;
  private final Dense patchEmbed, head;
  private final Tensor classToken, positions;
  private final List<TransformerEncoderLayer> blocks;
  private final LayerNorm norm;

  VisionTransformer(int dim, int heads, int mlp, int layers, double dropout, SplittableRandom rng) {
    this.dim = dim;
    double b = 1 / Math.sqrt(PATCH * PATCH);
    this.patchEmbed = child("patch_embed", new Dense(Tensor.rand(rng, DType.F32, -b, b, dim, PATCH * PATCH),
        Tensor.rand(rng, DType.F32, -b, b, dim)));
    // ViT's initialisation of the two learned embeddings: small, N(0, 0.02²).
    this.classToken = param("cls_token", Tensor.randn(rng, DType.F32, 0, 0.02, 1, 1, dim));
    this.positions = param("pos_embed", Tensor.randn(rng, DType.F32, 0, 0.02, 1, PATCHES + 1, dim));
    this.blocks = IntStream.range(0, layers)
        .mapToObj(i -> new TransformerEncoderLayer(dim, heads, mlp, dropout, Nonlinearity.GELU, true, rng, DType.F32))
        .toList();
    child("blocks", new Sequential(blocks.toArray(Module[]::new)));
    this.norm = child("norm", new LayerNorm(dim));
    this.head = child("head", new Dense(Tensor.zeros(DType.F32, 10, dim), Tensor.zeros(DType.F32, 10)));
  }

  /** Images [batch, 784] to patches [batch, 16, 49], patch p = (row p / 4, column p % 4). */
  static Tensor patches(Tensor images) {
    int n = images.dim(0);
    return images.reshape(n, SIDE, PATCH, SIDE, PATCH).permute(0, 1, 3, 2, 4).reshape(n, PATCHES, PATCH * PATCH);
  }

  /** Logits [batch, 10] for images [batch, 784]. */
  @Override public Tensor forward(Tensor images) {
    return run(images).logits();
  }

  /** The logits and the last block's attention weights [batch, 17, 17] (position 0 is the class token). */
  record Pass(Tensor logits, Tensor lastAttention) {}

  /** The network on images [batch, 784]. */
  Pass run(Tensor images) {
    if (images.rank() != 2 || images.dim(1) != 28 * 28) {
      throw new IllegalArgumentException(this + ": images must be [batch, 784], got " + images.shape());
    }
    int n = images.dim(0);
    Tensor x = Tensor.concat(1, classToken.expand(n, 1, dim), patchEmbed.forward(patches(images))).add(positions);
    Tensor weights = null;
    for (TransformerEncoderLayer block : blocks) {
      MultiheadAttention.Output o = block.encode(x, null, false);
      x = o.output();
      weights = o.weights();
    }
    Tensor cls = norm.forward(x).slice(1, 0, 1).reshape(n, dim);
    return new Pass(head.forward(cls), weights);
  }

  @Override public String toString() {
    return "VisionTransformer(16 patches of 7x7 -> " + dim + ", " + blocks.size() + " x " + (blocks.isEmpty() ? "no block" : blocks.get(0)) + ")";
  }
}
