package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.Domain;
import dev.chainrule.autograd.forward.ForwardRule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A built-in operation with hand-written derivatives. Its file is its only home: the formula
 * line of its Javadoc, {@link #forward}, {@link #backward} (reverse mode), {@link #jvp} (the
 * tangent rule of forward mode), {@link #domain} (where gradient checks may sample it) and a
 * {@code public static Example example()} (a small application to check).
 *
 * <p>Sealed, so that the gradient property enumerates every primitive through
 * {@code Primitive.class.getPermittedSubclasses()} with no hand-kept list: a new primitive is its
 * file, one {@code permits} entry and one {@link Tensor} method. Everything else on
 * {@link Tensor} is composed from these.
 */
public sealed interface Primitive extends Function, ForwardRule
    permits Abs, Add, Cast, Clamp, Concat, Div, Exp, Expand, IndexAdd, IndexSelect, Linear, Log, LogSumExp,
        MatMul, Max, Maximum, Minimum, Mul, Neg, Permute, Pow, PowScalar, Relu, Reshape, ScalarAdd,
        ScalarMul, Sigmoid, Slice, Sqrt, Step, Sub, Sum, Tanh, Unslice, Where,
        // vocab: the missing maths (issue 19)
        Sin, Cos, Log1p, Expm1, Erf, Sign, Floor, Round, Cumsum,
        // seq: sequences and attention (issue 11)
        Gather, ScatterAdd,
        // conv: convolution, pooling and padding (issue 10)
        Conv2d, Conv2dWeightGrad, ConvTranspose2d, Pad, Take, FlatScatterAdd,
        // cnnspeed: fused batch normalisation (issue 10)
        BatchNorm,
        // seqspeed: fused sequence and attention primitives (issue 11, speed)
        Softmax, LayerNorm, LstmCell, SplitHeads,
        // views: strided tensors over shared storage (issue 19)
        Contiguous {

  /** The output from the inputs, which the {@link Tensor} method has validated. */
  @Override Tensor forward(Context ctx, Tensor... in);

  /** The vector-Jacobian product: one gradient per input ({@code null} where not needed). */
  @Override Tensor[] backward(Context ctx, Tensor dy);

  /**
   * The tangent rule: ẏ = Σᵢ ∂y/∂xᵢ·ẋᵢ, written from the forward formula and independently of
   * {@link #backward}, so that the dot-product test compares two derivations. A {@code null}
   * tangent is zero; masks ([x &gt; 0], ...) are constants, as in the backward formulas.
   */
  @Override Tensor jvp(Context ctx, Tensor[] x, Tensor[] t, Tensor y);

  /**
   * Where a gradient check may sample input {@code input}: inside the op's domain and away from
   * its kinks and poles, so that a central difference never straddles one.
   */
  Domain domain(int input);

  /**
   * A small application of a primitive for the generic checks: the op with its parameters, the
   * shapes of its inputs, the inputs held fixed (constants, such as {@link Where}'s condition),
   * how many trailing inputs are parameters (not batched), and the batch axis of the inputs and
   * of the output ({@code -1} when the op has no batch axis, e.g. a fixed target shape).
   *
   * @param op              the configured operation
   * @param shapes          one shape per input
   * @param fixed           input index to the value it always takes (not differentiated)
   * @param params          how many of the last inputs are parameters, shared by the batch
   * @param batchAxis       batch axis of the (non-parameter) inputs, or -1
   * @param outputBatchAxis batch axis of the output, or -1
   */
  record Example(Primitive op, List<Shape> shapes, Map<Integer, Tensor> fixed, int params,
                 int batchAxis, int outputBatchAxis) {
    /** Validates and copies. */
    public Example {
      shapes = List.copyOf(shapes);
      fixed = Map.copyOf(fixed);
      if (params < 0 || params > shapes.size()) {
        throw new IllegalArgumentException("Example " + op + ": " + params + " parameters of " + shapes.size() + " inputs");
      }
    }

    /** {@code op} on inputs of these shapes, batched along axis 0 of every input and of the output. */
    public static Example of(Primitive op, Shape... shapes) {
      return new Example(op, List.of(shapes), Map.of(), 0, 0, 0);
    }

    /** This example with input {@code i} held at {@code value}. */
    public Example fixing(int i, Tensor value) {
      Map<Integer, Tensor> f = new TreeMap<>(fixed);
      f.put(i, value);
      return new Example(op, shapes, f, params, batchAxis, outputBatchAxis);
    }

    /** This example with its last {@code n} inputs as parameters (not batched). */
    public Example withParams(int n) {
      return new Example(op, shapes, fixed, n, batchAxis, outputBatchAxis);
    }

    /** This example batched along {@code inputAxis} of the inputs and {@code outputAxis} of the output, or -1 for none. */
    public Example batched(int inputAxis, int outputAxis) {
      return new Example(op, shapes, fixed, params, inputAxis, outputAxis);
    }

    /** Float64 inputs: the fixed ones, and samples from {@link Primitive#domain} for the rest. */
    public Tensor[] sample(RandomGenerator rng) {
      Tensor[] in = new Tensor[shapes.size()];
      for (int i = 0; i < in.length; i++) {
        Tensor f = fixed.get(i);
        in[i] = f != null ? f : op.domain(i).sample(rng, DType.F64, shapes.get(i).dims());
      }
      return in;
    }
  }
}
