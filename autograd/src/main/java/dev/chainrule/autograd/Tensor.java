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
import dev.chainrule.autograd.ops.Contiguous;
import dev.chainrule.autograd.ops.Div;
import dev.chainrule.autograd.ops.Exp;
import dev.chainrule.autograd.ops.Expand;
import dev.chainrule.autograd.ops.Gather;
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
import dev.chainrule.autograd.ops.ScatterAdd;
import dev.chainrule.autograd.ops.Sigmoid;
import dev.chainrule.autograd.ops.Slice;
import dev.chainrule.autograd.ops.Sqrt;
import dev.chainrule.autograd.ops.Step;
import dev.chainrule.autograd.ops.Sub;
import dev.chainrule.autograd.ops.Sum;
import dev.chainrule.autograd.ops.Tanh;
import dev.chainrule.autograd.ops.Where;
import dev.chainrule.autograd.ops.Compute;
import dev.chainrule.autograd.ops.Cos;
import dev.chainrule.autograd.ops.Cumsum;
import dev.chainrule.autograd.ops.Erf;
import dev.chainrule.autograd.ops.Expm1;
import dev.chainrule.autograd.ops.Floor;
import dev.chainrule.autograd.ops.Log1p;
import dev.chainrule.autograd.ops.Round;
import dev.chainrule.autograd.ops.Sign;
import dev.chainrule.autograd.ops.Sin;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of float32 or float64 values that records the operations applied to it
 * so that {@link #backward()} can compute gradients by the chain rule.
 *
 * <p>A tensor is either dense (its storage holds exactly its values, row-major) or a <em>view</em>:
 * a shape, strides and an offset into storage it shares with the tensor it was made from (reshape,
 * permute, transpose, expand, slice, squeeze and unsqueeze return views where they can). A view and
 * its base share one version counter, so an in-place write through either is seen by both and
 * invalidates tensors either saved for backward.
 *
 * <p>Labels and indices are integer tensors ({@link DType#I32}, {@link DType#I64}; see
 * {@link #ofLongs}), which take no gradient and no arithmetic.
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
  /** Shared by tensors that share storage (views, detach), so in-place changes are seen by all. */
  private final int[] version;
  /** Where element [0, ..., 0] sits in {@link #storage}. */
  private final int offset;
  /** Storage steps per dimension (0 along broadcast dimensions), or {@code null} when dense. */
  private final int[] strides;
  private boolean requiresGrad;
  private Tensor grad;
  private Node gradFn;

  private Tensor(Shape shape, Storage storage, int[] version) {
    this.shape = shape;
    this.dtype = storage.dtype();
    this.storage = storage;
    this.version = version;
    this.offset = 0;
    this.strides = null;
  }

  /** A view; stored as dense (strides {@code null}) when the layout is exactly that. */
  private Tensor(Shape shape, Storage storage, int[] version, int offset, int[] strides) {
    this.shape = shape;
    this.dtype = storage.dtype();
    this.storage = storage;
    this.version = version;
    boolean dense = offset == 0 && storage.size() == shape.size() && Layout.rowMajor(shape, strides);
    this.offset = dense ? 0 : offset;
    this.strides = dense ? null : strides;
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

  /** A tensor of zeros of the given dtype and shape. */
  public static Tensor zeros(DType dtype, Shape shape) {
    return new Tensor(shape, FreeStorage.zeros(dtype, shape.size()), new int[1]);
  }

  /** A tensor of zeros of the given dtype and dimensions. */
  public static Tensor zeros(DType dtype, int... dims) { return zeros(dtype, Shape.of(dims)); }

  /** float32 zeros. */
  public static Tensor zeros(int... dims) { return zeros(DType.F32, Shape.of(dims)); }

  /** A tensor of ones of the given dtype and shape. */
  public static Tensor ones(DType dtype, Shape shape) { return full(dtype, shape, 1.0); }

  /** A tensor of ones of the given dtype and dimensions. */
  public static Tensor ones(DType dtype, int... dims) { return full(dtype, Shape.of(dims), 1.0); }

  /** float32 ones. */
  public static Tensor ones(int... dims) { return full(DType.F32, Shape.of(dims), 1.0); }

  /** A tensor of the given dtype and shape with every element {@code value} (rounded to the dtype). */
  public static Tensor full(DType dtype, Shape shape, double value) {
    Tensor t = zeros(dtype, shape);
    if (value != 0.0) t.fillRaw(value);
    return t;
  }

  /** Samples from N(mean, std²), drawn in row-major order from {@code rng}: same seed, same tensor. */
  public static Tensor randn(RandomGenerator rng, DType dtype, double mean, double std, int... dims) {
    requireFloatingPoint("randn", dtype);
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
    requireFloatingPoint("rand", dtype);
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

  /** The shape (dimension sizes). */
  public Shape shape() { return shape; }

  /** The element type. */
  public DType dtype() { return dtype; }

  /** The dimension sizes (a copy). */
  public int[] dims() { return shape.dims(); }

  /** Size of dimension {@code i}; negative counts from the end. */
  public int dim(int i) { return shape.dim(i); }

  /** The number of dimensions (0 for a scalar). */
  public int rank() { return shape.rank(); }

  /** Number of elements. */
  public int size() { return shape.size(); }

  /**
   * The float32 values, row-major: the backing array itself when this tensor is contiguous, else
   * the view's row-major copy, kept for reuse until the storage is written in place (see
   * {@link #storage()}); writing into that copy changes neither the view nor its base. For kernels
   * and operation implementations. Do not modify it unless this tensor is yours alone; use the
   * {@code InPlace} methods otherwise.
   */
  public float[] f32() {
    if (!(storage instanceof Storage.F32)) throw new IllegalStateException("f32: tensor is " + dtype + ", not F32");
    return ((Storage.F32) storage()).a;
  }

  /** The float64 values, row-major; see {@link #f32()}. */
  public double[] f64() {
    if (!(storage instanceof Storage.F64)) throw new IllegalStateException("f64: tensor is " + dtype + ", not F64");
    return ((Storage.F64) storage()).a;
  }

  /**
   * The values, row-major, and their kernel calls: for operation implementations, which call
   * kernels through it without asking the dtype. The shared storage itself when this tensor is
   * {@link #isContiguous() contiguous}; for a view, a row-major copy (the contiguous copy at the
   * door of kernels that read arrays directly), made once and reused until the storage is written
   * in place. Do not modify it.
   */
  public Storage storage() {
    if (strides == null) return storage;
    // Kept until the next in-place write through any alias (the shared version moves on): ops
    // call storage() per row or per batch, and a view saved for backward is read again there.
    ContiguousCopy copy = contiguousCopy;
    int now = version[0];
    if (copy == null || copy.version() != now) {
      copy = new ContiguousCopy(materialize(), now);
      contiguousCopy = copy;
    }
    return copy.storage();
  }

  /**
   * A view's row-major copy made by {@link #storage()}, valid while the shared version is
   * {@code version}. One volatile field holding a record, so a kernel thread that reads the copy
   * made by another (ParallelGemm's blocks) sees its values, not a half-published array.
   */
  private record ContiguousCopy(Storage storage, int version) {}

  private volatile ContiguousCopy contiguousCopy;

  /**
   * Whether this tensor's storage holds exactly its values in row-major order from the start, so
   * {@link #storage()} is that storage and costs nothing. False for most views.
   */
  public boolean isContiguous() { return strides == null; }

  /**
   * The storage this tensor shares with its views, in its own layout ({@link #offset()},
   * {@link #strides()}): for kernels that read views in place. Do not modify it.
   */
  public Storage sharedStorage() { return storage; }

  /** Where element [0, ..., 0] sits in {@link #sharedStorage()} (0 when contiguous). */
  public int offset() { return offset; }

  /** The storage step of each dimension, in elements (0 along a broadcast dimension); a copy. */
  public int[] strides() { return strides == null ? shape.strides() : strides.clone(); }

  /** A fresh row-major copy of a view's values. */
  private Storage materialize() {
    Storage out = Storage.zeros(dtype, size());
    int[][] walk = Layout.merged(shape, strides);
    storage.gather(offset, out, walk[0], walk[1], size());
    return out;
  }

  /** The storage index of row-major element {@code i}. */
  private int physical(int i) {
    if (strides == null) return i;
    int p = offset;
    for (int d = shape.rank() - 1; d >= 0; d--) {
      int n = shape.dim(d);
      p += (i % n) * strides[d];
      i /= n;
    }
    return p;
  }

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
    return storage.get(physical(i));
  }

  /** A float copy of the values, row-major. */
  public float[] toFloatArray() {
    return strides == null ? storage.toFloatArray() : Storage.F32.class.cast(materialize().to(DType.F32)).a;
  }

  /** A double copy of the values, row-major. */
  public double[] toDoubleArray() {
    return strides == null ? storage.toDoubleArray() : Storage.F64.class.cast(materialize().to(DType.F64)).a;
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
    if (requires && !dtype.isFloatingPoint()) {
      throw new IllegalArgumentException("requiresGrad: tensor of shape " + shape + " is " + dtype
          + "; integer tensors hold labels and indices, which have no gradient (only F32 and F64 tensors can"
          + " require grad; convert with to(DType.F32) first if the values are data)");
    }
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
    return new Tensor(shape, strides == null ? storage.copy() : materialize(), new int[1]);
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
    return new Tensor(shape, storage, version, offset, strides);
  }

  /**
   * A tensor outside the graph with this one's values under another shape of the same size: what
   * reshape-like operations return from their forward. It shares this tensor's storage (and
   * version counter) when the layout allows, as always for a contiguous tensor; otherwise it is a
   * fresh copy, as PyTorch's reshape.
   */
  public Tensor viewAs(Shape newShape) {
    checkLength("viewAs", size(), newShape);
    if (strides == null) return new Tensor(newShape, storage, version);
    int[] s = Layout.reshapedStrides(shape, strides, newShape);
    return s != null ? new Tensor(newShape, storage, version, offset, s) : new Tensor(newShape, materialize(), new int[1]);
  }

  /**
   * A view outside the graph with dimensions reordered (view dim i = this dim {@code order[i]}),
   * sharing this tensor's storage: what permute's forward returns. {@code order} is trusted.
   */
  public Tensor permutedView(int[] order) {
    int[] from = strides();
    int[] dims = new int[order.length], s = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      dims[i] = shape.dim(order[i]);
      s[i] = from[order[i]];
    }
    return new Tensor(Shape.of(dims), storage, version, offset, s);
  }

  /**
   * A view outside the graph broadcast to {@code target} (NumPy rules, trusted): stride 0 along
   * every broadcast dimension, so nothing is copied. What expand's forward returns.
   */
  public Tensor expandedView(Shape target) {
    int[] from = strides();
    int lead = target.rank() - rank();
    int[] s = new int[target.rank()];
    for (int i = lead; i < s.length; i++) s[i] = shape.dim(i - lead) == target.dim(i) ? from[i - lead] : 0;
    return new Tensor(target, storage, version, offset, s);
  }

  /**
   * A view outside the graph of every {@code step}-th element of [start, end) along {@code axis}
   * (all trusted, normalised), sharing this tensor's storage: what slice's forward returns.
   */
  public Tensor slicedView(int axis, int start, int end, int step) {
    int[] s = strides();
    int count = end <= start ? 0 : (end - start + step - 1) / step;
    int at = count == 0 ? offset : offset + start * s[axis];
    s[axis] *= step;
    return new Tensor(shape.with(axis, count), storage, version, at, s);
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

  /** this + s elementwise. */
  public Tensor add(double s) { return apply(new ScalarAdd(s), this); }

  /** this - s elementwise. */
  public Tensor sub(double s) { return apply(new ScalarAdd(-s), this); }

  /** s - this. */
  public Tensor rsub(double s) { return apply(new ScalarAdd(s), neg()); }

  /** this · s elementwise. */
  public Tensor mul(double s) { return apply(new ScalarMul(s), this); }

  /** this / s, divided exactly (multiplying by 1/s would round twice, and 1/s can overflow). */
  public Tensor div(double s) { return div(scalar(s, dtype)); }

  /** s / this. */
  public Tensor rdiv(double s) { return pow(-1.0).mul(s); }

  /** -this elementwise. */
  public Tensor neg() { return apply(new Neg(), this); }

  /** this ^ p for a constant exponent. */
  public Tensor pow(double p) { return apply(new PowScalar(p), this); }

  /** this² elementwise (this · this, so the gradient is 2x by the product rule). */
  public Tensor square() { return mul(this); }

  /** eˣ elementwise. */
  public Tensor exp() { return apply(new Exp(), this); }

  /** The natural logarithm elementwise (-infinity at 0, NaN below). */
  public Tensor log() { return apply(new Log(), this); }

  /** The square root elementwise. */
  public Tensor sqrt() { return apply(new Sqrt(), this); }

  /** σ(x) = 1/(1 + e⁻ˣ) elementwise, computed stably for large |x|. */
  public Tensor sigmoid() { return apply(new Sigmoid(), this); }

  /** The hyperbolic tangent elementwise. */
  public Tensor tanh() { return apply(new Tanh(), this); }

  /** max(0, x) elementwise; the gradient at 0 is 0. */
  public Tensor relu() { return apply(new Relu(), this); }

  /** Heaviside step (1 where positive, else 0), for perceptrons: its gradient is zero everywhere. */
  public Tensor step() { return apply(new Step(), this); }

  /** |x| elementwise; the gradient at 0 is 0. */
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

  /** Broadcasts to {@code target} by NumPy's rules (a view: nothing is copied); its backward sums over the expanded dimensions. */
  public Tensor expand(Shape target) {
    if (shape.equals(target)) return this;
    if (!shape.broadcastsTo(target)) {
      throw new IllegalArgumentException("expand: shape " + shape + " cannot be broadcast to " + target);
    }
    return apply(new Expand(target), this);
  }

  /** Broadcasts to the given dimensions (NumPy rules); the gradient sums back to this shape. */
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

  /** Elements [start, end) along {@code axis}; a negative axis, start or end counts from the end. */
  public Tensor slice(int axis, int start, int end) {
    int a = shape.axis(axis, "slice");
    int n = shape.dim(a), from = start < 0 ? start + n : start, to = end < 0 ? end + n : end;
    if (from < 0 || to > n || from > to) {
      throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is outside dim "
          + a + " of shape " + shape);
    }
    return apply(new Slice(a, from, to), this);
  }

  /** Rows {@code indices} of the first dimension, in that order (repeats allowed; negative ones count from the end). */
  public Tensor indexSelect(int[] indices) {
    if (rank() == 0) throw new IllegalArgumentException("indexSelect: needs rank >= 1, got a scalar");
    int[] rows = indices.clone();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < -dim(0) || rows[i] >= dim(0)) {
        throw new IndexOutOfBoundsException("indexSelect: index " + indices[i] + " at position " + i
            + " is outside [-" + dim(0) + ", " + dim(0) + ") for shape " + shape);
      }
      if (rows[i] < 0) rows[i] += dim(0);
    }
    return apply(new IndexSelect(rows), this);
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

  // ---------------------------------------------------------------- convolution and pooling

  /**
   * 2-D convolution (cross-correlation, as PyTorch's F.conv2d) of this [N, C, H, W] input with a
   * [O, C, kH, kW] weight and an optional [O] bias ({@code null} for none), square stride and padding.
   */
  public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
    return conv2d(weight, bias, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, 1);
  }

  /**
   * 2-D convolution with (rows, columns) stride, padding and dilation, and channel groups: the
   * weight is [O, C/groups, kH, kW]; groups = C = O/k is a depthwise convolution.
   */
  public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
    return dev.chainrule.autograd.ops.Conv2d.conv2d(this, weight, bias, stride, padding, dilation, groups);
  }

  /** Max pooling of the last two axes with a square kernel and stride = kernel, no padding. */
  public Tensor maxPool2d(int kernel) {
    return maxPool2d(new int[] {kernel, kernel}, new int[] {kernel, kernel}, new int[] {0, 0});
  }

  /** Max pooling of [N, C, H, W] (or [C, H, W]) with (rows, columns) kernel, stride and padding (at most half the kernel). */
  public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding) {
    return dev.chainrule.autograd.ops.Pool2d.maxPool2d(this, kernel, stride, padding);
  }

  /** Average pooling of the last two axes with a square kernel and stride = kernel, no padding. */
  public Tensor avgPool2d(int kernel) {
    return avgPool2d(new int[] {kernel, kernel}, new int[] {kernel, kernel}, new int[] {0, 0});
  }

  /** Average pooling of [N, C, H, W] (or [C, H, W]); windows over the padding divide by the full kernel size, as PyTorch's default. */
  public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding) {
    return dev.chainrule.autograd.ops.Pool2d.avgPool2d(this, kernel, stride, padding);
  }

  /**
   * Pads with a constant, PyTorch's F.pad order: (before, after) pairs from the last axis back,
   * e.g. {@code pad(new int[] {1, 1, 2, 2}, 0)} adds one column each side and two rows each side.
   */
  public Tensor pad(int[] pads, double value) {
    return dev.chainrule.autograd.ops.Pad.pad(this, pads, value);
  }

  /**
   * Batch normalisation with batch statistics (training mode), PyTorch's F.batch_norm(x, None,
   * None, weight, bias, training=True, eps=eps): for [N, C], [N, C, L] or [N, C, H, W], each
   * channel c is normalised by the mean and biased variance over every axis but 1, then scaled by
   * weight[c] and shifted by bias[c] (either may be {@code null}): y = (x − μ)·(σ² + ε)^(-1/2)·γ + β,
   * the fused primitive {@link dev.chainrule.autograd.ops.BatchNorm}.
   */
  public Tensor batchNorm(Tensor weight, Tensor bias, double eps) {
    return dev.chainrule.autograd.ops.BatchNorm.batchNorm(this, weight, bias, eps);
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

  /** Mean along the given axes, which are removed. */
  public Tensor mean(int... axes) { return mean(axes, false); }

  /** Mean along the given axes, kept as size 1 when {@code keepDim}. */
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

  /** Largest along one axis, which is removed. */
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

  /** softmax along {@code axis}: exp(x - max x), normalised; a fused primitive ({@link dev.chainrule.autograd.ops.Softmax}), so it never overflows. */
  public Tensor softmax(int axis) {
    return apply(new dev.chainrule.autograd.ops.Softmax(shape.axis(axis, "softmax")), this);
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
    Storage target = writable("addInPlace");
    x.storage().axpy(k, alpha, target, size());
    return written(target);
  }

  /** this *= s, in place. Not recorded. */
  public Tensor mulInPlace(double s) {
    checkInPlace("mulInPlace");
    Kernels k = KernelProvider.kernels();
    Storage target = writable("mulInPlace");
    target.scalar(k, ScalarOp.MUL, s, target, size());
    return written(target);
  }

  /** this += s, in place. Not recorded. */
  public Tensor addInPlace(double s) {
    checkInPlace("addInPlace");
    Kernels k = KernelProvider.kernels();
    Storage target = writable("addInPlace");
    target.scalar(k, ScalarOp.ADD, s, target, size());
    return written(target);
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
    Storage target = writable("sqrtInPlace");
    target.unary(k, UnaryOp.SQRT, target, size());
    return written(target);
  }

  private Tensor binaryInPlace(String op, BinaryOp kernel, Tensor x) {
    checkInPlace(op);
    if (!x.shape.equals(shape) || x.dtype != dtype) {
      throw new IllegalArgumentException(op + ": operand is " + x.dtype + " " + x.shape
          + ", expected " + dtype + " " + shape);
    }
    Kernels k = KernelProvider.kernels();
    Storage target = writable(op);
    target.binary(k, kernel, x.storage(), target, size());
    return written(target);
  }

  /** Copies {@code source}'s values into this tensor. Not recorded. */
  public Tensor copyInPlace(Tensor source) {
    checkInPlace("copyInPlace");
    if (!source.shape.equals(shape)) {
      throw new IllegalArgumentException("copyInPlace: source has shape " + source.shape + ", expected " + shape);
    }
    writable("copyInPlace");
    if (source.dtype == dtype && strides == null) {
      System.arraycopy(source.storage().array(), 0, storage.array(), 0, size());
    } else {
      for (int i = 0; i < size(); i++) setRaw(i, source.getRaw(i));   // converting, or into a view
    }
    version[0]++;
    return this;
  }

  /** Sets every element to {@code value}. Not recorded. */
  public Tensor fillInPlace(double value) {
    checkInPlace("fillInPlace");
    writable("fillInPlace");
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

  /**
   * Where an in-place operation computes: the storage itself when contiguous, else a row-major
   * copy of the view's values that {@link #written} puts back. Refuses a broadcast view, whose
   * elements share memory locations (PyTorch refuses it too).
   */
  private Storage writable(String op) {
    if (strides == null) return storage;
    for (int d = 0; d < rank(); d++) {
      if (strides[d] == 0 && shape.dim(d) > 1) {
        throw new IllegalStateException(op + ": tensor of shape " + shape + " is an expanded view whose dimension "
            + d + " repeats one memory location; write into contiguous() (a copy) instead");
      }
    }
    return materialize();
  }

  /** Ends an in-place operation: copies a view's result back into its places and bumps the shared version. */
  private Tensor written(Storage result) {
    if (result != storage) for (int i = 0, n = size(); i < n; i++) storage.set(physical(i), result.get(i));
    version[0]++;
    return this;
  }

  private void fillRaw(double value) {
    if (strides == null) storage.fill(value);
    else for (int i = 0, n = size(); i < n; i++) storage.set(physical(i), value);
  }

  private void setRaw(int i, double value) {
    storage.set(physical(i), value);
  }

  // ================================================================ vocab (issue 19): shape tools and more maths
  // Composites unless a primitive is needed (see ops/): their gradients come from the primitives.

  // ---------------------------------------------------------------- vocab: shape tools

  /** A new axis of size 1 at {@code axis}, which may be -(rank+1)..rank (negative counts from the end of the result). */
  public Tensor unsqueeze(int axis) {
    int a = axis < 0 ? axis + rank() + 1 : axis;
    if (a < 0 || a > rank()) {
      throw new IllegalArgumentException("unsqueeze: axis " + axis + " out of range for shape " + shape
          + " (expected " + -(rank() + 1) + ".." + rank() + ")");
    }
    int[] d = new int[rank() + 1];
    for (int i = 0, j = 0; i < d.length; i++) d[i] = i == a ? 1 : shape.dim(j++);
    return reshape(d);
  }

  /** Removes every axis of size 1. */
  public Tensor squeeze() {
    return reshape(Arrays.stream(dims()).filter(d -> d != 1).toArray());
  }

  /** Removes {@code axis} if its size is 1 (otherwise returns this tensor unchanged, as PyTorch). */
  public Tensor squeeze(int axis) {
    int a = shape.axis(axis, "squeeze");
    return shape.dim(a) == 1 ? reshape(dropAxis(shape, a)) : this;
  }

  /** Consecutive pieces along {@code axis} with the given sizes, which must add up to the axis' length. */
  public Tensor[] split(int axis, int... sizes) {
    int a = shape.axis(axis, "split");
    int total = 0;
    for (int size : sizes) {
      if (size < 0) throw new IllegalArgumentException("split: negative size " + size + " in " + Arrays.toString(sizes));
      total += size;
    }
    if (total != shape.dim(a)) {
      throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + total
          + ", expected dim " + a + " of shape " + shape + " = " + shape.dim(a));
    }
    Tensor[] parts = new Tensor[sizes.length];
    for (int i = 0, start = 0; i < sizes.length; start += sizes[i++]) parts[i] = slice(a, start, start + sizes[i]);
    return parts;
  }

  /** At most {@code chunks} pieces along {@code axis}, each ⌈n/chunks⌉ long except a shorter last one (PyTorch's chunk). */
  public Tensor[] chunk(int chunks, int axis) {
    int a = shape.axis(axis, "chunk");
    if (chunks < 1) throw new IllegalArgumentException("chunk: chunks must be >= 1, got " + chunks);
    int n = shape.dim(a), size = Math.max(1, (n + chunks - 1) / chunks);
    int count = n == 0 ? 1 : (n + size - 1) / size;
    int[] sizes = new int[count];
    for (int i = 0; i < count; i++) sizes[i] = Math.min(size, n - i * size);
    return split(a, sizes);
  }

  /** Every position along {@code axis}, each with that axis removed. */
  public Tensor[] unbind(int axis) {
    int a = shape.axis(axis, "unbind");
    Tensor[] parts = new Tensor[shape.dim(a)];
    for (int i = 0; i < parts.length; i++) parts[i] = slice(a, i, i + 1).squeeze(a);
    return parts;
  }

  /** Tensors of one shape joined along a new axis (-(rank+1)..rank): unsqueeze each, then concat. */
  public static Tensor stack(int axis, Tensor... parts) {
    if (parts.length == 0) throw new IllegalArgumentException("stack: no tensors given");
    Tensor[] lifted = new Tensor[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].shape.equals(parts[0].shape)) {
        throw new IllegalArgumentException("stack: part " + i + " has shape " + parts[i].shape
            + ", expected the shape of part 0, " + parts[0].shape);
      }
      lifted[i] = parts[i].unsqueeze(axis);
    }
    return concat(axis, lifted);   // a negative axis counts from the end of the lifted rank, as wanted
  }

  /** Every {@code step}-th element of [start, end) along {@code axis} (negative axis, start, end count from the end). */
  public Tensor slice(int axis, int start, int end, int step) {
    if (step < 1) throw new IllegalArgumentException("slice: step must be >= 1, got " + step);
    if (step == 1) return slice(axis, start, end);
    int a = shape.axis(axis, "slice");
    int n = shape.dim(a), from = start < 0 ? start + n : start, to = end < 0 ? end + n : end;
    if (from < 0 || to > n || from > to) {
      throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is outside dim "
          + a + " of shape " + shape);
    }
    return apply(new Slice(a, from, to, step), this);
  }

  /** Positions {@code indices} along {@code axis}, in that order (repeats allowed; negative axis and indices count from the end). */
  public Tensor indexSelect(int axis, int[] indices) {
    int a = shape.axis(axis, "indexSelect");
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < -dim(a) || indices[i] >= dim(a)) {
        throw new IndexOutOfBoundsException("indexSelect: index " + indices[i] + " at position " + i
            + " is outside [-" + dim(a) + ", " + dim(a) + ") for axis " + a + " of shape " + shape);
      }
    }
    // The row gather moves whole rows; other axes are brought to the front and back.
    return a == 0 ? indexSelect(indices) : transpose(0, a).indexSelect(indices).transpose(0, a);
  }

  // ---------------------------------------------------------------- vocab: elementwise maths

  /** sin x (radians). */
  public Tensor sin() { return apply(new Sin(), this); }

  /** cos x (radians). */
  public Tensor cos() { return apply(new Cos(), this); }

  /** log(1 + x), accurate near x = 0. */
  public Tensor log1p() { return apply(new Log1p(), this); }

  /** eˣ - 1, accurate near x = 0. */
  public Tensor expm1() { return apply(new Expm1(), this); }

  /** The error function (2/√π)∫₀ˣ e^(-t²) dt. */
  public Tensor erf() { return apply(new Erf(), this); }

  /** -1, 0 or 1; no gradient (it is zero wherever it exists). */
  public Tensor sign() { return apply(new Sign(), this); }

  /** ⌊x⌋; no gradient (zero). */
  public Tensor floor() { return apply(new Floor(), this); }

  /** Nearest integer, ties to even (as PyTorch); no gradient (zero). */
  public Tensor round() { return apply(new Round(), this); }

  /**
   * softplus x = log(1 + eˣ), as PyTorch: x itself above 20 (where they agree to float64
   * precision), else log1p(eˣ) on x clamped to 20, so neither branch overflows.
   */
  public Tensor softplus() {
    Tensor small = Compute.scalar(ScalarOp.LE, detach(), 20.0);
    return where(small, clamp(Double.NEGATIVE_INFINITY, 20.0).exp().log1p(), this);
  }

  /** SiLU (swish): x·σ(x). */
  public Tensor silu() { return mul(sigmoid()); }

  /** GELU, exact form: x·Φ(x) = ½x(1 + erf(x/√2)). */
  public Tensor gelu() { return mul(0.5).mul(mul(0.7071067811865476).erf().add(1.0)); }

  /** GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (PyTorch's approximate="tanh"). */
  public Tensor geluTanh() {
    Tensor inner = add(pow(3.0).mul(0.044715)).mul(0.7978845608028654);
    return mul(0.5).mul(inner.tanh().add(1.0));
  }

  /** x where x &gt; 0, else slope·x (the gradient at 0 is slope, as PyTorch). */
  public Tensor leakyRelu(double slope) {
    return where(Compute.unary(UnaryOp.STEP, detach()), this, mul(slope));
  }

  /** ELU: x where x &gt; 0, else α(eˣ - 1); eˣ is taken of min(x, 0) so the unused branch cannot overflow. */
  public Tensor elu(double alpha) {
    return where(Compute.unary(UnaryOp.STEP, detach()), this, clamp(Double.NEGATIVE_INFINITY, 0.0).expm1().mul(alpha));
  }

  // ---------------------------------------------------------------- vocab: reductions

  /** Smallest element. */
  public Tensor min() { return min(allAxes(), false); }

  /** Smallest along the given axes: -max(-x), so the gradient goes to the minimal elements (shared on ties). */
  public Tensor min(int[] axes, boolean keepDim) { return neg().max(axes, keepDim).neg(); }

  /** Smallest along one axis, which is removed. */
  public Tensor min(int axis) { return min(new int[] {axis}, false); }

  /** Index of the smallest element along {@code axis} for each position of the other axes, row-major; ties pick the first. */
  public int[] argmin(int axis) {
    try (var off = GradMode.off()) {
      return detach().neg().argmax(axis);
    }
  }

  /** Variance over all elements with Bessel's correction (divides by n - 1), as PyTorch's default. */
  public Tensor var() { return var(allAxes(), 1, false); }

  /**
   * Variance over {@code axes}: Σ(x - mean)²/(n - correction), two-pass (the mean is subtracted
   * first, so no cancellation); correction 0 is the population variance, 1 the sample variance.
   */
  public Tensor var(int[] axes, int correction, boolean keepDim) {
    int[] norm = Sum.normalize(shape, axes, "var");
    int count = 1;
    for (int a : norm) count *= shape.dim(a);
    if (count - correction <= 0) {
      throw new IllegalArgumentException("var: " + count + " elements over axes " + Arrays.toString(norm)
          + " of shape " + shape + " with correction " + correction + "; need more than " + correction);
    }
    return sub(mean(norm, true)).square().sum(norm, keepDim).div(count - correction);
  }

  /** Standard deviation over all elements with Bessel's correction. */
  public Tensor std() { return var().sqrt(); }

  /** √var over {@code axes} (see {@link #var(int[], int, boolean)}); its gradient is infinite where the variance is 0. */
  public Tensor std(int[] axes, int correction, boolean keepDim) { return var(axes, correction, keepDim).sqrt(); }

  /** Euclidean (Frobenius) norm of all elements, √Σx². NOTE: its gradient at x = 0 is NaN (PyTorch returns 0 there). */
  public Tensor norm() { return square().sum().sqrt(); }

  /** Euclidean norm over {@code axes}, √Σx² (see {@link #norm()}). */
  public Tensor norm(int[] axes, boolean keepDim) { return square().sum(axes, keepDim).sqrt(); }

  /** Product of all elements. */
  public Tensor prod() { return reshape(size()).prod(0, false); }

  /**
   * Product along {@code axis}, as a tree of halving multiplications (log₂ n {@code mul}s): exact
   * with zeros, unlike exp Σ log or y/x, and differentiable to any order for free.
   */
  public Tensor prod(int axis, boolean keepDim) {
    int a = shape.axis(axis, "prod");
    if (shape.dim(a) == 0) {
      Tensor one = ones(dtype, shape.with(a, 1));
      return keepDim ? one : one.reshape(dropAxis(shape, a));
    }
    Tensor x = this;
    while (x.dim(a) > 1) {
      int n = x.dim(a), half = n / 2;
      Tensor paired = x.slice(a, 0, half).mul(x.slice(a, half, 2 * half));
      x = n % 2 == 0 ? paired : concat(a, paired, x.slice(a, 2 * half, n));
    }
    return keepDim ? x : x.reshape(dropAxis(shape, a));
  }

  /** Running sum along {@code axis}: y[k] = Σ_{j≤k} x[j]. */
  public Tensor cumsum(int axis) {
    return apply(new Cumsum(shape.axis(axis, "cumsum"), false), this);
  }

  /**
   * The values along {@code axis} in ascending (or descending) order, and where each came from.
   * Stable: equal values keep their order; NaN sorts above every number (as PyTorch). The values
   * are gathered with {@link #indexSelect}, so gradients flow back to their original positions.
   */
  public Sorted sort(int axis, boolean descending) {
    int a = shape.axis(axis, "sort");
    int outer = shape.outer(a), n = shape.dim(a), inner = shape.inner(a);
    int[] flat = new int[size()];
    Tensor positions = zeros(DType.I64, shape);
    Integer[] order = new Integer[n];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        for (int k = 0; k < n; k++) order[k] = k;
        java.util.Comparator<Integer> ascending = (p, q) -> compareForSort(getRaw(base + p * inner), getRaw(base + q * inner));
        Arrays.sort(order, descending ? (p, q) -> ascending.compare(q, p) : ascending);  // merge sort: stable
        for (int k = 0; k < n; k++) {
          flat[base + k * inner] = base + order[k] * inner;
          positions.setRaw(base + k * inner, order[k]);
        }
      }
    }
    return new Sorted(reshape(size()).indexSelect(flat).reshape(dims()), positions);
  }

  /** Numbers in order, -0.0 equal to 0.0, NaN above everything (and equal to NaN). */
  private static int compareForSort(double u, double v) {
    if (u < v) return -1;
    if (u > v) return 1;
    return Boolean.compare(Double.isNaN(u), Double.isNaN(v));
  }

  /** The {@code k} largest (or smallest) values along {@code axis}, in that order, and their positions. */
  public Sorted topk(int k, int axis, boolean largest) {
    int a = shape.axis(axis, "topk");
    if (k < 0 || k > shape.dim(a)) {
      throw new IllegalArgumentException("topk: k = " + k + " is outside [0, " + shape.dim(a) + "] for dim " + a + " of shape " + shape);
    }
    Sorted all = sort(a, largest);
    return new Sorted(all.values().slice(a, 0, k), all.indices().slice(a, 0, k));
  }

  // ---------------------------------------------------------------- sequences and attention (seq)

  /**
   * PyTorch's {@code gather}: y[p] = this[p with p[axis] = index[p]], so y has index's shape.
   * {@code index} is an integer tensor (I64 or I32) of values in [0, dim(axis)), has this tensor's
   * rank and no larger a size on the other axes; a negative axis counts from the end. The
   * gradient is {@link #scatterAdd} of dy, and vice versa.
   */
  public Tensor gather(int axis, Tensor index) {
    int a = shape.axis(axis, "gather");
    checkIndexShape("gather", a, index.shape, "input", shape);
    return apply(new Gather(a, indexValues("gather", index, a, shape), index.shape), this);
  }

  /**
   * PyTorch's {@code scatter_add}: this plus {@code src} added at y[p with p[axis] = index[p]]
   * (repeated targets accumulate). {@code src} has index's shape; {@code index} follows the rules
   * of {@link #gather}. Differentiable in this tensor (dy) and in {@code src} (dy gathered).
   */
  public Tensor scatterAdd(int axis, Tensor index, Tensor src) {
    sameDType("scatterAdd", this, src);
    int a = shape.axis(axis, "scatterAdd");
    if (!src.shape.equals(index.shape)) {
      throw new IllegalArgumentException("scatterAdd: src has shape " + src.shape + " but index has shape "
          + index.shape + "; they must agree");
    }
    checkIndexShape("scatterAdd", a, index.shape, "self", shape);
    int[] values = indexValues("scatterAdd", index, a, shape);
    return add(apply(new ScatterAdd(a, values, index.shape, shape), src));
  }

  /**
   * An embedding lookup, PyTorch's {@code F.embedding(indices, weight)} with this tensor as the
   * [vocabulary, features] weight: row {@code indices[...]} for every index, shape
   * indices.shape + [features], for an integer tensor (I64 or I32) of indices in [0, vocabulary).
   * The gradient adds dy rows into the used rows only (no one-hot).
   */
  public Tensor embedding(Tensor indices) {
    if (rank() != 2) throw new IllegalArgumentException("embedding: weight must be [vocabulary, features], got " + shape);
    int[] rows = indexValues("embedding", indices, 0, shape);
    int[] outDims = java.util.Arrays.copyOf(indices.dims(), indices.rank() + 1);
    outDims[indices.rank()] = dim(1);
    return apply(new IndexSelect(rows), this).reshape(outDims);
  }

  /**
   * PyTorch's {@code masked_fill}: {@code value} where {@code mask} is nonzero, this elsewhere;
   * the mask (of any dtype: an I32/I64 or float tensor of 0s and 1s) broadcasts to this shape and
   * is a constant. A value of -infinity before a softmax
   * masks attention scores; the gradient at filled entries is exactly zero.
   */
  public Tensor maskedFill(Tensor mask, double value) {
    if (!mask.shape.broadcastsTo(shape)) {
      throw new IllegalArgumentException("maskedFill: mask of shape " + mask.shape + " does not broadcast to " + shape);
    }
    return where(mask.to(dtype), scalar(value, dtype), this);
  }

  /**
   * Layer normalisation over the last {@code normalizedDims} axes, PyTorch's {@code F.layer_norm}:
   * (x - mean) / sqrt(var + eps), var biased, then times {@code weight} plus {@code bias} (each of
   * the normalised shape, or {@code null} for none). A fused primitive
   * ({@link dev.chainrule.autograd.ops.LayerNorm}): two passes for a row's statistics and one for y.
   */
  public Tensor layerNorm(int normalizedDims, Tensor weight, Tensor bias, double eps) {
    if (normalizedDims < 1 || normalizedDims > rank()) {
      throw new IllegalArgumentException("layerNorm: normalizedDims " + normalizedDims + " must be in [1, " + rank()
          + "] for shape " + shape);
    }
    Shape normalized = Shape.of(java.util.Arrays.copyOfRange(dims(), rank() - normalizedDims, rank()));
    for (Tensor p : new Tensor[] {weight, bias}) {
      if (p != null && !p.shape.equals(normalized)) {
        throw new IllegalArgumentException("layerNorm: weight and bias must have the normalised shape " + normalized
            + ", got " + p.shape);
      }
    }
    if (weight != null) sameDType("layerNorm", this, weight);
    if (bias != null) sameDType("layerNorm", this, bias);
    return apply(new dev.chainrule.autograd.ops.LayerNorm(normalizedDims, eps), this,
        weight != null ? weight : ones(dtype, normalized), bias != null ? bias : zeros(dtype, normalized));
  }

  /** Index shape rules of gather and scatterAdd: same rank, no larger on the axes other than {@code axis}. */
  private static void checkIndexShape(String op, int axis, Shape index, String what, Shape target) {
    boolean fits = index.rank() == target.rank();
    for (int d = 0; fits && d < target.rank(); d++) fits = d == axis || index.dim(d) <= target.dim(d);
    if (!fits) {
      throw new IllegalArgumentException(op + ": index of shape " + index + " must have the rank of " + what + " "
          + target + " and no larger a size on every axis but " + axis);
    }
  }

  /** The values of the integer tensor {@code index}, each checked to lie in [0, dim(axis)) of {@code target}. */
  private static int[] indexValues(String op, Tensor index, int axis, Shape target) {
    return indexValues(op, index, axis, target, false);
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

  // ---------------------------------------------------------------- seqspeed: fused sequence primitives (issue 11)

  /**
   * The pointwise half of an LSTM step ({@link dev.chainrule.autograd.ops.LstmCell}): this tensor
   * holds the gate pre-activations [batch, 4·hidden] in PyTorch's order i, f, g, o, {@code cell}
   * the cell state c [batch, hidden]; returns [h' | c'] [batch, 2·hidden] with
   * c' = σ(f)·c + σ(i)·tanh(g) and h' = σ(o)·tanh(c'). One fused operation instead of a dozen.
   */
  public Tensor lstmCell(Tensor cell) {
    sameDType("lstmCell", this, cell);
    if (rank() != 2 || cell.rank() != 2 || dim(0) != cell.dim(0) || dim(1) != 4 * cell.dim(1)) {
      throw new IllegalArgumentException("lstmCell: gates must be [batch, 4*hidden] and the cell state [batch, hidden] (got "
          + shape + " and " + cell.shape + ")");
    }
    return apply(new dev.chainrule.autograd.ops.LstmCell(), this, cell);
  }

  /**
   * Multi-head attention's head split: this [batch, length, heads·d] as [batch, heads, length, d]
   * (the same values as {@code reshape(batch, length, heads, d).permute(0, 2, 1, 3)}), or, when
   * {@code transposed}, as [batch, heads, d, length] (the keys of q·kᵀ). One row copy per head.
   */
  public Tensor splitHeads(int heads, boolean transposed) {
    if (rank() != 3 || heads <= 0 || dim(2) % heads != 0) {
      throw new IllegalArgumentException("splitHeads: input must be [batch, length, heads*d] with " + heads
          + " heads dividing its last dimension (got " + shape + ")");
    }
    return apply(new dev.chainrule.autograd.ops.SplitHeads(heads, transposed, false), this);
  }

  /** The inverse of {@link #splitHeads}: this [batch, heads, length, d] as [batch, length, heads·d]. */
  public Tensor mergeHeads() {
    if (rank() != 4) throw new IllegalArgumentException("mergeHeads: input must be [batch, heads, length, d] (got " + shape + ")");
    return apply(new dev.chainrule.autograd.ops.SplitHeads(dim(1), false, true), this);
  }

  // ---------------------------------------------------------------- views (issue 19)

  /**
   * This tensor when it is {@link #isContiguous() contiguous}, else its values copied into storage
   * of their own, row-major (recorded: the gradient passes through unchanged). Writes into the
   * result are not seen by this tensor.
   */
  public Tensor contiguous() {
    return isContiguous() ? this : apply(new Contiguous(), this);
  }

  /**
   * Declares that nothing but the graph holds this result, so that once a backward has run the
   * operation that made it, its storage may be reused for later tensors (no garbage per step).
   * For containers that pass a layer's output straight to the next layer and drop it
   * ({@code Sequential} does, between built-in layers without forward hooks); do not call it on
   * a tensor anyone keeps. Freed only when that backward frees the graph (no retainGraph), nothing
   * watches (no hooks, create-graph or forward mode) and the result is not a view of its inputs;
   * its version is then bumped, so a saved reference still in some other graph fails loudly
   * instead of reading reused values. Does nothing for a tensor no operation recorded.
   *
   * @return this tensor
   */
  public Tensor freeAfterBackward() {
    if (gradFn != null) gradFn.freeOutputAfterBackward(this);
    return this;
  }

  /** Gives this tensor's storage to {@link FreeStorage}, bumping its version first. Engine use. */
  void freeStorage() {
    version[0]++;
    FreeStorage.give(this);
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
      sb.append(storage.format(physical(offset)));
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

  // ---------------------------------------------------------------- dtype-neutral values (issue 18: one dtype dispatch point)

  /** A tensor of {@code dtype} holding {@code values} rounded to it, with the given shape. */
  public static Tensor of(DType dtype, double[] values, int... dims) {
    Shape s = Shape.of(dims);
    checkLength("of", values.length, s);
    return new Tensor(s, Storage.of(dtype, values), new int[1]);
  }

  /** A copy of the values in this tensor's own dtype: a {@code float[]} for F32, a {@code double[]} for F64. */
  public Object toArray() {
    return strides == null ? storage.copy().array() : materialize().array();
  }

  /** The values as little-endian IEEE 754 bytes, row-major (the layout of safetensors and ONNX raw data). */
  public byte[] toLittleEndianBytes() {
    return storage().toLittleEndianBytes();
  }

  // ================================================================ transposed convolution (cnnex, issue 10 examples)

  /**
   * 2-D transposed convolution, PyTorch's F.conv_transpose2d: this [N, Cin, H, W] input with a
   * [Cin, Cout/groups, kH, kW] weight and an optional [Cout] bias ({@code null} for none) gives
   * [N, Cout, H', W'], H' = (H − 1)·stride − 2·padding + dilation·(kH − 1) + outputPadding + 1.
   * It is the input gradient (adjoint) of {@link #conv2d} with the same hyperparameters, so stride
   * 2 upsamples; {@code outputPadding} (below the stride) picks among the output sizes that a
   * strided convolution maps to the same H. Each array holds (rows, columns). The bias is added
   * as an expanded [1, Cout, 1, 1] tensor, so its gradient is a sum.
   */
  public Tensor convTranspose2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                int[] dilation, int groups) {
    String shapes = " (got " + shape + " and weight " + weight.shape() + (bias == null ? "" : " and bias " + bias.shape()) + ")";
    if (rank() != 4) throw new IllegalArgumentException("convTranspose2d: input must be [batch, channels, height, width]" + shapes);
    if (weight.rank() != 4) {
      throw new IllegalArgumentException("convTranspose2d: weight must be [in, out/groups, kernelH, kernelW]" + shapes);
    }
    if (dtype != weight.dtype() || (bias != null && bias.dtype() != dtype)) {
      throw new IllegalArgumentException("convTranspose2d: dtypes differ, " + dtype + " input, " + weight.dtype() + " weight"
          + (bias == null ? "" : ", " + bias.dtype() + " bias"));
    }
    int[][] pairs = {stride, padding, outputPadding, dilation};
    String[] names = {"stride", "padding", "outputPadding", "dilation"};
    for (int i = 0; i < pairs.length; i++) {
      int min = i == 0 || i == 3 ? 1 : 0;
      if (pairs[i].length != 2 || pairs[i][0] < min || pairs[i][1] < min) {
        throw new IllegalArgumentException("convTranspose2d: " + names[i] + " must be two integers >= " + min + ", got "
            + java.util.Arrays.toString(pairs[i]) + shapes);
      }
    }
    if (outputPadding[0] >= stride[0] || outputPadding[1] >= stride[1]) {
      throw new IllegalArgumentException("convTranspose2d: outputPadding " + java.util.Arrays.toString(outputPadding)
          + " must be below the stride " + java.util.Arrays.toString(stride) + shapes);
    }
    if (groups < 1 || weight.dim(0) % groups != 0) {
      throw new IllegalArgumentException("convTranspose2d: groups " + groups + " must be positive and divide the "
          + weight.dim(0) + " input channels" + shapes);
    }
    if (dim(1) != weight.dim(0)) {
      throw new IllegalArgumentException("convTranspose2d: input has " + dim(1) + " channels, expected " + weight.dim(0) + shapes);
    }
    int outChannels = weight.dim(1) * groups;
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != outChannels)) {
      throw new IllegalArgumentException("convTranspose2d: bias must be [" + outChannels + "]" + shapes);
    }
    int height = (dim(2) - 1) * stride[0] - 2 * padding[0] + dilation[0] * (weight.dim(2) - 1) + outputPadding[0] + 1;
    int width = (dim(3) - 1) * stride[1] - 2 * padding[1] + dilation[1] * (weight.dim(3) - 1) + outputPadding[1] + 1;
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("convTranspose2d: the output would be " + height + "x" + width
          + "; the padding is too large for this input and kernel" + shapes);
    }
    var params = new dev.chainrule.autograd.ops.Conv2d.Params(stride[0], stride[1], padding[0], padding[1],
        dilation[0], dilation[1], groups);
    Tensor y = apply(new dev.chainrule.autograd.ops.ConvTranspose2d(params, height, width), this, weight);
    return bias == null ? y : y.add(bias.reshape(1, outChannels, 1, 1));
  }

  // ================================================================ integer dtype (intdtype): labels and indices
  // I32/I64 tensors: made, reshaped, sliced, gathered, converted and used as indices; no gradient, no arithmetic.

  /** An I32 tensor holding a copy of {@code values}, with the given shape (PyTorch's {@code torch.tensor(v, dtype=torch.int32)}). */
  public static Tensor ofInts(int[] values, int... dims) {
    Shape s = Shape.of(dims);
    checkLength("ofInts", values.length, s);
    return new Tensor(s, Storage.wrap(values.clone()), new int[1]);
  }

  /** An I64 tensor holding a copy of {@code values}, with the given shape: class labels and indices, as PyTorch's {@code torch.long}. */
  public static Tensor ofLongs(long[] values, int... dims) {
    Shape s = Shape.of(dims);
    checkLength("ofLongs", values.length, s);
    return new Tensor(s, Storage.wrap(values.clone()), new int[1]);
  }

  /** Whether the dtype is F32 or F64 (only those do arithmetic and take gradients). */
  public boolean isFloatingPoint() { return dtype.isFloatingPoint(); }

  /**
   * The values as ints, row-major (a copy): an integer tensor's exactly; a float tensor's
   * truncated toward zero, as {@code to(DType.I32)}.
   *
   * @throws IllegalArgumentException for a value outside the int range, NaN or infinite
   */
  public int[] toIntArray() {
    return (int[]) storage().to(DType.I32).array();
  }

  /** The values as longs, row-major (a copy); see {@link #toIntArray()}. */
  public long[] toLongArray() {
    return (long[]) storage().to(DType.I64).array();
  }

  /**
   * PyTorch's {@code index_select}: positions {@code index} along {@code axis}, in that order, for
   * a rank-0 or rank-1 integer tensor (I64 or I32); repeats are allowed and negative values count
   * from the end, as in {@link #indexSelect(int, int[])}.
   */
  public Tensor indexSelect(int axis, Tensor index) {
    int a = shape.axis(axis, "indexSelect");
    if (index.rank() > 1) {
      throw new IllegalArgumentException("indexSelect: index must be rank 0 or 1, got shape " + index.shape);
    }
    return indexSelect(a, indexValues("indexSelect", index, a, shape, true));
  }

  /**
   * PyTorch's {@code take}: this tensor read as if flat, at the positions in the integer tensor
   * {@code index} (I64 or I32; negative values count from the end), shaped like {@code index}.
   * Differentiable in this tensor: the gradient is added back at the positions taken.
   */
  public Tensor take(Tensor index) {
    int[] positions = indexValues("take", index, 0, Shape.of(size()), true);
    for (int i = 0; i < positions.length; i++) if (positions[i] < 0) positions[i] += size();
    return reshape(size()).indexSelect(positions).reshape(index.dims());
  }

  /** Refuses an integer dtype where samples of a distribution are asked for (PyTorch refuses them too). */
  private static void requireFloatingPoint(String op, DType dtype) {
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": " + dtype + " is an integer type; draw F32 or F64 samples"
          + " (and convert with to(" + dtype + ") if whole numbers are wanted)");
    }
  }

  /** Refuses a floating-point tensor where indices are expected, saying how to make an integer one. */
  private static void requireIndices(String op, String what, Tensor t) {
    if (t.dtype.isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": " + what + " is " + t.dtype + " " + t.shape
          + "; indices must be an integer tensor (I64 or I32): make one with Tensor.ofLongs or Tensor.ofInts,"
          + " or convert with " + what + ".to(DType.I64)");
    }
  }

  /**
   * The values of the integer tensor {@code index}, each checked to lie in [0, dim(axis)) of
   * {@code target}, or in [-dim(axis), dim(axis)) when {@code negativeAllowed} (kept negative).
   */
  private static int[] indexValues(String op, Tensor index, int axis, Shape target, boolean negativeAllowed) {
    requireIndices(op, "index", index);
    int bound = target.dim(axis), lowest = negativeAllowed ? -bound : 0;
    int[] out = new int[index.size()];
    for (int i = 0; i < out.length; i++) {
      double v = index.getRaw(i);   // exact up to 2⁵³, and anything larger is out of range anyway
      if (v < lowest || v >= bound) {
        throw new IndexOutOfBoundsException(op + ": index " + (long) v + " at " + coordinates(index.shape, i)
            + " of the index " + index.shape + " is outside [" + lowest + ", " + bound + ") for axis " + axis
            + " of shape " + target);
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** Row-major position {@code flat} of {@code s} as coordinates, e.g. "[1, 0]". */
  private static String coordinates(Shape s, int flat) {
    int[] c = new int[s.rank()];
    for (int d = s.rank() - 1; d >= 0; d--) {
      c[d] = flat % s.dim(d);
      flat /= s.dim(d);
    }
    return Arrays.toString(c);
  }
}
