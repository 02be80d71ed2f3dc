package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.ContractReport.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Item 4: gradients add up when a tensor is used more than once. Three ways: the output of two
 * applications on the same arguments, f(x) + f(x), gets 2·backward(u) (one upstream tensor
 * reaches both, so a backward that changes dy in place shows); one tensor passed in two argument
 * slots of equal shape gets the sum of both slots' gradients; the backward of f(x₁) is unchanged
 * by a later f(x₂) still alive (per-application state belongs in the Context, not in fields of a
 * reused op); two backward passes into the same
 * leaves leave {@code .grad()} = backward(u₁) + backward(u₂) (so does a backward that returns a
 * buffer it reuses).
 */
final class Accumulation {
  private static final int MAX_TIED_PAIRS = 3;

  private Accumulation() {}

  static Entry check(Subject s, SplittableRandom rng) {
    List<String> problems = new ArrayList<>();
    Tensor[] x = s.leaves(DType.F64);
    Tensor y = s.f.apply(x);
    if (!y.requiresGrad()) {
      return ContractChecks.entry(ContractItem.ACCUMULATION, ContractReport.Status.SKIPPED,
          "the output does not depend on any argument", "");
    }
    Tensor u1 = Subject.random(rng, y.dims(), DType.F64), u2 = Subject.random(rng, y.dims(), DType.F64);
    double[][] g1 = s.grads(u1), g2 = s.grads(u2);

    // f(x) + f(x): twice the gradient.
    Tensor twice = y.add(s.f.apply(x));
    double[][] gTwice = s.grads(x, twice, u1);
    for (int i : s.wrt()) {
      compare(problems, "input " + i + ": gradient of f(x) + f(x) vs 2*gradient of f(x)", s.dims[i], gTwice[i], g1[i], g1[i]);
    }

    // One tensor in two slots.
    int pairs = 0;
    List<Integer> wrt = s.wrt();
    for (int a = 0; a < wrt.size() && pairs < MAX_TIED_PAIRS; a++) {
      for (int b = a + 1; b < wrt.size() && pairs < MAX_TIED_PAIRS; b++) {
        int i = wrt.get(a), j = wrt.get(b);
        if (!java.util.Arrays.equals(s.dims[i], s.dims[j])) continue;
        pairs++;
        double[][] vals = s.values.clone();
        vals[j] = s.values[i];
        Tensor[] separate = s.leaves(DType.F64, vals);
        double[][] gs = s.grads(separate, s.f.apply(separate), u1);
        Tensor[] tied = s.leaves(DType.F64, vals);
        tied[j] = tied[i];
        Tensor yTied = s.f.apply(tied);
        double[] gTied = yTied.requiresGrad()
            ? Autograd.grad(List.of(yTied), List.of(Subject.copy(u1)), List.of(tied[i]), false, false)[0].toDoubleArray()
            : new double[s.values[i].length];
        compare(problems, "inputs " + i + " and " + j + " given the same tensor: its gradient vs the sum of both slots'",
            s.dims[i], gTied, gs[i], gs[j]);
      }
    }

    // Two applications alive at once: the first one's backward must not see the second's
    // arguments (an op that keeps its input in a field instead of its Context fails here).
    // Constants stay as they are: scaled class indices or masks would not be valid arguments.
    double[][] other = s.values.clone();
    for (int i = 0; i < other.length; i++) {
      if (!s.differentiable[i]) continue;
      other[i] = s.values[i].clone();
      for (int j = 0; j < other[i].length; j++) other[i][j] *= 0.9;
    }
    Tensor[] first = s.leaves(DType.F64);
    Tensor yFirst = s.f.apply(first);
    s.f.apply(s.leaves(DType.F64, other));
    double[][] gFirst = s.grads(first, yFirst, u1);
    for (int i : s.wrt()) {
      compare(problems, "input " + i + ": gradient of f(x1) computed after f(x2) ran vs f(x1) alone (state kept outside the Context?)",
          s.dims[i], gFirst[i], g1[i], new double[g1[i].length]);
    }

    // Two backward passes accumulate into .grad().
    Tensor[] leaves = s.leaves(DType.F64);
    s.f.apply(leaves).backward(Subject.copy(u1));
    s.f.apply(leaves).backward(Subject.copy(u2));
    for (int i : s.wrt()) {
      Tensor acc = leaves[i].grad();
      double[] got = acc == null ? new double[s.values[i].length] : acc.toDoubleArray();
      compare(problems, "input " + i + ": .grad() after backward(u1) then backward(u2) vs their sum", s.dims[i], got, g1[i], g2[i]);
    }
    return ContractChecks.verdict(ContractItem.ACCUMULATION, problems,
        "f(x) + f(x), " + pairs + " tied argument pair(s), and two backward passes into .grad() all add up");
  }

  private static void compare(List<String> problems, String what, int[] dims, double[] got, double[] a, double[] b) {
    double[] expected = new double[a.length];
    double scale = 0;
    for (int j = 0; j < a.length; j++) {
      expected[j] = a[j] + b[j];
      scale = Math.max(scale, Math.abs(a[j]) + Math.abs(b[j]));
    }
    String m = ContractChecks.mismatch(what, dims, got, expected, scale, ContractChecks.IDENTITY_RTOL);
    if (m != null) problems.add(m);
  }
}
