package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.BinaryOp;
import dev.chainrule.autograd.kernel.KernelProvider;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.ScalarOp;
import dev.chainrule.autograd.kernel.UnaryOp;
import dev.chainrule.autograd.ops.Abs;
import dev.chainrule.autograd.ops.Add;
import dev.chainrule.autograd.ops.Cast;
import dev.chainrule.autograd.ops.Clamp;
import dev.chainrule.autograd.ops.Concat;
import dev.chainrule.autograd.ops.Div;
import dev.chainrule.autograd.ops.Exp;
import dev.chainrule.autograd.ops.Expand;
import dev.chainrule.autograd.ops.IndexSelect;
import dev.chainrule.autograd.ops.Linear;
import dev.chainrule.autograd.ops.Log;
import dev.chainrule.autograd.ops.LogSumExp;
import dev.chainrule.autograd.ops.MatMul;
import dev.chainrule.autograd.ops.Max;
import dev.chainrule.autograd.ops.Maximum;
import dev.chainrule.autograd.ops.Minimum;
import dev.chainrule.autograd.ops.Mul;
import dev.chainrule.autograd.ops.Neg;
import dev.chainrule.autograd.ops.Permute;
import dev.chainrule.autograd.ops.Pow;
import dev.chainrule.autograd.ops.PowScalar;
import dev.chainrule.autograd.ops.Relu;
import dev.chainrule.autograd.ops.Reshape;
import dev.chainrule.autograd.ops.ScalarAdd;
import dev.chainrule.autograd.ops.ScalarMul;
import dev.chainrule.autograd.ops.Sigmoid;
import dev.chainrule.autograd.ops.Slice;
import dev.chainrule.autograd.ops.Sqrt;
import dev.chainrule.autograd.ops.Step;
import dev.chainrule.autograd.ops.Sub;
import dev.chainrule.autograd.ops.Sum;
import dev.chainrule.autograd.ops.Tanh;
import dev.chainrule.autograd.ops.Where;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of float32 or float64 values, dense and row-major, that records the
 * operations applied to it so that {@link #backward()} can compute gradients by the chain rule.
 *
 * <p>Operations never modify their operands; methods that do end in {@code InPlace} and are never
 * recorded. Binary operations broadcast by NumPy's rules. Operands must share a dtype (convert
 * with {@link #to(DType)}).
 */
public final class Tensor {
  private final Shape shape;
  private final DType dtype;
  /** The values: one array of one dtype, the only place that dispatches on it. */
  private final Storage storage;
  /** Shared by tensors that share storage (reshape, detach), so in-place changes are seen by all. */
  private final int[] version;
  private boolean requiresGrad;
  private Tensor grad;
  private Node gradFn;

  private Tensor(Shape shape, Storage storage, int[] version) {
    this.shape = shape;
    this.dtype = storage.dtype();
    this.storage = storage;
    this.version = version;
  }

  // ---------------------------------------------------------------- creation

  /** A float32 tensor holding a copy of {@code data}, with the given shape. */
  public static Tensor of(float[] data, int... dims) {
    Shape s = Shape.of(dims);
    checkLength("of", data.length, s);
    return wrap(s, data.clone());
  }

  /** A float64 tensor holding a copy of {@code data}, with the given shape. */
  public static Tensor of(double[] data, int... dims) {
    Shape s = Shape.of(dims);
    checkLength("of", data.length, s);
    return wrap(s, data.clone());
  }

  /** A rank-0 tensor. */
  public static Tensor scalar(double value, DType dtype) {
    return full(dtype, Shape.scalar(), value);
  }

  /** A float32 rank-0 tensor. */
  public static Tensor scalar(double value) {
    return scalar(value, DType.F32);
  }

  /**
   * Wraps {@code data} without copying: the tensor owns the array from now on. For operation
   * implementations; users should prefer {@link #of(float[], int...)}.
   */
  public static Tensor wrap(Shape shape, float[] data) {
    checkLength("wrap", data.length, shape);
    return new Tensor(shape, new Storage.F32(data), new int[1]);
  }

  /** Wraps {@code storage} without copying; see {@link #wrap(Shape, float[])}. */
  public static Tensor wrap(Shape shape, Storage storage) {
    checkLength("wrap", storage.size(), shape);
    return new Tensor(shape, storage, new int[1]);
  }

  /** Wraps {@code data} without copying; see {@link #wrap(Shape, float[])}. */
  public static Tensor wrap(Shape shape, double[] data) {
    checkLength("wrap", data.length, shape);
    return new Tensor(shape, new Storage.F64(data), new int[1]);
  }

  public static Tensor zeros(DType dtype, Shape shape) {
    return new Tensor(shape, Storage.zeros(dtype, shape.size()), new int[1]);
  }

  public static Tensor zeros(DType dtype, int... dims) { return zeros(dtype, Shape.of(dims)); }

  /** float32 zeros. */
  public static Tensor zeros(int... dims) { return zeros(DType.F32, Shape.of(dims)); }

  public static Tensor ones(DType dtype, Shape shape) { return full(dtype, shape, 1.0); }

  public static Tensor ones(DType dtype, int... dims) { return full(dtype, Shape.of(dims), 1.0); }

  /** float32 ones. */
  public static Tensor ones(int... dims) { return full(DType.F32, Shape.of(dims), 1.0); }

  public static Tensor full(DType dtype, Shape shape, double value) {
    Tensor t = zeros(dtype, shape);
    if (value != 0.0) t.fillRaw(value);
    return t;
  }

  /** Samples from N(mean, std²), drawn in row-major order from {@code rng}: same seed, same tensor. */
  public static Tensor randn(RandomGenerator rng, DType dtype, double mean, double std, int... dims) {
    Tensor t = zeros(dtype, dims);
    for (int i = 0; i < t.size(); i++) t.setRaw(i, mean + std * rng.nextGaussian());
    return t;
  }

  /** Standard normal float32 samples. */
  public static Tensor randn(RandomGenerator rng, int... dims) {
    return randn(rng, DType.F32, 0.0, 1.0, dims);
  }

  /** Uniform samples in [low, high), drawn in row-major order from {@code rng}. */
  public static Tensor rand(RandomGenerator rng, DType dtype, double low, double high, int... dims) {
    Tensor t = zeros(dtype, dims);
    for (int i = 0; i < t.size(); i++) t.setRaw(i, low + (high - low) * rng.nextDouble());
    return t;
  }

  /** 0, 1, ..., n-1. */
  public static Tensor arange(DType dtype, int n) {
    Tensor t = zeros(dtype, n);
    for (int i = 0; i < n; i++) t.setRaw(i, i);
    return t;
  }

  /** A matrix of one-hot rows: row i has a 1 in column {@code labels[i]}. */
  public static Tensor oneHot(DType dtype, int[] labels, int classes) {
    Tensor t = zeros(dtype, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("oneHot: label " + labels[i] + " at index " + i
            + " is outside [0, " + classes + ")");
      }
      t.setRaw(i * classes + labels[i], 1.0);
    }
    return t;
  }

  private static void checkLength(String op, int length, Shape shape) {
    if (length != shape.size()) {
      throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + shape
          + " (" + shape.size() + " elements)");
    }
  }

  // ---------------------------------------------------------------- properties

  public Shape shape() { return shape; }

  public DType dtype() { return dtype; }

  /** The dimension sizes (a copy). */
  public int[] dims() { return shape.dims(); }

  /** Size of dimension {@code i}; negative counts from the end. */
  public int dim(int i) { return shape.dim(i); }

  public int rank() { return shape.rank(); }

  /** Number of elements. */
  public int size() { return shape.size(); }

  /**
   * The float32 backing array, not a copy: for kernels and operation implementations. Do not
   * modify it unless this tensor is yours alone; use the {@code InPlace} methods otherwise.
   */
  public float[] f32() {
    if (!(storage instanceof Storage.F32 s)) throw new IllegalStateException("f32: tensor is " + dtype + ", not F32");
    return s.a;
  }

  /** The float64 backing array, not a copy; see {@link #f32()}. */
  public double[] f64() {
    if (!(storage instanceof Storage.F64 s)) throw new IllegalStateException("f64: tensor is " + dtype + ", not F64");
    return s.a;
  }

  /**
   * The values and their kernel calls, not a copy: for operation implementations, which call
   * kernels through it without asking the dtype. Do not modify it unless this tensor is yours alone.
   */
  public Storage storage() { return storage; }

  /** The single value of a one-element tensor. */
  public double item() {
    if (size() != 1) throw new IllegalStateException("item: tensor of shape " + shape + " has " + size() + " elements, not 1");
    return getRaw(0);
  }

  /** The element at a multi-index. */
  public double get(int... index) {
    return getRaw(flatIndex(index));
  }

  /** The element at row-major position {@code i}. */
  public double getRaw(int i) {
    return storage.get(i);
  }

  /** A float copy of the values, row-major. */
  public float[] toFloatArray() {
    return storage.toFloatArray();
  }

  /** A double copy of the values, row-major. */
  public double[] toDoubleArray() {
    return storage.toDoubleArray();
  }

  /** Counts in-place modifications, so saved tensors can detect them. */
  public int version() { return version[0]; }

  private int flatIndex(int[] index) {
    if (index.length != rank()) {
      throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " has " + index.length
          + " coordinates, tensor has rank " + rank() + " " + shape);
    }
    int flat = 0;
    for (int i = 0; i < index.length; i++) {
      int d = shape.dim(i);
      if (index[i] < 0 || index[i] >= d) {
        throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " out of bounds for shape " + shape);
      }
      flat = flat * d + index[i];
    }
    return flat;
  }

  // ---------------------------------------------------------------- autograd

  /** Whether gradients flow to this tensor. */
  public boolean requiresGrad() { return requiresGrad; }

  /** Marks a leaf as needing gradients; returns this. */
  public Tensor requiresGrad(boolean requires) {
    if (gradFn != null && !requires) {
      throw new IllegalStateException("requiresGrad: tensor of shape " + shape
          + " is the result of " + gradFn.fn.name() + "; use detach() to stop gradients instead");
    }
    this.requiresGrad = requires;
    return this;
  }

  /**
   * The accumulated gradient, or {@code null} before the first backward (or after zeroGrad).
   * The tensor returned is the caller's to keep: no later backward or zeroGrad changes it (see
   * {@link #gradForStep()} for the reading that lets its storage be reused).
   */
  public Tensor grad() {
    gradHandedOut = true;
    return grad;
  }

  /**
   * Clears the accumulated gradient: {@link #grad()} is {@code null} until the next backward, as
   * PyTorch's {@code zero_grad(set_to_none=True)}. The storage is kept for the next backward to
   * overwrite (no garbage per training step) unless {@link #grad()} has handed the gradient out:
   * a tensor a caller got from {@code grad()} never changes.
   */
  public void zeroGrad() {
    if (grad != null && !gradHandedOut && grad.gradFn == null) gradBuffer = grad;
    grad = null;
    gradHandedOut = false;
  }

  /** True for tensors not produced by a recorded operation (user-created tensors, parameters). */
  public boolean isLeaf() { return gradFn == null; }

  /** The name of the operation that produced this tensor, or {@code null} for a leaf. */
  public String gradFnName() { return gradFn == null ? null : gradFn.fn.name(); }

  Node gradFn() { return gradFn; }

  void setGradFn(Node node) {
    this.gradFn = node;
    this.requiresGrad = true;
  }

  /** Sets the accumulated gradient; {@link Gradients} owns the accumulation. */
  void setGrad(Tensor g) {
    grad = g;
    gradHandedOut = false;
    gradBuffer = null;   // used, or not wanted this step: the next zeroGrad keeps g instead
  }

  /** The accumulated gradient, without marking it handed out (engine use). */
  Tensor gradInternal() { return grad; }

  /** A plain copy with storage of its own, outside the graph. */
  Tensor copyOfStorage() {
    return new Tensor(shape, storage.copy(), new int[1]);
  }

  /** True when both tensors are views of the same storage. */
  boolean sharesStorage(Tensor other) {
    return storage.array() == other.storage.array();
  }

  /** Backpropagates from this scalar, accumulating into the leaves' {@link #grad()}, and frees the graph. */
  public void backward() { Autograd.backward(this, null, false, false); }

  /** Backpropagates with an explicit upstream gradient of this tensor's shape. */
  public void backward(Tensor gradOut) { Autograd.backward(this, gradOut, false, false); }

  /**
   * Backpropagates; {@code retainGraph} keeps the graph for another backward, {@code createGraph}
   * records the backward pass so the gradients can be differentiated again.
   */
  public void backward(Tensor gradOut, boolean retainGraph, boolean createGraph) {
    Autograd.backward(this, gradOut, retainGraph || createGraph, createGraph);
  }

  /** A tensor sharing this one's values but cut from the graph: no gradient flows through it. */
  public Tensor detach() {
    return new Tensor(shape, storage, version);
  }

  /**
   * A tensor outside the graph that shares this one's storage under another shape of the same
   * size: what reshape-like operations return from their forward.
   */
  public Tensor viewAs(Shape newShape) {
    checkLength("viewAs", size(), newShape);
    return new Tensor(newShape, storage, version);
  }

  /** Applies a (possibly user-defined) differentiable function to {@code inputs}. */
  public static Tensor apply(Function fn, Tensor... inputs) {
    return Autograd.apply(fn, inputs);
  }

  // ---------------------------------------------------------------- elementwise arithmetic

  /** this + other, broadcasting. */
  public Tensor add(Tensor other) { return binary(new Add(), "add", other); }

  /** this - other, broadcasting. */
  public Tensor sub(Tensor other) { return binary(new Sub(), "sub", other); }

  /** this * other, broadcasting. */
  public Tensor mul(Tensor other) { return binary(new Mul(), "mul", other); }

  /** this / other, broadcasting. */
  public Tensor div(Tensor other) { return binary(new Div(), "div", other); }

  /** this ^ other, broadcasting (this must be positive where other is not an integer). */
  public Tensor pow(Tensor other) { return binary(new Pow(), "pow", other); }

  /** Elementwise max(this, other), broadcasting; the gradient goes to the larger (half each on ties). */
  public Tensor maximum(Tensor other) { return binary(new Maximum(), "maximum", other); }

  /** Elementwise min(this, other), broadcasting. */
  public Tensor minimum(Tensor other) { return binary(new Minimum(), "minimum", other); }

  public Tensor add(double s) { return apply(new ScalarAdd(s), this); }

  public Tensor sub(double s) { return apply(new ScalarAdd(-s), this); }

  /** s - this. */
  public Tensor rsub(double s) { return apply(new ScalarAdd(s), neg()); }

  public Tensor mul(double s) { return apply(new ScalarMul(s), this); }

  /** this / s, divided exactly (multiplying by 1/s would round twice, and 1/s can overflow). */
  public Tensor div(double s) { return div(scalar(s, dtype)); }

  /** s / this. */
  public Tensor rdiv(double s) { return pow(-1.0).mul(s); }

  public Tensor neg() { return apply(new Neg(), this); }

  /** this ^ p for a constant exponent. */
  public Tensor pow(double p) { return apply(new PowScalar(p), this); }

  public Tensor square() { return mul(this); }

  public Tensor exp() { return apply(new Exp(), this); }

  public Tensor log() { return apply(new Log(), this); }

  public Tensor sqrt() { return apply(new Sqrt(), this); }

  public Tensor sigmoid() { return apply(new Sigmoid(), this); }

  public Tensor tanh() { return apply(new Tanh(), this); }

  public Tensor relu() { return apply(new Relu(), this); }

  /** Heaviside step (1 where positive, else 0), for perceptrons: its gradient is zero everywhere. */
  public Tensor step() { return apply(new Step(), this); }

  public Tensor abs() { return apply(new Abs(), this); }

  /** Clamps into [min, max]; use ±infinity for a one-sided clamp. */
  public Tensor clamp(double min, double max) {
    if (min > max) throw new IllegalArgumentException("clamp: min " + min + " > max " + max);
    return apply(new Clamp(min, max), this);
  }

  /** cond ? a : b elementwise, broadcasting all three; cond is a constant mask (nonzero = true). */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    sameDType("where", a, b);
    sameDType("where", a, cond);
    Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
    return apply(new Where(), cond.detach().expand(s), a.expand(s), b.expand(s));
  }

  /** A differentiable conversion to another dtype (the gradient is converted back). */
  public Tensor to(DType target) {
    return target == dtype ? this : apply(new Cast(target), this);
  }

  private Tensor binary(Function op, String name, Tensor other) {
    sameDType(name, this, other);
    if (shape.equals(other.shape)) return apply(op, this, other);
    Shape s = Shape.broadcast(name, shape, other.shape);
    return apply(op, expand(s), other.expand(s));
  }

  private static void sameDType(String op, Tensor a, Tensor b) {
    if (a.dtype != b.dtype) {
      throw new IllegalArgumentException(op + ": dtypes differ, " + a.dtype + " " + a.shape
          + " and " + b.dtype + " " + b.shape + "; convert one with to(DType)");
    }
  }

  // ---------------------------------------------------------------- shape

  /** Broadcasts to {@code target} by NumPy's rules (copying); its backward sums over the expanded dimensions. */
  public Tensor expand(Shape target) {
    if (shape.equals(target)) return this;
    if (!shape.broadcastsTo(target)) {
      throw new IllegalArgumentException("expand: shape " + shape + " cannot be broadcast to " + target);
    }
    return apply(new Expand(target), this);
  }

  public Tensor expand(int... dims) { return expand(Shape.of(dims)); }

  /** The same values in a new shape with the same number of elements; one dimension may be -1. */
  public Tensor reshape(int... dims) {
    Shape target = Reshape.infer(shape, dims);
    return target.equals(shape) ? this : apply(new Reshape(target), this);
  }

  /** Reshape to [dim0, rest]. */
  public Tensor flatten() {
    return rank() <= 1 ? reshape(size()) : reshape(dim(0), shape.inner(0));
  }

  /** Reorders the dimensions: output dim i is input dim {@code order[i]}. */
  public Tensor permute(int... order) { return apply(new Permute(Permute.check(shape, order)), this); }

  /** Swaps two dimensions. */
  public Tensor transpose(int dim0, int dim1) {
    int a = shape.axis(dim0, "transpose");
    int b = shape.axis(dim1, "transpose");
    int[] order = new int[rank()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    order[a] = b;
    order[b] = a;
    return permute(order);
  }

  /** Transpose of a matrix (swaps the last two dimensions). */
  public Tensor t() {
    if (rank() < 2) throw new IllegalArgumentException("t: needs rank >= 2, got shape " + shape);
    return transpose(-2, -1);
  }

  /** Elements [start, end) along {@code axis}. */
  public Tensor slice(int axis, int start, int end) {
    int a = shape.axis(axis, "slice");
    if (start < 0 || end > shape.dim(a) || start > end) {
      throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is outside dim "
          + a + " of shape " + shape);
    }
    return apply(new Slice(a, start, end), this);
  }

  /** Rows {@code indices} of the first dimension, in that order (repeats allowed). */
  public Tensor indexSelect(int[] indices) {
    if (rank() == 0) throw new IllegalArgumentException("indexSelect: needs rank >= 1, got a scalar");
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= dim(0)) {
        throw new IndexOutOfBoundsException("indexSelect: index " + indices[i] + " at position " + i
            + " is outside [0, " + dim(0) + ") for shape " + shape);
      }
    }
    return apply(new IndexSelect(indices.clone()), this);
  }

  /** Joins tensors along {@code axis}; all other dimensions must agree. */
  public static Tensor concat(int axis, Tensor... parts) {
    return apply(new Concat(Concat.check(axis, parts)), parts);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * Matrix product. 2-D: [n, k] @ [k, m]. Batched: leading dimensions broadcast, e.g.
   * [b, n, k] @ [k, m] or [b, n, k] @ [b, k, m]. A 1-D right operand is treated as a column.
   */
  public Tensor matmul(Tensor other) {
    sameDType("matmul", this, other);
    return MatMul.matmul(this, other);
  }

  /**
   * The affine map of a batch, x·Wᵀ + b, as PyTorch's {@code F.linear}: x is [..., in], W is
   * [out, in] and b is [out] (or {@code null}). Wᵀ is never materialised.
   */
  public Tensor linear(Tensor weight, Tensor bias) {
    sameDType("linear", this, weight);
    if (weight.rank() != 2 || rank() < 1 || dim(-1) != weight.dim(1)) {
      throw new IllegalArgumentException("linear: input has " + (rank() == 0 ? 0 : dim(-1))
          + " features, weight expects " + (weight.rank() == 2 ? weight.dim(1) : -1)
          + " (got " + shape + " and weight " + weight.shape + ")");
    }
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != weight.dim(0))) {
      throw new IllegalArgumentException("linear: bias must be [" + weight.dim(0) + "] (got " + bias.shape
          + " for weight " + weight.shape + ")");
    }
    Tensor rows = rank() == 2 ? this : reshape(-1, dim(-1));
    if (bias != null) sameDType("linear", this, bias);
    Tensor y = bias != null ? apply(new Linear(), rows, weight, bias) : apply(new MatMul(false, true), rows, weight);
    if (rank() == 2) return y;
    int[] d = dims();
    d[d.length - 1] = weight.dim(0);
    return y.reshape(d);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements, as a scalar. */
  public Tensor sum() { return sum(allAxes(), false); }

  /** Sum over the given axes, which are removed. */
  public Tensor sum(int... axes) { return sum(axes, false); }

  /** Sum over the given axes, kept as size 1 when {@code keepDim}. */
  public Tensor sum(int[] axes, boolean keepDim) {
    return apply(new Sum(Sum.normalize(shape, axes, "sum"), keepDim), this);
  }

  /** Mean of all elements. */
  public Tensor mean() { return mean(allAxes(), false); }

  public Tensor mean(int... axes) { return mean(axes, false); }

  public Tensor mean(int[] axes, boolean keepDim) {
    int[] norm = Sum.normalize(shape, axes, "mean");
    int count = 1;
    for (int a : norm) count *= shape.dim(a);
    return sum(norm, keepDim).div(count);
  }

  /** Largest element. */
  public Tensor max() { return max(allAxes(), false); }

  /** Largest along the given axes; the gradient goes to the maximal elements (shared equally on ties). */
  public Tensor max(int[] axes, boolean keepDim) {
    return apply(new Max(Sum.normalize(shape, axes, "max"), keepDim), this);
  }

  public Tensor max(int axis) { return max(new int[] {axis}, false); }

  /** Index of the largest element along {@code axis} for each position of the other axes, row-major; ties pick the first. */
  public int[] argmax(int axis) {
    int a = shape.axis(axis, "argmax");
    int outer = shape.outer(a), n = shape.dim(a), inner = shape.inner(a);
    if (n == 0) throw new IllegalArgumentException("argmax: axis " + a + " of shape " + shape + " is empty");
    int[] out = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        double bestValue = getRaw(o * n * inner + i);
        for (int k = 1; k < n; k++) {
          double v = getRaw((o * n + k) * inner + i);
          if (v > bestValue || (Double.isNaN(v) && !Double.isNaN(bestValue))) {
            best = k;
            bestValue = v;
          }
        }
        out[o * inner + i] = best;
      }
    }
    return out;
  }

  /** log Σ exp(x) along {@code axis}, computed stably (the maximum is subtracted first). */
  public Tensor logsumexp(int axis, boolean keepDim) {
    int a = shape.axis(axis, "logsumexp");
    Tensor y = apply(new LogSumExp(a), this);
    return keepDim ? y : y.reshape(dropAxis(shape, a));
  }

  /** log softmax along {@code axis}: x - logsumexp(x), stable for any magnitude. */
  public Tensor logSoftmax(int axis) {
    int a = shape.axis(axis, "logSoftmax");
    return sub(apply(new LogSumExp(a), this));
  }

  /** softmax along {@code axis}, computed as exp(logSoftmax) so it never overflows. */
  public Tensor softmax(int axis) {
    return logSoftmax(axis).exp();
  }

  private int[] allAxes() {
    int[] axes = new int[rank()];
    for (int i = 0; i < axes.length; i++) axes[i] = i;
    return axes;
  }

  private static int[] dropAxis(Shape s, int axis) {
    int[] d = new int[s.rank() - 1];
    for (int i = 0, j = 0; i < s.rank(); i++) if (i != axis) d[j++] = s.dim(i);
    return d;
  }

  // ---------------------------------------------------------------- in place (never recorded)

  /** this += alpha * x, in place. For optimizers; not recorded in the graph. */
  public Tensor addInPlace(double alpha, Tensor x) {
    checkInPlace("addInPlace");
    if (!x.shape.equals(shape) || x.dtype != dtype) {
      throw new IllegalArgumentException("addInPlace: operand is " + x.dtype + " " + x.shape
          + ", expected " + dtype + " " + shape);
    }
    Kernels k = KernelProvider.kernels();
    x.storage.axpy(k, alpha, storage, size());
    version[0]++;
    return this;
  }

  /** this *= s, in place. Not recorded. */
  public Tensor mulInPlace(double s) {
    checkInPlace("mulInPlace");
    Kernels k = KernelProvider.kernels();
    storage.scalar(k, ScalarOp.MUL, s, storage, size());
    version[0]++;
    return this;
  }

  /** this += s, in place. Not recorded. */
  public Tensor addInPlace(double s) {
    checkInPlace("addInPlace");
    Kernels k = KernelProvider.kernels();
    storage.scalar(k, ScalarOp.ADD, s, storage, size());
    version[0]++;
    return this;
  }

  /** this *= x elementwise, in place; x has this tensor's shape and dtype. Not recorded. */
  public Tensor mulInPlace(Tensor x) {
    return binaryInPlace("mulInPlace", BinaryOp.MUL, x);
  }

  /** this /= x elementwise, in place; x has this tensor's shape and dtype. Not recorded. */
  public Tensor divInPlace(Tensor x) {
    return binaryInPlace("divInPlace", BinaryOp.DIV, x);
  }

  /** this = √this elementwise, in place. Not recorded. */
  public Tensor sqrtInPlace() {
    checkInPlace("sqrtInPlace");
    Kernels k = KernelProvider.kernels();
    storage.unary(k, UnaryOp.SQRT, storage, size());
    version[0]++;
    return this;
  }

  private Tensor binaryInPlace(String op, BinaryOp kernel, Tensor x) {
    checkInPlace(op);
    if (!x.shape.equals(shape) || x.dtype != dtype) {
      throw new IllegalArgumentException(op + ": operand is " + x.dtype + " " + x.shape
          + ", expected " + dtype + " " + shape);
    }
    Kernels k = KernelProvider.kernels();
    storage.binary(k, kernel, x.storage, storage, size());
    version[0]++;
    return this;
  }

  /** Copies {@code source}'s values into this tensor. Not recorded. */
  public Tensor copyInPlace(Tensor source) {
    checkInPlace("copyInPlace");
    if (!source.shape.equals(shape)) {
      throw new IllegalArgumentException("copyInPlace: source has shape " + source.shape + ", expected " + shape);
    }
    if (source.dtype == dtype) {
      System.arraycopy(source.storage.array(), 0, storage.array(), 0, size());
    } else {
      for (int i = 0; i < size(); i++) setRaw(i, source.getRaw(i));   // converting
    }
    version[0]++;
    return this;
  }

  /** Sets every element to {@code value}. Not recorded. */
  public Tensor fillInPlace(double value) {
    checkInPlace("fillInPlace");
    fillRaw(value);
    version[0]++;
    return this;
  }

  private void checkInPlace(String op) {
    if (requiresGrad && GradMode.isEnabled()) {
      throw new IllegalStateException(op + ": tensor of shape " + shape + " requires grad; modify it "
          + "inside try (var g = GradMode.off()) { ... } (as optimizers do) so the change is not "
          + "mistaken for part of the computation");
    }
  }

  private void fillRaw(double value) {
    storage.fill(value);
  }

  private void setRaw(int i, double value) {
    storage.set(i, value);
  }

  // ---------------------------------------------------------------- persistent gradient buffers (issue 12)

  /** A gradient cleared by {@link #zeroGrad()} that no caller holds: the next backward may overwrite it. */
  private Tensor gradBuffer;
  /** Whether {@link #grad()} handed the current gradient out; then it is never reused nor changed. */
  private boolean gradHandedOut;

  /**
   * The accumulated gradient for use within the current training step only (optimizers,
   * clipping), or {@code null}. Unlike {@link #grad()}, it leaves the storage reusable: the next
   * {@link #zeroGrad()} keeps it and the next backward overwrites it, so do not keep the tensor
   * past {@code zeroGrad()}; call {@link #grad()} for a gradient to keep.
   */
  public Tensor gradForStep() { return grad; }

  /**
   * The storage a backward may write this leaf's whole gradient into, taken from the leaf, or
   * {@code null}: only when the leaf has no gradient yet and {@link #zeroGrad()} kept one.
   */
  Tensor takeGradBuffer() {
    if (gradFn != null || grad != null || gradBuffer == null) return null;
    Tensor b = gradBuffer;
    gradBuffer = null;
    return b;
  }

  /** Whether the gradient may be added to in place: no caller holds it and no graph hangs on it. */
  boolean gradAccumulatesInPlace() {
    return grad != null && !gradHandedOut && grad.gradFn == null;
  }

  /** this += x elementwise (the same rounding as {@link #add(Tensor)}), in place. Engine use. */
  void accumulateInPlace(Tensor x) {
    binaryInPlace("accumulateInPlace", BinaryOp.ADD, x);
  }

  // ---------------------------------------------------------------- printing

  @Override public String toString() {
    StringBuilder sb = new StringBuilder("tensor(");
    if (size() <= 64) {
      appendValues(sb, 0, 0);
    } else {
      sb.append("...");
    }
    sb.append(", shape=").append(shape).append(", ").append(dtype);
    if (gradFn != null) sb.append(", grad_fn=").append(gradFn.fn.name());
    else if (requiresGrad) sb.append(", requiresGrad");
    return sb.append(')').toString();
  }

  private int appendValues(StringBuilder sb, int axis, int offset) {
    if (axis == rank()) {
      double v = getRaw(offset);
      sb.append(dtype == DType.F32 ? Float.toString((float) v) : Double.toString(v));
      return offset + 1;
    }
    sb.append('[');
    for (int i = 0; i < shape.dim(axis); i++) {
      if (i > 0) sb.append(", ");
      offset = appendValues(sb, axis + 1, offset);
    }
    sb.append(']');
    return offset;
  }
}
