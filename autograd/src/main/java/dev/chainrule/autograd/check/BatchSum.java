package dev.chainrule.autograd.check;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.ContractReport.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Item 6: a layer that treats examples independently gives, for each example b of a batch, the
 * output and input gradient of that example run alone, and parameter gradients that are the sum
 * over examples. With a scalar output (a summed loss) the output is the sum of the per-example
 * outputs. Batch statistics (batch norm) legitimately fail this: do not declare a batch axis.
 */
final class BatchSum {
  private BatchSum() {}

  static Entry check(Subject s, SplittableRandom rng, int axis, int outAxis) {
    if (axis < 0) {
      return ContractChecks.entry(ContractItem.BATCH_SUM, ContractReport.Status.SKIPPED,
          "no batch axis declared; call batchAxis(axis) for a layer that treats examples independently", "");
    }
    if (s.inputCount == 0) {
      return ContractChecks.entry(ContractItem.BATCH_SUM, ContractReport.Status.SKIPPED, "no inputs to batch", "");
    }
    int batch = -1;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < s.inputCount; i++) {
      if (axis >= s.dims[i].length || (batch >= 0 && s.dims[i][axis] != batch)) {
        problems.add("input " + i + " has shape " + Arrays.toString(s.dims[i]) + ": no batch axis " + axis
            + (batch >= 0 ? " of size " + batch : ""));
      } else {
        batch = s.dims[i][axis];
      }
    }
    if (!problems.isEmpty()) return ContractChecks.verdict(ContractItem.BATCH_SUM, problems, "");
    if (batch < 2) {
      return ContractChecks.entry(ContractItem.BATCH_SUM, ContractReport.Status.SKIPPED, "batch of " + batch + " example", "");
    }
    Tensor[] x = s.leaves(DType.F64);
    Tensor y = s.f.apply(x);
    boolean summed = y.rank() == 0;
    if (!summed && (outAxis >= y.rank() || y.dim(outAxis) != batch)) {
      return ContractChecks.verdict(ContractItem.BATCH_SUM, List.of("the output has shape " + y.shape()
          + ": no batch axis " + outAxis + " of size " + batch + " (declare it with batchAxis(inputAxis, outputAxis))"), "");
    }
    Tensor u = Subject.random(rng, y.dims(), DType.F64);
    double[][] g = s.grads(x, y, u);
    double[] outputSum = new double[summed ? 1 : 0];
    double[][] paramSum = new double[s.count()][];
    double[] paramScale = new double[s.count()];
    for (int p = s.inputCount; p < s.count(); p++) if (s.differentiable[p]) paramSum[p] = new double[s.values[p].length];

    for (int b = 0; b < batch; b++) {
      double[][] vals = s.values.clone();
      int[][] dimsB = s.dims.clone();
      for (int i = 0; i < s.inputCount; i++) {
        vals[i] = slice(s.values[i], s.dims[i], axis, b);
        dimsB[i] = s.dims[i].clone();
        dimsB[i][axis] = 1;
      }
      Tensor[] xb = s.leaves(DType.F64, vals, dimsB);
      Tensor yb = s.f.apply(xb);
      int[] expectedDims = y.dims();
      if (!summed) expectedDims[outAxis] = 1;
      if (!summed && !Arrays.equals(expectedDims, yb.dims())) {
        problems.add("example " + b + " alone gives an output of shape " + yb.shape() + ", expected "
            + Arrays.toString(expectedDims) + " (the batch output " + y.shape() + " with axis " + outAxis
            + " of size 1): the output is not one slice per example");
        break;
      }
      Tensor ub = summed ? u : Tensor.of(slice(u.toDoubleArray(), u.dims(), outAxis, b), yb.dims());
      double[][] gb = s.grads(xb, yb, ub);
      if (summed) {
        outputSum[0] += yb.item();
      } else {
        double[] expected = slice(y.toDoubleArray(), y.dims(), outAxis, b);
        add(problems, "example " + b + ": output of the batch vs the example alone", yb.dims(), expected, yb.toDoubleArray(), 0);
      }
      for (int i = 0; i < s.count(); i++) {
        if (!s.differentiable[i]) continue;
        if (i < s.inputCount) {
          add(problems, "example " + b + ": gradient of input " + i + " in the batch vs alone", dimsB[i],
              slice(g[i], s.dims[i], axis, b), gb[i], 0);
        } else {
          for (int j = 0; j < gb[i].length; j++) {
            paramSum[i][j] += gb[i][j];
            paramScale[i] = Math.max(paramScale[i], Math.abs(paramSum[i][j]) + Math.abs(gb[i][j]));
          }
        }
      }
    }
    if (summed) add(problems, "output of the batch vs the sum of per-example outputs", new int[0], y.toDoubleArray(), outputSum, 0);
    for (int p = s.inputCount; p < s.count(); p++) {
      if (paramSum[p] != null) {
        add(problems, "gradient of " + s.label(p) + " (input " + p + ") over the batch vs the sum over examples",
            s.dims[p], g[p], paramSum[p], paramScale[p]);
      }
    }
    return ContractChecks.verdict(ContractItem.BATCH_SUM, problems,
        batch + " examples: outputs and input gradients match each example alone, parameter gradients sum");
  }

  /** Records a mismatch beyond IDENTITY_RTOL relative to max(scale, max |alone|). */
  private static void add(List<String> problems, String what, int[] dims, double[] batched, double[] alone, double scale) {
    for (double v : alone) scale = Math.max(scale, Math.abs(v));
    String m = ContractChecks.mismatch(what, dims, batched, alone, scale, ContractChecks.IDENTITY_RTOL);
    if (m != null) problems.add(m + (what.contains("output") ? ": other examples leak into this one" : ""));
  }

  /** Entry b along {@code axis}, kept as a dimension of size 1. */
  static double[] slice(double[] v, int[] dims, int axis, int b) {
    int outer = 1, inner = 1;
    for (int d = 0; d < axis; d++) outer *= dims[d];
    for (int d = axis + 1; d < dims.length; d++) inner *= dims[d];
    double[] out = new double[outer * inner];
    for (int o = 0; o < outer; o++) System.arraycopy(v, (o * dims[axis] + b) * inner, out, o * inner, inner);
    return out;
  }
}
