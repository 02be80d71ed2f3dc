package dev.chainrule.autograd;

import dev.chainrule.autograd.forward.ForwardMode;
import dev.chainrule.autograd.ops.SparseAdjoint;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the gradients of one backward pass go, and the one place they are summed: into each
 * node's pending upstream gradient, and into each leaf's {@code .grad()} ({@link Tensor#backward})
 * or into the results of {@link Autograd#grad} (which leaves {@code .grad()} alone).
 *
 * <p>A leaf owns its gradient, so that an in-place change to one {@code .grad()} (clipping, an
 * optimizer) never reaches another tensor: a gradient whose storage may be shared (Add passes dy
 * through, reshape shares storage, a caller's gradOut) is copied before a leaf keeps it; later
 * gradients are added into a new tensor.
 *
 * <p>A slice's or gather's gradient is zero except where it read ({@link SparseAdjoint}): when
 * nothing records the backward, it is added there into one full-size {@link SparseSum} per
 * receiving tensor (a node or a leaf) instead of arriving as a full-size tensor; once a tensor
 * has such a sum, its dense gradients go into it too, in arrival order.
 */
final class Gradients {
  // Sized small: a chain-like graph has one or two gradients pending at a time, and the default
  // table (64 slots) was a tenth of a steady training step's garbage.
  private final Map<Node, Tensor> pending = new IdentityHashMap<>(4);
  /**
   * Sums in full-size buffers, keyed by the receiving Node, or by the leaf Tensor itself; made on
   * the first sparse gradient (a dense network's step has none and should make no garbage).
   */
  private Map<Object, SparseSum> sparseSums = Map.of();
  /** Autograd.grad's requested inputs and their sums; null when leaves accumulate into .grad(). */
  private final Map<Tensor, Tensor> captured;
  /** Nodes of requested non-leaf inputs: their total gradient is captured when the walk reaches them. */
  private final Map<Node, Tensor> nodeTargets;

  private Gradients(Map<Tensor, Tensor> captured, Map<Node, Tensor> nodeTargets) {
    this.captured = captured;
    this.nodeTargets = nodeTargets;
  }

  /** Leaves accumulate into their {@code .grad()}. */
  static Gradients intoLeaves() {
    return new Gradients(null, Map.of());
  }

  /** Captures the gradients of {@code inputs} only (each must require grad). */
  static Gradients capturing(List<Tensor> inputs) {
    Map<Tensor, Tensor> captured = new IdentityHashMap<>();
    Map<Node, Tensor> nodeTargets = new IdentityHashMap<>();
    for (Tensor in : inputs) {
      if (!in.requiresGrad()) {
        throw new IllegalArgumentException("grad: input of shape " + in.shape()
            + " does not require grad; call requiresGrad(true) on it before the forward pass");
      }
      if (in.gradFn() != null) nodeTargets.put(in.gradFn(), in);
      else captured.put(in, null);
    }
    return new Gradients(captured, nodeTargets);
  }

  /** Adds gradient {@code g} for tensor {@code to}; {@code mayBeShared} unless g's storage is provably fresh. */
  void add(Tensor to, Tensor g, boolean mayBeShared) {
    Node node = to.gradFn();
    SparseSum buffered = sparseSums.isEmpty() ? null : sparseSums.get(node != null ? node : to);
    if (buffered != null) {
      buffered.addDense(g);
    } else if (node != null) {
      addPending(node, g, mayBeShared);
    } else if (captured == null) {
      Autograd.warnIfGradKeepsAGraph(to);
      Tensor old = to.gradInternal();
      if (old == null) {
        to.setGrad(mayBeShared ? ownCopy(to, g) : intoGradBuffer(to, g));
      } else if (reusesStorage() && to.gradAccumulatesInPlace()) {
        old.accumulateInPlace(g);
        if (!mayBeShared) FreeStorage.give(g);
      } else {
        to.setGrad(old.add(g));
      }
    } else if (captured.containsKey(to)) {
      Tensor sum = captured.get(to);
      captured.put(to, sum != null ? sum.add(g) : mayBeShared ? ownCopy(g) : g);
    }
  }

  /**
   * Whether sparse adjoints may add into buffers now: nothing records the backward (create-graph)
   * or carries tangents (forward mode), so no gradient needs to be a Tensor operation.
   */
  static boolean acceptsSparse() {
    return !GradMode.isEnabled() && !ForwardMode.isActive() && !DENSE_ONLY.get();
  }

  /** Adds a sparse adjoint's gradient for {@code to}: dy added where {@code runs} say it lands. */
  void addSparse(Tensor to, Tensor dy, SparseAdjoint.Runs runs) {
    Node node = to.gradFn();
    Object key = node != null ? node : to;
    if (sparseSums.isEmpty()) sparseSums = new IdentityHashMap<>(4);
    SparseSum sum = sparseSums.get(key);
    if (sum == null) {
      sum = node != null ? startSum(to, pending.remove(node)) : leafSum(to);
      if (sum == null) return;   // a leaf Autograd.grad was not asked about
      sparseSums.put(key, sum);
    }
    sum.add(dy, runs);
  }

  /** A sum for leaf {@code to}, from what it has received so far; null when its gradient is not wanted. */
  private SparseSum leafSum(Tensor to) {
    if (captured != null) return captured.containsKey(to) ? startSum(to, captured.get(to)) : null;
    Autograd.warnIfGradKeepsAGraph(to);
    Tensor old = to.gradInternal();
    if (old == null) return SparseSum.empty(to.dtype(), to.shape(), reusesStorage() ? to.takeGradBuffer() : null);
    return reusesStorage() && to.gradAccumulatesInPlace() ? SparseSum.into(old) : SparseSum.startingAt(old);
  }

  private static SparseSum startSum(Tensor to, Tensor sumSoFar) {
    return sumSoFar == null ? SparseSum.empty(to.dtype(), to.shape(), null) : SparseSum.startingAt(sumSoFar);
  }

  /** Ends the pass: leaves whose gradient was summed in a buffer receive it (nodes' sums are taken on the way). */
  void finish() {
    for (Map.Entry<Object, SparseSum> e : sparseSums.entrySet()) {
      Tensor leaf = (Tensor) e.getKey(), g = e.getValue().finish();
      if (captured == null) leaf.setGrad(g);
      else captured.put(leaf, g);
    }
    if (!sparseSums.isEmpty()) sparseSums.clear();
  }

  // ---------------------------------------------------------------- storage reuse (issue 12)
  // The upstream gradients this walk made and nothing else holds ("owned"): once the primitive
  // they feed has run its backward they are dead, and their storage goes to FreeStorage for the
  // next tensors of their size. Only while reusesStorage(): with create-graph or forward mode a
  // gradient may live on in a graph or a tangent.
  private Tensor[] owned = new Tensor[4];
  private int ownedCount;

  private void addPending(Node node, Tensor g, boolean mayBeShared) {
    Tensor old = pending.get(node);
    if (old == null) {
      pending.put(node, g);
      if (!mayBeShared && reusesStorage()) own(g);
      return;
    }
    Tensor sum = old.add(g);
    pending.put(node, sum);
    if (reusesStorage()) {
      if (disown(old)) FreeStorage.give(old);
      if (!mayBeShared) FreeStorage.give(g);
      own(sum);
    }
  }

  /**
   * Called once {@code node}'s backward has consumed {@code dy} and its gradients were added:
   * frees dy's storage when this walk made it, a built-in primitive consumed it (user functions
   * may keep their dy), nothing watches ({@code unwatched}: no hooks) and no returned gradient
   * shares it (Add and reshape pass dy on; then it is never freed).
   */
  void consumed(Node node, Tensor dy, Tensor[] grads, boolean unwatched) {
    if (!disown(dy)) return;
    if (!unwatched || !(node.fn instanceof dev.chainrule.autograd.ops.Primitive)) return;
    for (Tensor g : grads) {
      if (g != null && g.sharesStorage(dy)) return;
    }
    FreeStorage.give(dy);
  }

  /**
   * Frees {@code output} (declared held by the graph alone, {@link Tensor#freeAfterBackward}) once
   * the walk is past its node, so past every operation that consumed it: unless it is a view of
   * one of the node's inputs or a gradient still pending shares its storage.
   */
  void freeIfUnshared(Tensor output, Node node) {
    if (!reusesStorage()) return;
    for (Tensor in : node.inputs()) {
      if (in.dtype() == output.dtype() && in.sharesStorage(output)) return;
    }
    for (Tensor p : pending.values()) {
      if (p.dtype() == output.dtype() && p.sharesStorage(output)) return;
    }
    output.freeStorage();
  }

  /** {@code g}, or the leaf's kept gradient buffer holding a copy of it (g's storage then freed). */
  private Tensor intoGradBuffer(Tensor to, Tensor g) {
    Tensor buffer = reusesStorage() && g.gradFn() == null ? to.takeGradBuffer() : null;
    if (buffer == null) return g;
    buffer.copyInPlace(g);
    FreeStorage.give(g);
    return buffer;
  }

  private void own(Tensor g) {
    if (ownedCount == owned.length) owned = java.util.Arrays.copyOf(owned, 2 * ownedCount);
    owned[ownedCount++] = g;
  }

  /** Removes {@code g} from the owned gradients; whether it was one. */
  private boolean disown(Tensor g) {
    for (int i = 0; i < ownedCount; i++) {
      if (owned[i] == g) {
        owned[i] = owned[--ownedCount];
        owned[ownedCount] = null;
        return true;
      }
    }
    return false;
  }

  /** The total gradient of {@code node}'s output, removed from the pending sums; null if none arrived. */
  Tensor take(Node node) {
    SparseSum sum = sparseSums.isEmpty() ? null : sparseSums.remove(node);
    Tensor dy = sum != null ? sum.finish() : pending.remove(node);
    Tensor target = dy == null ? null : nodeTargets.get(node);
    if (target != null) captured.put(target, ownCopy(dy));   // dy also flows on: never hand it out
    return dy;
  }

  /** Autograd.grad's results, in the order of {@code inputs}; zeros for an input nothing reached. */
  Tensor[] results(List<Tensor> inputs) {
    Tensor[] result = new Tensor[inputs.size()];
    for (int i = 0; i < result.length; i++) {
      Tensor in = inputs.get(i);
      Tensor g = captured.get(in);
      result[i] = g != null ? g : Tensor.zeros(in.dtype(), in.shape());
    }
    return result;
  }

  /**
   * Whether gradient {@code j} of {@code node}'s backward may share storage with something else:
   * dy, another returned gradient, an input or a saved tensor. Identity checks only, so the common
   * case (a fresh result, e.g. MatMul's weight gradient) is handed to a leaf without a copy.
   */
  static boolean mayBeShared(Tensor[] grads, int j, Tensor dy, Node node) {
    Tensor g = grads[j];
    if (g.sharesStorage(dy) || node.ctx.sharesStorageWithSaved(g)) return true;
    for (int k = 0; k < grads.length; k++) {
      if (k != j && grads[k] != null && grads[k].dtype() == g.dtype() && grads[k].sharesStorage(g)) return true;
    }
    for (Tensor in : node.inputs()) {
      if (in.dtype() == g.dtype() && in.sharesStorage(g)) return true;
    }
    return false;
  }

  /**
   * Whether gradients may go into storage kept from earlier steps: they accumulate into
   * {@code .grad()} and nothing records (create-graph) or carries tangents (forward mode).
   */
  boolean reusesStorage() {
    return captured == null && !GradMode.isEnabled() && !ForwardMode.isActive();
  }

  /** An own copy of {@code g} for leaf {@code to}: into its kept gradient buffer when it has one. */
  private Tensor ownCopy(Tensor to, Tensor g) {
    Tensor buffer = reusesStorage() && g.gradFn() == null ? to.takeGradBuffer() : null;
    return buffer != null ? buffer.copyInPlace(g) : ownCopy(g);
  }

  /**
   * A copy with storage of its own. Made with a tensor operation when something watches: a graph
   * (create-graph) or forward mode (forward-over-reverse), so the copy keeps its derivatives.
   */
  private static Tensor ownCopy(Tensor g) {
    if (g.gradFn() != null || ForwardMode.isActive()) return g.add(0.0);
    return g.copyOfStorage();
  }

  /** Set by tests to compare against the Tensor-op adjoints; see {@link #denseAdjointsOnly()}. */
  private static final ThreadLocal<Boolean> DENSE_ONLY = ThreadLocal.withInitial(() -> false);

  /**
   * Until closed, backward passes on this thread build every adjoint as a Tensor operation (the
   * route create-graph takes): the reference that tests compare the sparse sums with.
   */
  static DenseOnly denseAdjointsOnly() {
    DENSE_ONLY.set(true);
    return () -> DENSE_ONLY.set(false);
  }

  /** Ends {@link #denseAdjointsOnly()}. */
  interface DenseOnly extends AutoCloseable {
    @Override void close();
  }
}
