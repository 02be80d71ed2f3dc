package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One call that checks a new op or layer against nine properties every correct differentiable
 * function has, each reported by name (see {@link ContractItem}):
 *
 * <pre>{@code
 * LayerContract.of(new Cube()).inputs(x).check().assertPassed();                 // a Function
 * LayerContract.of("dense", (in, p) -> in[0].linear(p[0], p[1]).tanh())          // a layer
 *     .inputs(x).params(w, b).batchAxis(0).check().assertPassed();
 * }</pre>
 *
 * <p>Samples are float64 and are never modified; each check evaluates fresh copies.
 * Tolerances: finite differences as {@link GradCheck} (eps 1e-6, atol 1e-5, rtol 1e-3);
 * identities that involve no finite differences (dot-product, linearity, accumulation, batch) hold
 * to 1e-8 relative to the magnitude of the terms; float32 agrees with float64 to
 * {@link #float32Tolerance} relative to each tensor's largest magnitude.
 *
 * <p>The items: (1) backward vs central differences, entry by entry; (2) ⟨u, J·v⟩ from forward
 * mode equals ⟨Jᵀ·u, v⟩ from backward, with a finite difference as referee (skipped when an op
 * has no {@link dev.chainrule.autograd.forward.ForwardRule}); (3) backward(αu₁+βu₂) =
 * α·backward(u₁) + β·backward(u₂), and backward(0) = 0; (4) f(x) + f(x) gets twice the gradient,
 * an argument passed in two slots gets the sum of both, two backward passes add up in
 * {@code .grad()}; (5) no argument changes during forward or backward; (6) with a
 * {@link #batchAxis}, each example's output and gradients equal those of the example alone and
 * parameter gradients are the sum over examples; (7) an entry whose value does not change the
 * output (tried at two distant values) gets exactly zero gradient; (8) the float32 output and
 * gradients agree with float64; (9) the gradient's own derivative (grad of grad) matches finite
 * differences of the gradient.
 */
public final class LayerContract {
  private final String name;
  private final java.util.function.Function<Tensor[], Tensor> f;
  private Tensor[] inputs = new Tensor[0];
  private Tensor[] params = new Tensor[0];
  private int[] constants = new int[0];
  private int batchAxis = -1, outputBatchAxis = -1;
  private double eps = 1e-6, atol = 1e-5, rtol = 1e-3;
  private double float32Tolerance = 1e-4;
  private long seed = 42;
  private int maxElements = 256;
  private final Map<ContractItem, String> skipped = new EnumMap<>(ContractItem.class);

  private LayerContract(String name, java.util.function.Function<Tensor[], Tensor> f) {
    this.name = name;
    this.f = f;
  }

  /** A function of its arguments: the inputs, then the parameters. */
  public static LayerContract of(String name, java.util.function.Function<Tensor[], Tensor> f) {
    return new LayerContract(name, f);
  }

  /** A layer as a function of (inputs, parameters). */
  public static LayerContract of(String name, BiFunction<Tensor[], Tensor[], Tensor> layer) {
    LayerContract[] self = new LayerContract[1];
    self[0] = new LayerContract(name, all -> {
      int n = self[0].inputs.length;
      return layer.apply(Arrays.copyOfRange(all, 0, n), Arrays.copyOfRange(all, n, all.length));
    });
    return self[0];
  }

  /** One op, applied with {@link Tensor#apply} to the inputs then the parameters. */
  public static LayerContract of(Function op) {
    return new LayerContract(op.name(), all -> Tensor.apply(op, all));
  }

  /** Float64 sample inputs. */
  public LayerContract inputs(Tensor... inputs) { this.inputs = inputs.clone(); return this; }

  /** Float64 parameters: passed after the inputs, never split by {@link #batchAxis}. */
  public LayerContract params(Tensor... params) { this.params = params.clone(); return this; }

  /** Inputs held constant (masks, labels, indices): not differentiated, still checked for mutation. */
  public LayerContract constant(int... inputIndices) { this.constants = inputIndices.clone(); return this; }

  /** Every input is a batch along {@code axis}, and so is the output (item 6). */
  public LayerContract batchAxis(int axis) { return batchAxis(axis, axis); }

  /**
   * Every input is a batch along {@code inputAxis} and the output along {@code outputAxis}; for
   * a scalar output (a summed loss) the output is the sum over examples.
   */
  public LayerContract batchAxis(int inputAxis, int outputAxis) {
    this.batchAxis = inputAxis;
    this.outputBatchAxis = outputAxis;
    return this;
  }

  /** The central-difference step of items 1 and 9; default 1e-6 as in PyTorch's gradcheck. */
  public LayerContract eps(double eps) { this.eps = eps; return this; }

  /** Absolute tolerance of the float64 comparisons: |a − b| ≤ atol + rtol·|b|; default 1e-5. */
  public LayerContract atol(double atol) { this.atol = atol; return this; }

  /** Relative tolerance, in the rule given at {@link #atol(double)}; default 1e-3. */
  public LayerContract rtol(double rtol) { this.rtol = rtol; return this; }

  /** Item 8 passes when max |float32 - float64| ≤ tolerance · max |float64|, per tensor (default 1e-4). */
  public LayerContract float32Tolerance(double tolerance) { this.float32Tolerance = tolerance; return this; }

  /** Seed of the random upstream gradients and directions. */
  public LayerContract seed(long seed) { this.seed = seed; return this; }

  /** Arguments larger than this are checked along random directions, not entry by entry (default 256). */
  public LayerContract maxElements(int n) { this.maxElements = n; return this; }

  /** Skips an item, giving the reason printed in the report (e.g. a float64-only layer and item 8). */
  public LayerContract skip(ContractItem item, String reason) { skipped.put(item, reason); return this; }

  /** Runs the nine checks. An item that throws fails with the exception in its details. */
  public ContractReport check() {
    boolean[] constant = new boolean[inputs.length + params.length];
    for (int c : constants) {
      if (c < 0 || c >= inputs.length) {
        throw new IllegalArgumentException("LayerContract " + name + ": constant input " + c + " out of range [0, " + inputs.length + ")");
      }
      constant[c] = true;
    }
    Subject s = new Subject(name, f, inputs, params, constant);
    ContractChecks checks = new ContractChecks(s, seed, eps, atol, rtol, maxElements, float32Tolerance,
        batchAxis, outputBatchAxis);
    ContractReport report = new ContractReport(name, arguments(s));
    for (ContractItem item : ContractItem.values()) {
      String why = skipped.get(item);
      report.add(why != null ? new ContractReport.Entry(item, ContractReport.Status.SKIPPED, why, "")
          : checks.run(item));
    }
    return report;
  }

  private static String arguments(Subject s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.count(); i++) {
      if (i > 0) sb.append("; ");
      sb.append("input ").append(i);
      if (i >= s.inputCount) sb.append(" = ").append(s.label(i));
      sb.append(' ').append(Arrays.toString(s.dims[i]));
      if (!s.differentiable[i]) sb.append(" constant");
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }

  @Override public String toString() {
    return "LayerContract(" + name + ", eps=" + eps + ", atol=" + atol + ", rtol=" + rtol
        + ", float32Tolerance=" + float32Tolerance + ", batchAxis=" + batchAxis + ")";
  }
}
