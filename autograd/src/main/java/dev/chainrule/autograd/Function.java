package dev.chainrule.autograd;

/**
 * A differentiable operation: a forward computation and the vector-Jacobian product that
 * differentiates it. Built-in operations and researchers' own operations implement this same
 * interface and are applied with {@link Tensor#apply(Function, Tensor...)}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code forward} runs with gradient recording off; it must not modify its inputs and must
 *       return a new tensor. Save what {@code backward} needs with {@link Context#save}.</li>
 *   <li>{@code backward} receives dy, the gradient of the final result with respect to this
 *       operation's output (same shape as the output), and returns one gradient per input, each
 *       with that input's shape, or {@code null} where {@link Context#needsGrad(int)} is false.</li>
 *   <li>Write {@code backward} with {@link Tensor} operations: then it is itself differentiable
 *       and grad-of-grad works with no extra code.</li>
 * </ul>
 *
 * <pre>{@code
 * // y = x³;  dx = dy·3x²
 * final class Cube implements Function {
 *   public Tensor forward(Context ctx, Tensor... in) { ctx.save(in[0]); return in[0].mul(in[0]).mul(in[0]); }
 *   public Tensor[] backward(Context ctx, Tensor dy) {
 *     Tensor x = ctx.saved(0);
 *     return new Tensor[] {dy.mul(x.mul(x).mul(3.0))};
 *   }
 * }
 * Tensor y = Tensor.apply(new Cube(), x);
 * }</pre>
 */
public interface Function {

  /** Computes the output from the inputs. Recording is off while this runs. */
  Tensor forward(Context ctx, Tensor... inputs);

  /** Returns the gradient for each input given dy, the gradient with respect to the output. */
  Tensor[] backward(Context ctx, Tensor dy);

  /** The name used in error messages and graph dumps; the class's simple name by default. */
  default String name() {
    return getClass().getSimpleName();
  }
}
