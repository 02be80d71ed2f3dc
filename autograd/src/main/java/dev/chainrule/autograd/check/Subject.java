package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The function under a contract check and its sample arguments (inputs, then parameters), kept
 * as pristine float64 values: every evaluation gets fresh tensors, so a function that mutates
 * its arguments cannot spoil the other checks.
 */
final class Subject {
  final String name;
  final java.util.function.Function<Tensor[], Tensor> f;
  final int inputCount;
  final double[][] values;
  final int[][] dims;
  final boolean[] differentiable;
  /** The dtype of each constant integer argument (labels, indices), null for the float ones. */
  final DType[] integerType;

  Subject(String name, java.util.function.Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor[] params,
          boolean[] constant) {
    this.name = name;
    this.f = f;
    this.inputCount = inputs.length;
    int n = inputs.length + params.length;
    values = new double[n][];
    dims = new int[n][];
    differentiable = new boolean[n];
    integerType = new DType[n];
    for (int i = 0; i < n; i++) {
      Tensor t = i < inputs.length ? inputs[i] : params[i - inputs.length];
      boolean isConstant = i < constant.length && constant[i];
      if (!t.dtype().isFloatingPoint() && isConstant) {
        integerType[i] = t.dtype();   // labels or indices: passed as they are, in every check
      } else if (t.dtype() != DType.F64) {
        throw new IllegalArgumentException("LayerContract " + name + ": " + label(i) + " is " + t.dtype() + " "
            + t.shape() + "; give float64 samples (x.to(DType.F64)); the float32 check converts them itself"
            + (t.dtype().isFloatingPoint() ? "" : "; integer inputs (labels, indices) must be marked constant"));
      }
      values[i] = t.toDoubleArray();
      dims[i] = t.dims();
      differentiable[i] = i >= constant.length || !constant[i];
    }
  }

  int count() { return values.length; }

  /** "param 1": how the builder named argument i. */
  String label(int i) {
    return i < inputCount ? "input " + i : "param " + (i - inputCount);
  }

  /** "input 0", or "input 3 = param 1": argument i in reports, whose numbering runs over inputs then params. */
  String describe(int i) {
    return i < inputCount ? "input " + i : "input " + i + " = " + label(i);
  }

  /** Fresh leaves holding the sample values in {@code dtype}; differentiable ones require grad. */
  Tensor[] leaves(DType dtype) {
    return leaves(dtype, values);
  }

  Tensor[] leaves(DType dtype, double[][] vals) {
    return leaves(dtype, vals, dims);
  }

  Tensor[] leaves(DType dtype, double[][] vals, int[][] shapes) {
    Tensor[] x = new Tensor[vals.length];
    for (int i = 0; i < x.length; i++) {
      DType own = integerType[i] != null ? integerType[i] : dtype;
      x[i] = tensor(vals[i], shapes[i], own).requiresGrad(differentiable[i]);
    }
    return x;
  }

  /** Fresh leaves with argument i moved to {@code base + t·v}. */
  Tensor[] moved(int i, double[] v, double t) {
    double[][] vals = values.clone();
    vals[i] = values[i].clone();
    for (int j = 0; j < v.length; j++) vals[i][j] += t * v[j];
    return leaves(DType.F64, vals);
  }

  List<Integer> wrt() {
    List<Integer> w = new ArrayList<>();
    for (int i = 0; i < count(); i++) if (differentiable[i]) w.add(i);
    return w;
  }

  /** Gradients of Σ u·y with respect to every argument (null for constants), as arrays; u is copied. */
  double[][] grads(Tensor[] leaves, Tensor y, Tensor u) {
    double[][] g = new double[count()][];
    List<Integer> w = wrt();
    if (!y.requiresGrad()) {
      for (int i : w) g[i] = new double[values[i].length];
      return g;
    }
    List<Tensor> targets = new ArrayList<>();
    for (int i : w) targets.add(leaves[i]);
    Tensor[] r = Autograd.grad(List.of(y), List.of(copy(u)), targets, false, false);
    for (int k = 0; k < r.length; k++) g[w.get(k)] = r[k].toDoubleArray();
    return g;
  }

  /** One forward and backward from fresh float64 leaves. */
  double[][] grads(Tensor u) {
    Tensor[] x = leaves(DType.F64);
    return grads(x, f.apply(x), u);
  }

  static Tensor tensor(double[] v, int[] dims, DType dtype) {
    return Tensor.of(dtype, v, dims);
  }

  static Tensor copy(Tensor u) {
    return tensor(u.toDoubleArray(), u.dims(), u.dtype());
  }

  static Tensor random(SplittableRandom rng, int[] dims, DType dtype) {
    int n = 1;
    for (int d : dims) n *= d;
    double[] v = new double[n];
    for (int j = 0; j < n; j++) v[j] = rng.nextDouble(-1, 1);
    return tensor(v, dims, dtype);
  }

  static String indexOf(int[] dims, int flat) {
    int[] idx = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      idx[d] = flat % dims[d];
      flat /= dims[d];
    }
    return Arrays.toString(idx);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) s += a[j] * b[j];
    return s;
  }
}
