package dev.chainrule.autograd.check;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.ops.*;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One small float64 case per built-in primitive, applying exactly that primitive, with inputs
 * kept off its kinks, ties and poles. Shape-dependent op parameters are built from the inputs,
 * so the same function runs on one example of a batch. Shared by the forward-mode and contract
 * tests; {@link #forEveryPrimitive} fails when a primitive has no case.
 */
public final class PrimitiveCases {
  private PrimitiveCases() {}

  /**
   * f applied to inputs ++ params; {@code constants} index non-differentiable inputs;
   * {@code batchAxis} &lt; 0 means the case is not batched along any axis.
   */
  public record Case(String name, Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor[] params,
                     int[] constants, int batchAxis, int outputBatchAxis) {
    Tensor[] all() {
      Tensor[] a = new Tensor[inputs.length + params.length];
      System.arraycopy(inputs, 0, a, 0, inputs.length);
      System.arraycopy(params, 0, a, inputs.length, params.length);
      return a;
    }

    public LayerContract contract() {
      LayerContract c = LayerContract.of(name, f).inputs(inputs).params(params).constant(constants);
      return batchAxis >= 0 ? c.batchAxis(batchAxis, outputBatchAxis) : c;
    }

    @Override public String toString() { return name; }
  }

  private static final Tensor[] NONE = new Tensor[0];
  private static final int[] NO_CONSTANTS = new int[0];

  /** Every {@link Primitive} with its case, in {@code permits} order; throws naming any primitive left out. */
  public static Map<Class<?>, Case> forEveryPrimitive() {
    Map<Class<?>, Case> all = all();
    Map<Class<?>, Case> ordered = new LinkedHashMap<>();
    for (Class<?> p : Primitive.class.getPermittedSubclasses()) {
      Case c = all.get(p);
      if (c == null) throw new AssertionError("primitive " + p.getSimpleName() + " has no case in PrimitiveCases");
      ordered.put(p, c);
    }
    return ordered;
  }

  private static Map<Class<?>, Case> all() {
    SplittableRandom r = new SplittableRandom(7);
    Map<Class<?>, Case> m = new LinkedHashMap<>();
    m.put(Abs.class, unary("abs", new Abs(), awayFromZero(r, 3, 4)));
    m.put(Add.class, binary("add", new Add(), uniform(r, -1, 1, 3, 4), uniform(r, -1, 1, 3, 4)));
    m.put(Cast.class, unary("cast", new Cast(DType.F64), uniform(r, -1, 1, 3, 4)));
    m.put(Clamp.class, unary("clamp", new Clamp(-0.5, 0.5), awayFrom(r, new double[] {-0.5, 0.5}, 3, 4)));
    m.put(Concat.class, batched("concat", in -> Tensor.apply(new Concat(1), in),
        uniform(r, -1, 1, 3, 2), uniform(r, -1, 1, 3, 3)));
    m.put(Div.class, binary("div", new Div(), uniform(r, -1, 1, 3, 4), uniform(r, 0.5, 2, 3, 4)));
    m.put(Exp.class, unary("exp", new Exp(), uniform(r, -2, 2, 3, 4)));
    m.put(Expand.class, batched("expand", in -> Tensor.apply(new Expand(in[0].shape().with(1, 4)), in[0]),
        uniform(r, -1, 1, 3, 1)));
    m.put(IndexAdd.class, new Case("indexAdd", in -> Tensor.apply(new IndexAdd(new int[] {2, 0, 2}, 4), in[0]),
        new Tensor[] {uniform(r, -1, 1, 3, 2)}, NONE, NO_CONSTANTS, 1, 1));
    m.put(IndexSelect.class, new Case("indexSelect", in -> Tensor.apply(new IndexSelect(new int[] {2, 0, 2, 3}), in[0]),
        new Tensor[] {uniform(r, -1, 1, 4, 3)}, NONE, NO_CONSTANTS, 1, 1));
    m.put(Log.class, unary("log", new Log(), uniform(r, 0.5, 2, 3, 4)));
    m.put(LogSumExp.class, unary("logsumexp", new LogSumExp(1), uniform(r, -2, 2, 3, 4)));
    m.put(Linear.class, new Case("linear", in -> Tensor.apply(new Linear(), in),
        new Tensor[] {uniform(r, -1, 1, 3, 4)}, new Tensor[] {uniform(r, -1, 1, 2, 4), uniform(r, -1, 1, 2)},
        NO_CONSTANTS, 0, 0));
    m.put(MatMul.class, new Case("matmul", in -> Tensor.apply(new MatMul(false, false), in),
        new Tensor[] {uniform(r, -1, 1, 3, 4)}, new Tensor[] {uniform(r, -1, 1, 4, 2)}, NO_CONSTANTS, 0, 0));
    m.put(Max.class, unary("max", new Max(new int[] {1}, false), distinct(r, 3, 4)));
    Tensor[] apart = apart(r, 3, 4);
    m.put(Maximum.class, binary("maximum", new Maximum(), apart[0], apart[1]));
    m.put(Minimum.class, binary("minimum", new Minimum(), apart[1], apart[0]));
    m.put(Mul.class, binary("mul", new Mul(), uniform(r, -1, 1, 3, 4), uniform(r, -1, 1, 3, 4)));
    m.put(Neg.class, unary("neg", new Neg(), uniform(r, -1, 1, 3, 4)));
    m.put(Permute.class, unary("permute", new Permute(new int[] {0, 2, 1}), uniform(r, -1, 1, 2, 3, 4)));
    m.put(Pow.class, binary("pow", new Pow(), uniform(r, 0.5, 2, 3, 4), uniform(r, -1.5, 1.5, 3, 4)));
    m.put(PowScalar.class, unary("powScalar", new PowScalar(3.0), uniform(r, -1.5, 1.5, 3, 4)));
    m.put(Relu.class, unary("relu", new Relu(), awayFromZero(r, 3, 4)));
    m.put(Reshape.class, batched("reshape", in -> Tensor.apply(new Reshape(Shape.of(in[0].dim(0), 2, 2)), in[0]),
        uniform(r, -1, 1, 3, 4)));
    m.put(ScalarAdd.class, unary("scalarAdd", new ScalarAdd(0.5), uniform(r, -1, 1, 3, 4)));
    m.put(ScalarMul.class, unary("scalarMul", new ScalarMul(-1.5), uniform(r, -1, 1, 3, 4)));
    m.put(Sigmoid.class, unary("sigmoid", new Sigmoid(), uniform(r, -3, 3, 3, 4)));
    m.put(Slice.class, unary("slice", new Slice(1, 1, 3), uniform(r, -1, 1, 3, 4)));
    m.put(Sqrt.class, unary("sqrt", new Sqrt(), uniform(r, 0.5, 2, 3, 4)));
    m.put(Step.class, unary("step", new Step(), awayFromZero(r, 3, 4)));
    m.put(Sub.class, binary("sub", new Sub(), uniform(r, -1, 1, 3, 4), uniform(r, -1, 1, 3, 4)));
    m.put(Sum.class, unary("sum", new Sum(new int[] {1}, false), uniform(r, -1, 1, 3, 4)));
    m.put(Tanh.class, unary("tanh", new Tanh(), uniform(r, -2, 2, 3, 4)));
    m.put(Unslice.class, unary("unslice", new Unslice(1, 1, 5), uniform(r, -1, 1, 3, 2)));
    m.put(Where.class, new Case("where", in -> Tensor.apply(new Where(), in),
        new Tensor[] {mask(r, 3, 4), uniform(r, -1, 1, 3, 4), uniform(r, -1, 1, 3, 4)}, NONE,
        new int[] {0}, 0, 0));
    return m;
  }

  private static Case unary(String name, dev.chainrule.autograd.Function op, Tensor x) {
    return batched(name, in -> Tensor.apply(op, in[0]), x);
  }

  private static Case binary(String name, dev.chainrule.autograd.Function op, Tensor a, Tensor b) {
    return batched(name, in -> Tensor.apply(op, in[0], in[1]), a, b);
  }

  /** Batched along axis 0 of every input and of the output. */
  private static Case batched(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
    return new Case(name, f, inputs, NONE, NO_CONSTANTS, 0, 0);
  }

  public static Tensor uniform(SplittableRandom r, double lo, double hi, int... dims) {
    double[] d = new double[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) d[i] = r.nextDouble(lo, hi);
    return Tensor.of(d, dims);
  }

  /** Values with 0.2 ≤ |x| ≤ 1.5. */
  static Tensor awayFromZero(SplittableRandom r, int... dims) {
    return awayFrom(r, new double[] {0.0}, dims);
  }

  /** Values in [-1.5, 1.5] at least 0.1 from each of {@code points}. */
  static Tensor awayFrom(SplittableRandom r, double[] points, int... dims) {
    double[] d = new double[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      double v;
      boolean near;
      do {
        v = r.nextDouble(-1.5, 1.5);
        near = false;
        for (double p : points) near |= Math.abs(v - p) < 0.2;
      } while (near);
      d[i] = v;
    }
    return Tensor.of(d, dims);
  }

  /** A random permutation of well-separated values: no ties for max. */
  static Tensor distinct(SplittableRandom r, int... dims) {
    int n = Shape.of(dims).size();
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = -1.5 + 3.0 * i / n;
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      double t = d[i];
      d[i] = d[j];
      d[j] = t;
    }
    return Tensor.of(d, dims);
  }

  /** Two tensors whose entries differ by at least 0.3 everywhere (no ties), in random order. */
  static Tensor[] apart(SplittableRandom r, int... dims) {
    Tensor a = uniform(r, -1, 1, dims);
    double[] b = a.toDoubleArray();
    for (int i = 0; i < b.length; i++) b[i] += (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.3, 1.0);
    return new Tensor[] {a, Tensor.of(b, dims)};
  }

  static Tensor mask(SplittableRandom r, int... dims) {
    double[] d = new double[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) d[i] = r.nextBoolean() ? 1.0 : 0.0;
    return Tensor.of(d, dims);
  }
}
