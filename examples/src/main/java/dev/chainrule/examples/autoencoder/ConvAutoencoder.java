package dev.chainrule.examples.autoencoder;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.ConvTranspose2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.random.RandomGenerator;

/**
 * A convolutional autoencoder for 28×28 images: two stride-2 convolutions take the image to
 * 32 channels of 7×7, a dense layer squeezes those 1568 values into a code of a few numbers, and
 * the decoder mirrors it, with two stride-2 transposed convolutions growing 7×7 back to 28×28.
 * The output is one logit per pixel (pair it with {@code BCEWithLogitsLoss} against the input;
 * the sigmoid of a logit is the reconstructed pixel).
 *
 * <pre>
 *   [n, 784] → [n, 1, 28, 28] → conv 3x3 s2 → 16 × 14×14 → ReLU → conv 3x3 s2 → 32 × 7×7 → ReLU → dense → code
 *   code → dense → ReLU → 32 × 7×7 → conv-transpose 3x3 s2 → 16 × 14×14 → ReLU → conv-transpose 3x3 s2 → [n, 784] logits
 * </pre>
 */
public final class ConvAutoencoder extends Module {
  /** Image side, channels after the encoder's convolutions and their side. */
  static final int SIDE = 28, CHANNELS = 32, INNER = 7;

  private final Sequential encoder, decoder, upsample;
  private final int code;

  /** An autoencoder with a code of {@code code} numbers, initialised from {@code rng}. */
  public ConvAutoencoder(int code, RandomGenerator rng) {
    if (code < 1) throw new IllegalArgumentException("ConvAutoencoder: the code needs at least 1 number, got " + code);
    this.code = code;
    this.encoder = child("encoder", new Sequential(
        new Conv2d(1, 16, 3, 2, 1, rng), Activation.relu(),
        new Conv2d(16, CHANNELS, 3, 2, 1, rng), Activation.relu(),
        new Flatten(), new Dense(CHANNELS * INNER * INNER, code, Init.xavier(), rng)));
    this.decoder = child("decoder", new Sequential(new Dense(code, CHANNELS * INNER * INNER, Init.he(), rng), Activation.relu()));
    this.upsample = child("upsample", new Sequential(
        upsampling(CHANNELS, 16, rng), Activation.relu(),
        upsampling(16, 1, rng)));
  }

  /** 3x3, stride 2, padding 1, output padding 1: exactly doubles the side (7 to 14 to 28). */
  private static ConvTranspose2d upsampling(int in, int out, RandomGenerator rng) {
    return new ConvTranspose2d(in, out, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1},
        new int[] {1, 1}, 1, true, Conv2d.defaultInit(), rng, dev.chainrule.autograd.DType.F32);
  }

  /** The codes [n, code] of images [n, 784]. */
  public Tensor encode(Tensor images) {
    if (images.rank() != 2 || images.dim(1) != SIDE * SIDE) {
      throw new IllegalArgumentException(this + ": input must be [batch, " + SIDE * SIDE + "] (got " + images.shape() + ")");
    }
    return encoder.forward(images.reshape(images.dim(0), 1, SIDE, SIDE));
  }

  /** The pixel logits [n, 784] for codes [n, code]. */
  public Tensor decode(Tensor codes) {
    Tensor grid = decoder.forward(codes).reshape(codes.dim(0), CHANNELS, INNER, INNER);
    return upsample.forward(grid).reshape(codes.dim(0), SIDE * SIDE);
  }

  /** Pixel logits [n, 784] rebuilding images [n, 784]. */
  @Override public Tensor forward(Tensor images) {
    return decode(encode(images));
  }

  @Override public String toString() {
    return "ConvAutoencoder(784 -> " + code + " -> 784)";
  }
}
