package dev.chainrule.autograd;

import dev.chainrule.autograd.ops.SparseAdjoint;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reverse-mode engine: applies functions while recording the graph, and walks it backwards.
 *
 * <p>{@link Tensor#backward()} accumulates into leaves' {@link Tensor#grad()};
 * {@link #grad(Tensor, boolean, Tensor...)} returns gradients without touching them (what
 * grad-of-grad and Hessian-vector products are built from). Recording is the only mode the
 * engine knows; forward mode, anomaly detection and profilers watch it as {@link EngineHook}s,
 * and {@link Gradients} owns the summing of gradients.
 */
public final class Autograd {
  private Autograd() {}

  /** Runs {@code fn} on {@code inputs}, recording a node when grad mode is on and an input requires grad. */
  static Tensor apply(Function fn, Tensor... inputs) {
    boolean record = false;
    if (GradMode.isEnabled()) {
      for (Tensor in : inputs) record |= in.requiresGrad();
    }
    EngineHook[] hooks = EngineHooks.active();
    if (!record && hooks.length == 0) {   // the fast path: nothing records, nothing watches
      Tensor out;
      try (var noGrad = GradMode.off()) {
        out = fn.forward(Context.DISCARD, inputs);
      }
      return checked(fn, inputs, out, false);
    }
    boolean[] needsGrad = new boolean[inputs.length];
    for (int i = 0; record && i < inputs.length; i++) needsGrad[i] = inputs[i].requiresGrad();
    Context ctx = new Context(fn.name(), needsGrad, inputs);
    Tensor out = null;
    for (EngineHook h : hooks) h.beforeForward(fn, inputs);
    try {
      try (var noGrad = GradMode.off()) {
        out = fn.forward(ctx, inputs);
      }
      out = checked(fn, inputs, out, record);
    } finally {
      for (int i = hooks.length - 1; i >= 0; i--) hooks[i].afterForward(fn, ctx, inputs, out);
    }
    // An integer result (a cast to I64, say) has no gradient, as in PyTorch: it stays a constant.
    if (record && out.dtype().isFloatingPoint()) out.setGradFn(new Node(fn, ctx, inputs.clone(), out.shape(), out.dtype()));
    return out;
  }

  /** {@code out}, once checked to be a new tensor that may become a graph node. */
  private static Tensor checked(Function fn, Tensor[] inputs, Tensor out, boolean record) {
    if (out == null) throw new IllegalStateException(fn.name() + ": forward returned null");
    for (Tensor in : inputs) {
      if (out == in) {
        throw new IllegalStateException(fn.name() + ": forward must return a new tensor, not its input");
      }
    }
    if (record && (out.gradFn() != null || out.requiresGrad())) {
      // Attaching a node to a tensor that is already part of a graph would rewire that graph.
      throw new IllegalStateException(fn.name() + ": forward must return a new tensor, but returned one of shape "
          + out.shape() + " that already requires grad (a parameter or a captured result?); return a copy");
    }
    return out;
  }

  /**
   * Gradients of {@code output} (a scalar) with respect to each of {@code inputs}, without
   * touching any {@code .grad()}. With {@code createGraph}, the backward pass is itself recorded,
   * so the results can be differentiated again; the graph is then also retained.
   * An input the output does not depend on gets zeros.
   */
  public static Tensor[] grad(Tensor output, boolean createGraph, Tensor... inputs) {
    return grad(List.of(output), null, List.of(inputs), createGraph, createGraph);
  }

  /** {@link #grad(Tensor, boolean, Tensor...)} without create-graph. */
  public static Tensor[] grad(Tensor output, Tensor... inputs) {
    return grad(output, false, inputs);
  }

  /**
   * The general form: gradients of the sum of {@code outputs}, each weighted by its upstream
   * gradient ({@code gradOutputs}, or {@code null} when every output is a scalar), with respect
   * to {@code inputs}.
   */
  public static Tensor[] grad(List<Tensor> outputs, List<Tensor> gradOutputs, List<Tensor> inputs,
                              boolean retainGraph, boolean createGraph) {
    Gradients gradients = Gradients.capturing(inputs);
    run(outputs, gradOutputs, retainGraph, createGraph, gradients);
    return gradients.results(inputs);
  }

  /** Set once {@link #warnIfGradKeepsAGraph} has warned: PyTorch's rule, one warning per process. */
  static final AtomicBoolean CREATE_GRAPH_WARNED = new AtomicBoolean();
  private static final Logger LOG = System.getLogger(Autograd.class.getName());

  /**
   * Warns once when a backward adds to a {@code .grad()} that already carries a graph:
   * the sum links the new graph to every earlier one, so repeated calls without {@code zeroGrad()}
   * keep them all alive (about 84 KB more per call for a small MLP, measured).
   */
  static void warnIfGradKeepsAGraph(Tensor leaf) {
    Tensor old = leaf.gradInternal();
    if (old != null && old.gradFn() != null && CREATE_GRAPH_WARNED.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "Chainrule: backward(createGraph=true) added to the grad of a " + leaf.shape()
          + " tensor that already holds the graph of an earlier backward; every call keeps all earlier graphs"
          + " alive, so memory grows. Call zeroGrad() between calls, or use Autograd.grad(output, true, inputs)"
          + " (warned once)");
    }
  }

  /** Backward from one root, accumulating into leaves' {@code .grad()}. */
  static void backward(Tensor root, Tensor gradOut, boolean retainGraph, boolean createGraph) {
    run(List.of(root), gradOut == null ? null : List.of(gradOut), retainGraph, createGraph, Gradients.intoLeaves());
  }

  /** The backward walk: seed the roots, then run each node's backward in reverse topological order. */
  private static void run(List<Tensor> roots, List<Tensor> rootGrads, boolean retainGraph,
                          boolean createGraph, Gradients gradients) {
    if (rootGrads != null && rootGrads.size() != roots.size()) {
      throw new IllegalArgumentException("backward: " + roots.size() + " outputs but "
          + rootGrads.size() + " upstream gradients");
    }
    List<Node> starts = new ArrayList<>(roots.size());
    for (int i = 0; i < roots.size(); i++) {
      Tensor root = roots.get(i);
      Tensor seed = seed(root, rootGrads == null ? null : rootGrads.get(i));
      if (!root.requiresGrad()) {
        throw new IllegalStateException("backward: tensor of shape " + root.shape()
            + " does not require grad and has no grad_fn; no input of its computation required grad");
      }
      gradients.add(root, seed, rootGrads != null);
      if (root.gradFn() != null) starts.add(root.gradFn());
    }
    Walk walk = Walk.take();
    List<Node> order = walk.topologicalOrder(starts);
    try {
      walkBackwards(order, retainGraph, createGraph, gradients);
    } finally {
      walk.giveBack();
    }
  }

  /** Runs each node's backward in reverse topological order. */
  private static void walkBackwards(List<Node> order, boolean retainGraph, boolean createGraph, Gradients gradients) {
    EngineHook[] hooks = EngineHooks.active();
    try (var mode = createGraph ? GradMode.on() : GradMode.off()) {
      for (int i = order.size() - 1; i >= 0; i--) {
        Node node = order.get(i);
        Tensor dy = gradients.take(node);
        if (dy != null && node.fn instanceof SparseAdjoint sparse && Gradients.acceptsSparse()) {
          sparseBackward(node, sparse, dy, hooks, gradients);
        } else if (dy != null) {
          if (gradients.reusesStorage()) node.ctx.offerGradientBuffers(node.inputs());
          Tensor[] grads;
          try {
            grads = backwardOf(node, dy, hooks);
          } finally {
            node.ctx.offerGradientBuffers(null);
          }
          Tensor[] inputs = node.inputs();
          for (int j = 0; j < inputs.length; j++) {
            if (grads[j] != null && node.ctx.needsGrad(j)) {
              gradients.add(inputs[j], grads[j], Gradients.mayBeShared(grads, j, dy, node));
            }
          }
          gradients.consumed(node, dy, grads, hooks.length == 0);
        }
        if (!retainGraph) {
          if (node.outputToFree() != null && hooks.length == 0) gradients.freeIfUnshared(node.outputToFree(), node);
          node.release();
        }
      }
    } finally {
      gradients.finish();
    }
  }

  /** A slice's or gather's backward with nothing recording: dy is added where it lands ({@link SparseAdjoint}). */
  private static void sparseBackward(Node node, SparseAdjoint sparse, Tensor dy, EngineHook[] hooks, Gradients gradients) {
    checkNotReleased(node);
    Tensor[] grads = null;   // hooks see no gradient tensor: none is built
    for (EngineHook h : hooks) h.beforeBackward(node.fn, node.ctx, dy);
    try {
      if (node.ctx.needsGrad(0)) gradients.addSparse(node.inputs()[0], dy, sparse.adjointRuns(node.ctx));
      grads = new Tensor[1];
    } finally {
      for (int i = hooks.length - 1; i >= 0; i--) hooks[i].afterBackward(node.fn, node.ctx, grads);
    }
  }

  private static void checkNotReleased(Node node) {
    if (node.isReleased()) {
      throw new IllegalStateException(node.fn.name() + ": backward through a graph that was "
          + "already freed by an earlier backward; pass retainGraph=true to the first backward "
          + "if you need to go through it twice");
    }
  }

  /** One node's backward, watched by the hooks, its gradients checked against the inputs. */
  private static Tensor[] backwardOf(Node node, Tensor dy, EngineHook[] hooks) {
    Function fn = node.fn;
    checkNotReleased(node);
    Tensor[] grads = null;
    for (EngineHook h : hooks) h.beforeBackward(fn, node.ctx, dy);
    try {
      grads = fn.backward(node.ctx, dy);
    } finally {
      for (int i = hooks.length - 1; i >= 0; i--) hooks[i].afterBackward(fn, node.ctx, grads);
    }
    Tensor[] inputs = node.inputs();
    if (grads == null || grads.length != inputs.length) {
      throw new IllegalStateException(fn.name() + ": backward returned "
          + (grads == null ? "null" : grads.length + " gradients") + " for " + inputs.length + " inputs");
    }
    for (int j = 0; j < inputs.length; j++) {
      Tensor g = grads[j], in = inputs[j];
      if (g != null && node.ctx.needsGrad(j) && (!g.shape().equals(in.shape()) || g.dtype() != in.dtype())) {
        throw new IllegalStateException(fn.name() + ": backward returned a gradient of "
            + g.dtype() + " " + g.shape() + " for input " + j + " of " + in.dtype() + " " + in.shape());
      }
    }
    return grads;
  }

  private static Tensor seed(Tensor root, Tensor gradOut) {
    if (gradOut == null) {
      if (root.shape().size() != 1) {
        throw new IllegalArgumentException("backward: output has shape " + root.shape()
            + "; pass a gradOut of that shape or reduce it to a scalar first");
      }
      return Tensor.ones(root.dtype(), root.shape());
    }
    if (!gradOut.shape().equals(root.shape()) || gradOut.dtype() != root.dtype()) {
      throw new IllegalArgumentException("backward: gradOut is " + gradOut.dtype() + " "
          + gradOut.shape() + " but the output is " + root.dtype() + " " + root.shape());
    }
    return gradOut;
  }

  /**
   * The collections of one topological sort, kept per thread and cleared after each backward, so
   * a steady training step does not make them anew (issue 12). A backward run inside another
   * one's backward (a function whose backward calls {@link #grad}) finds none kept and makes its
   * own; a walk over a very large graph is not kept.
   */
  private static final class Walk {
    private static final ThreadLocal<Walk> KEPT = new ThreadLocal<>();
    private static final int KEEP_MAX_NODES = 4096;
    private final List<Node> order = new ArrayList<>();
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Node> nodes = new ArrayDeque<>();
    private final Deque<Integer> next = new ArrayDeque<>();

    static Walk take() {
      Walk w = KEPT.get();
      if (w == null) return new Walk();
      KEPT.set(null);
      return w;
    }

    void giveBack() {
      boolean keep = order.size() <= KEEP_MAX_NODES;
      order.clear();
      visited.clear();
      nodes.clear();
      next.clear();
      if (keep) KEPT.set(this);
    }

    /** Nodes reachable from {@code starts}, each after every node that feeds it: walk it backwards for backprop. */
    List<Node> topologicalOrder(List<Node> starts) {
      return Autograd.topologicalOrder(starts, order, visited, nodes, next);
    }
  }

  private static List<Node> topologicalOrder(List<Node> starts, List<Node> order, Set<Node> visited,
                                             Deque<Node> nodes, Deque<Integer> next) {
    // Iterative post-order DFS: deep graphs (long RNN-like chains) must not overflow the stack.
    for (Node start : starts) {
      if (!visited.add(start)) continue;
      nodes.push(start);
      next.push(0);
      while (!nodes.isEmpty()) {
        Node node = nodes.peek();
        int i = next.pop();
        Tensor[] inputs = node.inputs();
        if (inputs != null && i < inputs.length) {
          next.push(i + 1);
          Node child = inputs[i].gradFn();
          if (child != null && visited.add(child)) {
            nodes.push(child);
            next.push(0);
          }
        } else {
          nodes.pop();
          order.add(node);
        }
      }
    }
    return order;
  }
}
