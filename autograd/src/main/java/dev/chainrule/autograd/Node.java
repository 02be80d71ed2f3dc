package dev.chainrule.autograd;

/**
 * One recorded application of a {@link Function}: the function, its context, and the input
 * tensors whose gradients it produces. The output tensor points to its node (its grad_fn); the
 * node does not point back, so once backward frees it nothing keeps the intermediates alive.
 */
final class Node {
  final Function fn;
  final Context ctx;
  final Shape outShape;
  final DType outDType;
  private Tensor[] inputs;

  Node(Function fn, Context ctx, Tensor[] inputs, Shape outShape, DType outDType) {
    this.fn = fn;
    this.ctx = ctx;
    this.inputs = inputs;
    this.outShape = outShape;
    this.outDType = outDType;
  }

  /** The inputs, or {@code null} once released. */
  Tensor[] inputs() {
    return inputs;
  }

  boolean isReleased() {
    return inputs == null;
  }

  /** Drops the saved tensors and the edges to the inputs so they can be collected. */
  void release() {
    inputs = null;
    outputToFree = null;
    ctx.release();
  }

  /** The output, when {@link Tensor#freeAfterBackward()} declared that only the graph holds it. */
  private Tensor outputToFree;

  void freeOutputAfterBackward(Tensor output) {
    outputToFree = output;
  }

  Tensor outputToFree() {
    return outputToFree;
  }

  @Override public String toString() {
    return fn.name() + " -> " + outShape;
  }
}
