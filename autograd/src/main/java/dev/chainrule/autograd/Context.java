package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.List;

/**
 * What one application of a {@link Function} keeps between its forward and backward: saved tensors
 * (checked against in-place modification) and which inputs need a gradient.
 *
 * <p>When nothing records (grad mode off or no input requiring grad, and no {@link EngineHook}
 * installed) the engine passes {@link #DISCARD} instead of a new context: {@link #save} then keeps
 * nothing and {@link #needsGrad} is false for every input.
 */
public final class Context {
  /** The context of an application nothing records: saves nothing, needs no gradient. Shared. */
  static final Context DISCARD = new Context("(not recorded)", new boolean[0], new Tensor[0]);

  private final String op;
  private final boolean[] needsGrad;
  private final Shape[] inputShapes;
  private final DType[] inputDTypes;
  // Made on the first save: most operations save nothing, and a steady step should make no garbage.
  private List<Tensor> saved = List.of();
  private int[] savedVersions;
  private boolean released;
  /** Where user code applied the op; recorded only in anomaly mode. */
  String createdAt = "(enable AnomalyMode to record)";

  Context(String op, boolean[] needsGrad, Tensor[] inputs) {
    this.op = op;
    this.needsGrad = needsGrad;
    this.inputShapes = new Shape[inputs.length];
    this.inputDTypes = new DType[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      inputShapes[i] = inputs[i].shape();
      inputDTypes[i] = inputs[i].dtype();
    }
  }

  /**
   * The shape input {@code i} had in the forward pass. Operations read per-call facts from the
   * context, never from their own fields, so one instance can be applied any number of times.
   */
  public Shape inputShape(int i) {
    if (this == DISCARD) throw notRecorded("inputShape");
    return inputShapes[i];
  }

  /** The dtype input {@code i} had in the forward pass. */
  public DType inputDType(int i) {
    if (this == DISCARD) throw notRecorded("inputDType");
    return inputDTypes[i];
  }

  /** Keeps tensors for the backward pass, remembering their versions. */
  public void save(Tensor... tensors) {
    if (this == DISCARD) return;   // nothing will run backward
    if (savedVersions == null) {
      saved = new ArrayList<>(Math.max(2, tensors.length));
      savedVersions = new int[Math.max(2, tensors.length)];
    }
    for (Tensor t : tensors) {
      if (saved.size() == savedVersions.length) {
        savedVersions = java.util.Arrays.copyOf(savedVersions, savedVersions.length * 2);
      }
      savedVersions[saved.size()] = t.version();
      saved.add(t);
    }
  }

  /**
   * The i-th saved tensor. Throws if the graph was freed by an earlier backward, or if the tensor
   * was modified in place after it was saved (its gradient would silently be wrong).
   */
  public Tensor saved(int i) {
    if (released) {
      throw new IllegalStateException(op + ": backward through a graph whose saved tensors were "
          + "already freed by an earlier backward; pass retainGraph=true to the first backward "
          + "if you need to go through it twice");
    }
    if (this == DISCARD) throw notRecorded("saved");
    Tensor t = saved.get(i);
    if (t.version() != savedVersions[i]) {
      throw new IllegalStateException(op + ": saved tensor " + i + " of shape " + t.shape()
          + " was modified in place after the forward pass (version " + savedVersions[i]
          + " when saved, now " + t.version() + "); its gradient would be wrong");
    }
    return t;
  }

  /** Whether input {@code i} needs a gradient; backward may return {@code null} for it when not. */
  public boolean needsGrad(int i) {
    return this != DISCARD && needsGrad[i];
  }

  /** Number of inputs of the operation. */
  public int inputCount() {
    if (this == DISCARD) throw notRecorded("inputCount");
    return needsGrad.length;
  }

  private static IllegalStateException notRecorded(String what) {
    return new IllegalStateException(what + ": this application is not recorded (grad mode off or no input "
        + "requires grad), so its context keeps nothing; read the inputs themselves in forward");
  }

  /** Whether {@code t} shares storage with a saved tensor (so it is not a fresh result). */
  boolean sharesStorageWithSaved(Tensor t) {
    for (int i = 0; i < saved.size(); i++) if (saved.get(i).sharesStorage(t)) return true;
    return false;
  }

  /** The saved tensors, for graph dumps (empty once released). Do not modify. */
  List<Tensor> savedTensors() {
    return saved;
  }

  boolean isReleased() {
    return released;
  }

  /** The inputs whose kept gradient buffers {@link #gradientBuffer} may hand out; null outside such a backward. */
  private Tensor[] bufferedInputs;

  /**
   * Storage to write input {@code i}'s whole gradient into, or {@code null}: the gradient buffer a
   * parameter kept through {@link Tensor#zeroGrad()}, offered only while a backward accumulates
   * into {@code .grad()} with nothing recorded or watching derivatives. A backward that takes it
   * must overwrite every element and return it as input {@code i}'s gradient (Linear's weight
   * gradient does: the step's largest allocation otherwise).
   */
  public Tensor gradientBuffer(int i) {
    if (bufferedInputs == null || !needsGrad(i)) return null;
    return bufferedInputs[i].takeGradBuffer();
  }

  /** Offers {@code inputs}' kept gradient buffers to the coming backward ({@code null}: none). */
  void offerGradientBuffers(Tensor[] inputs) {
    bufferedInputs = inputs;
  }

  void release() {
    released = true;
    saved = List.of();
  }
}
