package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A 2-D transposed convolution layer, PyTorch's {@code nn.ConvTranspose2d}: [batch, in, H, W] to
 * [batch, out, H', W'] with H' = (H − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1.
 * It spreads each input pixel over a kernel-sized patch of the output (the adjoint of {@link Conv2d}),
 * so stride 2 doubles the size: the upsampling half of a convolutional autoencoder or a segmenter.
 *
 * <p>Parameters, with PyTorch's names and layouts: {@code weight} [in, out/groups, kH, kW] (input
 * channels first, unlike {@link Conv2d}) and {@code bias} [out] (absent with {@code bias = false}).
 * No backward of its own: {@code forward} is
 * {@link Tensor#convTranspose2d(Tensor, Tensor, int[], int[], int[], int[], int)}. The default
 * initialisation is PyTorch's: kaiming-uniform with a = √5 on the weight, whose fan-in PyTorch
 * reckons from the weight's second axis (out/groups·kH·kW), and the bias from the same fan-in.
 */
public final class ConvTranspose2d extends Module {
  private final int in, out, groups;
  private final int[] kernel, stride, padding, outputPadding, dilation;
  private final Tensor weight, bias;

  /** A float32 layer with a square kernel, stride and padding, no output padding, PyTorch's default initialisation. */
  public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, RandomGenerator rng) {
    this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {0, 0},
        new int[] {1, 1}, 1, true, Conv2d.defaultInit(), rng, DType.F32);
  }

  /**
   * The general layer: (rows, columns) kernel, stride, padding, output padding (below the stride)
   * and dilation; {@code groups} dividing both channel counts; with or without a bias.
   */
  public ConvTranspose2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] outputPadding, int[] dilation,
                         int groups, boolean bias, Init init, RandomGenerator rng, DType dtype) {
    this(init.weight(rng, dtype, checkSizes(in, out, kernel, groups)),
        bias ? init.bias(rng, dtype, out / groups * kernel[0] * kernel[1], out) : null,
        stride, padding, outputPadding, dilation, groups);
  }

  /** A layer with the given weight [in, out/groups, kH, kW] and bias [out] (or {@code null}), taken over as its parameters. */
  public ConvTranspose2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding, int[] dilation,
                         int groups) {
    if (weight.rank() != 4 || groups < 1 || weight.dim(0) % groups != 0) {
      throw new IllegalArgumentException("ConvTranspose2d: weight must be [in, out/groups, kH, kW] with groups dividing in (got "
          + weight.shape() + ", groups " + groups + ")");
    }
    int outChannels = weight.dim(1) * groups;
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != outChannels || bias.dtype() != weight.dtype())) {
      throw new IllegalArgumentException("ConvTranspose2d: bias must be [" + outChannels + "] of the weight's dtype (got "
          + bias.shape() + " " + bias.dtype() + " for weight " + weight.shape() + " " + weight.dtype() + ")");
    }
    if (stride.length != 2 || outputPadding.length != 2 || outputPadding[0] < 0 || outputPadding[1] < 0
        || outputPadding[0] >= stride[0] || outputPadding[1] >= stride[1]) {
      throw new IllegalArgumentException("ConvTranspose2d: output padding must be >= 0 and below the stride (got output padding "
          + Arrays.toString(outputPadding) + ", stride " + Arrays.toString(stride) + ")");
    }
    this.in = weight.dim(0);
    this.out = outChannels;
    this.groups = groups;
    this.kernel = new int[] {weight.dim(2), weight.dim(3)};
    this.stride = stride.clone();
    this.padding = padding.clone();
    this.outputPadding = outputPadding.clone();
    this.dilation = dilation.clone();
    this.weight = param("weight", weight);
    this.bias = bias == null ? null : param("bias", bias);
  }

  private static Shape checkSizes(int in, int out, int[] kernel, int groups) {
    if (in <= 0 || out <= 0 || groups < 1 || in % groups != 0 || out % groups != 0 || kernel.length != 2
        || kernel[0] < 1 || kernel[1] < 1) {
      throw new IllegalArgumentException("ConvTranspose2d: needs positive channels divisible by groups and a positive (rows, "
          + "columns) kernel, got " + in + "->" + out + ", kernel " + Arrays.toString(kernel) + ", groups " + groups);
    }
    return Shape.of(in, out / groups, kernel[0], kernel[1]);
  }

  @Override public Tensor forward(Tensor x) {
    Conv2d.checkImages(this, x, in, weight.dtype());
    int h = outputSize(x.dim(2), 0), w = outputSize(x.dim(3), 1);
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException(this + ": input of " + x.dim(2) + "x" + x.dim(3) + " gives an output of " + h + "x" + w
          + "; the padding is too large (got " + x.shape() + ")");
    }
    return x.convTranspose2d(weight, bias, stride, padding, outputPadding, dilation, groups);
  }

  /** H' (axis 0) or W' (axis 1) for an input of {@code size} along that axis. */
  public int outputSize(int size, int axis) {
    return (size - 1) * stride[axis] - 2 * padding[axis] + dilation[axis] * (kernel[axis] - 1) + outputPadding[axis] + 1;
  }

  /** The kernels [in, out/groups, kH, kW]. */
  public Tensor weight() { return weight; }

  /** The bias [out], or {@code null} for a layer without one. */
  public Tensor bias() { return bias; }

  @Override public String toString() {
    StringBuilder s = new StringBuilder("ConvTranspose2d(" + in + "->" + out + ", " + kernel[0] + "x" + kernel[1]);
    if (stride[0] != 1 || stride[1] != 1) s.append(", stride ").append(Conv2d.pair(stride));
    if (padding[0] != 0 || padding[1] != 0) s.append(", padding ").append(Conv2d.pair(padding));
    if (outputPadding[0] != 0 || outputPadding[1] != 0) s.append(", output padding ").append(Conv2d.pair(outputPadding));
    if (dilation[0] != 1 || dilation[1] != 1) s.append(", dilation ").append(Conv2d.pair(dilation));
    if (groups != 1) s.append(", groups ").append(groups);
    if (bias == null) s.append(", no bias");
    if (weight.dtype() != DType.F32) s.append(", ").append(weight.dtype());
    return s.append(')').toString();
  }
}
