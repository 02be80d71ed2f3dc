package dev.chainrule.autograd.forward;

import dev.chainrule.autograd.Context;
import dev.chainrule.autograd.Tensor;

/**
 * The Jacobian-vector product of an operation: given tangents ẋᵢ of the inputs, the tangent
 * ẏ = Σᵢ ∂y/∂xᵢ · ẋᵢ of the output. Forward mode ({@link ForwardMode#jvp}) calls it once per
 * application. Every built-in {@link dev.chainrule.autograd.ops.Primitive} has one, next to its
 * backward in its own file; a user's
 * {@link dev.chainrule.autograd.Function} implements this interface to support forward mode and
 * the dot-product test of {@link dev.chainrule.autograd.check.LayerContract}.
 *
 * <pre>{@code
 * // y = x³;  dx = dy·3x²;  ẏ = 3x²·ẋ
 * final class Cube implements Function, ForwardRule {
 *   ...
 *   public Tensor jvp(Context ctx, Tensor[] in, Tensor[] tangents, Tensor y) {
 *     return tangents[0].mul(in[0].square().mul(3.0));
 *   }
 * }
 * }</pre>
 *
 * <p>Contract: {@code tangents[i]} has the shape and dtype of {@code inputs[i]}, or is
 * {@code null} when input i has a zero tangent (a constant); at least one is non-null. Return a
 * tensor of the output's shape and dtype, or {@code null} for a zero tangent. Write the rule with
 * {@link Tensor} operations: then reverse mode can differentiate it (reverse-over-forward). Do not
 * modify any argument. The rule may read what forward saved in {@code ctx}.
 */
public interface ForwardRule {

  /** The output tangent ẏ for input tangents ẋ ({@code null} entries are zero). */
  Tensor jvp(Context ctx, Tensor[] inputs, Tensor[] tangents, Tensor output);
}
