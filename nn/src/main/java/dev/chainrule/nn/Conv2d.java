package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A 2-D convolution layer, PyTorch's {@code nn.Conv2d}: [batch, in, H, W] to [batch, out, H', W']
 * with H' = ⌊(H + 2·padding − dilation·(kernel − 1) − 1)/stride⌋ + 1, each output channel the
 * cross-correlation of its kernel with the input channels of its group, plus its bias.
 *
 * <p>Parameters, with PyTorch's names and layouts: {@code weight} [out, in/groups, kH, kW] and
 * {@code bias} [out] (absent with {@code bias = false}). No backward of its own: {@code forward}
 * is {@link Tensor#conv2d(Tensor, Tensor, int[], int[], int[], int)}, the im2col + gemm primitive.
 * The default initialisation is PyTorch's for the weight (kaiming-uniform with a = √5, that is
 * U(±1/√fan_in)); biases start at zero.
 */
public final class Conv2d extends Module {
  private final int in, out, groups;
  private final int[] kernel, stride, padding, dilation;
  private final Tensor weight, bias;

  /** A float32 layer with a square kernel, stride 1, no padding, PyTorch's default initialisation. */
  public Conv2d(int in, int out, int kernel, RandomGenerator rng) {
    this(in, out, kernel, 1, 0, rng);
  }

  /** A float32 layer with a square kernel, stride and padding, PyTorch's default initialisation. */
  public Conv2d(int in, int out, int kernel, int stride, int padding, RandomGenerator rng) {
    this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1},
        1, true, defaultInit(), rng, DType.F32);
  }

  /**
   * The general layer: (rows, columns) kernel, stride, padding and dilation; {@code groups}
   * dividing both channel counts (groups = in = out is depthwise); with or without a bias.
   */
  public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias,
                Init init, RandomGenerator rng, DType dtype) {
    this(init.weight(rng, dtype, checkSizes(in, out, kernel, groups)),
        bias ? init.bias(rng, dtype, in / groups * kernel[0] * kernel[1], out) : null, stride, padding, dilation, groups);
  }

  /** A layer with the given weight [out, in/groups, kH, kW] and bias [out] (or {@code null}), taken over as its parameters. */
  public Conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
    if (weight.rank() != 4 || (bias != null && (bias.rank() != 1 || bias.dim(0) != weight.dim(0) || bias.dtype() != weight.dtype()))) {
      throw new IllegalArgumentException("Conv2d: weight must be [out, in/groups, kH, kW] and bias [out] of one dtype (got "
          + weight.shape() + (bias == null ? "" : " and " + bias.shape()) + ")");
    }
    if (groups < 1 || weight.dim(0) % groups != 0) {
      throw new IllegalArgumentException("Conv2d: groups " + groups + " must divide the " + weight.dim(0) + " output channels");
    }
    this.out = weight.dim(0);
    this.groups = groups;
    this.in = weight.dim(1) * groups;
    this.kernel = new int[] {weight.dim(2), weight.dim(3)};
    this.stride = stride.clone();
    this.padding = padding.clone();
    this.dilation = dilation.clone();
    this.weight = param("weight", weight);
    this.bias = bias == null ? null : param("bias", bias);
  }

  /** PyTorch's default weight initialisation for convolutions: kaiming-uniform with a = √5, U(±1/√fan_in). */
  public static Init defaultInit() {
    return Init.kaimingUniform(Init.leakyReluGain(Math.sqrt(5)), Init.FanMode.FAN_IN);
  }

  private static Shape checkSizes(int in, int out, int[] kernel, int groups) {
    if (in <= 0 || out <= 0 || groups < 1 || in % groups != 0 || out % groups != 0 || kernel.length != 2
        || kernel[0] < 1 || kernel[1] < 1) {
      throw new IllegalArgumentException("Conv2d: needs positive channels divisible by groups and a positive (rows, columns) "
          + "kernel, got " + in + "->" + out + ", kernel " + Arrays.toString(kernel) + ", groups " + groups);
    }
    return Shape.of(out, in / groups, kernel[0], kernel[1]);
  }

  @Override public Tensor forward(Tensor x) {
    checkImages(this, x, in, weight.dtype());
    int spanH = dilation[0] * (kernel[0] - 1) + 1, spanW = dilation[1] * (kernel[1] - 1) + 1;
    if (x.dim(2) + 2 * padding[0] < spanH || x.dim(3) + 2 * padding[1] < spanW) {
      throw new IllegalArgumentException(this + ": input of " + x.dim(2) + "x" + x.dim(3) + " is smaller than the "
          + spanH + "x" + spanW + " kernel after padding (got " + x.shape() + ")");
    }
    return x.conv2d(weight, bias, stride, padding, dilation, groups);
  }

  /** Refuses anything but [batch, in, height, width] images of the layer's dtype, naming {@code layer} and the shape. */
  static void checkImages(Module layer, Tensor x, int in, DType dtype) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException(layer + ": input must be [batch, " + in + ", height, width] (got " + x.shape() + ")");
    }
    if (x.dim(1) != in) {
      throw new IllegalArgumentException(layer + ": input has " + x.dim(1) + " channels, expected " + in + " (got " + x.shape() + ")");
    }
    if (x.dtype() != dtype) {
      throw new IllegalArgumentException(layer + ": input is " + x.dtype() + " but the layer is " + dtype
          + "; convert the input with x.to(" + dtype + ")");
    }
  }

  /** The kernels [out, in/groups, kH, kW]. */
  public Tensor weight() { return weight; }

  /** The bias [out], or {@code null} for a layer without one. */
  public Tensor bias() { return bias; }

  @Override public String toString() {
    StringBuilder s = new StringBuilder("Conv2d(" + in + "->" + out + ", " + kernel[0] + "x" + kernel[1]);
    if (stride[0] != 1 || stride[1] != 1) s.append(", stride ").append(pair(stride));
    if (padding[0] != 0 || padding[1] != 0) s.append(", padding ").append(pair(padding));
    if (dilation[0] != 1 || dilation[1] != 1) s.append(", dilation ").append(pair(dilation));
    if (groups != 1) s.append(", groups ").append(groups);
    if (bias == null) s.append(", no bias");
    if (weight.dtype() != DType.F32) s.append(", ").append(weight.dtype());
    return s.append(')').toString();
  }

  static String pair(int[] v) {
    return v[0] == v[1] ? Integer.toString(v[0]) : v[0] + "x" + v[1];
  }
}
