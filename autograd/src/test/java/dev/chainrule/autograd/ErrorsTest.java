package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input fails at once with an exception naming the operation, the reason and the shapes involved. */
class ErrorsTest {
  static Tensor f64(int... dims) { return Tensor.ones(DType.F64, dims); }

  static Tensor leaf(int... dims) { return f64(dims).requiresGrad(true); }

  /** Asserts {@code call} throws {@code type} with a message containing every fragment. */
  static <T extends Throwable> void fails(Class<T> type, Executable call, String... fragments) {
    T e = assertThrows(type, call);
    String m = String.valueOf(e.getMessage());
    for (String f : fragments) assertTrue(m.contains(f), () -> "message lacks \"" + f + "\": " + m);
  }

  @Test void addOfShapesThatDoNotBroadcast() {
    fails(IllegalArgumentException.class, () -> f64(2, 3).add(f64(2, 4)), "add", "not broadcastable", "[2, 3]", "[2, 4]");
    fails(IllegalArgumentException.class, () -> f64(3).mul(f64(2, 4)), "mul", "[3]", "[2, 4]");
  }

  @Test void matmulInnerDimensions() {
    fails(IllegalArgumentException.class, () -> f64(2, 3).matmul(f64(4, 5)), "matmul", "inner", "3 != 4", "[2, 3]", "[4, 5]");
    fails(IllegalArgumentException.class, () -> f64(3).matmul(f64(4)), "matmul", "[3]", "[4]");
    fails(IllegalArgumentException.class, () -> f64(2, 2, 3).matmul(f64(2, 4, 5)), "matmul", "[2, 2, 3]", "[2, 4, 5]");
  }

  @Test void matmulBatchDimensionsThatDoNotBroadcast() {
    fails(IllegalArgumentException.class, () -> f64(2, 2, 3).matmul(f64(3, 3, 4)), "matmul", "[2, 2, 3]", "[3, 3, 4]");
  }

  @Test void matmulOfAScalar() {
    fails(IllegalArgumentException.class, () -> f64().matmul(f64(2, 3)), "matmul", "[]", "[2, 3]");
  }

  @Test void reshapeToAnotherSize() {
    fails(IllegalArgumentException.class, () -> f64(2, 3).reshape(4), "reshape", "[2, 3]", "[4]", "6");
    fails(IllegalArgumentException.class, () -> f64(2, 3).reshape(4, -1), "reshape", "[2, 3]", "[4, -1]");
  }

  @Test void mixedDTypes() {
    Tensor a = Tensor.ones(DType.F32, 2, 3), b = f64(3);
    fails(IllegalArgumentException.class, () -> a.add(b), "add", "F32", "F64", "[2, 3]", "[3]", "to(DType)");
    fails(IllegalArgumentException.class, () -> a.matmul(f64(3, 2)), "matmul", "F32", "F64", "[3, 2]");
    fails(IllegalArgumentException.class, () -> GradCheck.of(in -> in[0].exp()).check(a), "F32", "F64");
  }

  @Test void backwardOfANonScalarWithoutGradOut() {
    Tensor y = leaf(2, 3).exp();
    fails(IllegalArgumentException.class, y::backward, "backward", "[2, 3]", "gradOut");
    fails(IllegalArgumentException.class, () -> y.backward(f64(3, 2)), "backward", "[3, 2]", "[2, 3]");
  }

  @Test void backwardOfSomethingNoInputRequiresGradFor() {
    fails(IllegalStateException.class, () -> f64(2).exp().sum().backward(), "backward", "does not require grad");
  }

  @Test void secondBackwardThroughAFreedGraph() {
    Tensor x = leaf(2, 3);
    Tensor loss = x.sigmoid().mul(x).sum();
    loss.backward();
    fails(IllegalStateException.class, loss::backward, "Sum", "freed", "retainGraph");
  }

  @Test void inPlaceChangeOfASavedTensor() {
    Tensor x = leaf(2, 3);
    Tensor y = x.exp();
    Tensor loss = y.sum();
    try (var noGrad = GradMode.off()) {
      y.fillInPlace(0.0);
    }
    fails(IllegalStateException.class, loss::backward, "Exp", "modified in place", "[2, 3]");
  }

  @Test void sliceAndIndexSelectOutOfRange() {
    fails(IllegalArgumentException.class, () -> f64(2, 3).slice(1, 1, 4), "slice", "[1, 4)", "[2, 3]");
    fails(IllegalArgumentException.class, () -> f64(2, 3).slice(2, 0, 1), "slice", "axis 2", "[2, 3]");
    fails(IndexOutOfBoundsException.class, () -> f64(2, 3).indexSelect(new int[] {0, 2}), "indexSelect", "index 2", "[2, 3]");
    // Negative indices count from the end (issue 19): -1 and -2 are rows 1 and 0, -3 is out of range.
    fails(IndexOutOfBoundsException.class, () -> f64(2, 3).indexSelect(new int[] {-3}), "indexSelect", "-3", "[-2, 2)");
    fails(IllegalArgumentException.class, () -> f64(2, 3).slice(1, -4, 3), "slice", "[-4, 3)", "[2, 3]");
    fails(IllegalArgumentException.class, () -> f64(2, 3).slice(1, 0, 3, 0), "slice", "step", "0");
    fails(IndexOutOfBoundsException.class, () -> f64(2, 3).indexSelect(1, new int[] {3}), "indexSelect", "index 3");
  }

  @Test void permuteWithARepeatedDimension() {
    fails(IllegalArgumentException.class, () -> f64(2, 3).permute(0, 0), "permute", "repeated", "[0, 0]", "[2, 3]");
    fails(IllegalArgumentException.class, () -> f64(2, 3).permute(0), "permute", "[0]", "[2, 3]");
  }

  @Test void requiresGradFalseOnANonLeaf() {
    Tensor y = leaf(2).exp();
    fails(IllegalStateException.class, () -> y.requiresGrad(false), "requiresGrad", "Exp", "detach()");
  }

  @Test void inPlaceOnALeafThatRequiresGradWhileRecording() {
    Tensor w = leaf(2, 2);
    fails(IllegalStateException.class, () -> w.fillInPlace(1.0), "fillInPlace", "requires grad", "[2, 2]", "GradMode.off()");
    fails(IllegalStateException.class, () -> w.addInPlace(0.1, f64(2, 2)), "addInPlace", "[2, 2]");
    fails(IllegalStateException.class, () -> w.mulInPlace(0.5), "mulInPlace", "[2, 2]");
  }

  @Test void itemOfANonScalar() {
    fails(IllegalStateException.class, () -> f64(2, 3).item(), "item", "[2, 3]", "6 elements");
  }

  @Test void gradOfAnInputThatDoesNotRequireGrad() {
    Tensor x = leaf(3), c = f64(3);
    Tensor y = x.mul(c).sum();
    fails(IllegalArgumentException.class, () -> Autograd.grad(y, c), "grad", "[3]", "does not require grad", "requiresGrad(true)");
  }

  @Test void concatOfMismatchedParts() {
    fails(IllegalArgumentException.class, () -> Tensor.concat(0, f64(2, 3), f64(2, 4)), "concat", "[2, 3]", "[2, 4]", "axis 0");
  }
}
