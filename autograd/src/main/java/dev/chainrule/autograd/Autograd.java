package dev.chainrule.autograd;

import dev.chainrule.autograd.forward.ForwardMode;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reverse-mode engine: applies functions while recording the graph, and walks it backwards.
 *
 * <p>{@link Tensor#backward()} accumulates into leaves' {@link Tensor#grad()};
 * {@link #grad(Tensor, boolean, Tensor...)} returns gradients without touching them (what
 * grad-of-grad and Hessian-vector products are built from).
 */
public final class Autograd {
  private Autograd() {}

  /** Runs {@code fn} on {@code inputs}, recording a node when grad mode is on and an input requires grad. */
  static Tensor apply(Function fn, Tensor... inputs) {
    boolean[] needsGrad = new boolean[inputs.length];
    boolean record = false;
    if (GradMode.isEnabled()) {
      for (int i = 0; i < inputs.length; i++) {
        needsGrad[i] = inputs[i].requiresGrad();
        record |= needsGrad[i];
      }
    }
    Context ctx = new Context(fn.name(), needsGrad, inputs);
    Tensor out;
    // Forward mode sees only this outermost op, not the tensor ops its forward may call inside.
    boolean tangents = ForwardMode.isActive();
    try (var noGrad = GradMode.off(); var inner = tangents ? ForwardMode.suspend() : null) {
      out = fn.forward(ctx, inputs);
    }
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
    String createdAt = null;
    if (AnomalyMode.isEnabled()) {
      createdAt = AnomalyMode.callerFrame();
      AnomalyMode.checkForward(fn, inputs, out, createdAt);
    }
    if (tangents) ForwardMode.propagate(fn, ctx, inputs, out);
    if (record) {
      Node node = new Node(fn, ctx, inputs.clone(), out.shape(), out.dtype());
      if (createdAt != null) node.createdAt = createdAt;
      out.setGradFn(node);
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
    Map<Tensor, Tensor> captured = new IdentityHashMap<>();
    Map<Node, Tensor> nonLeafTargets = new IdentityHashMap<>();
    for (Tensor in : inputs) {
      if (!in.requiresGrad()) {
        throw new IllegalArgumentException("grad: input of shape " + in.shape()
            + " does not require grad; call requiresGrad(true) on it before the forward pass");
      }
      if (in.gradFn() != null) nonLeafTargets.put(in.gradFn(), in);
    }
    Set<Tensor> leafTargets = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Tensor in : inputs) if (in.gradFn() == null) leafTargets.add(in);
    run(outputs, gradOutputs, retainGraph, createGraph, new Sink() {
      @Override public void leaf(Tensor leaf, Tensor g, boolean mayBeShared) {
        if (leafTargets.contains(leaf)) captured.merge(leaf, mayBeShared ? Tensor.ownCopy(g) : g, Tensor::add);
      }
      @Override public void reached(Node node, Tensor dy) {
        Tensor target = nonLeafTargets.get(node);
        if (target != null) captured.put(target, Tensor.ownCopy(dy));   // dy also flows on: never hand it out
      }
    });
    Tensor[] result = new Tensor[inputs.size()];
    for (int i = 0; i < result.length; i++) {
      Tensor in = inputs.get(i);
      Tensor g = captured.get(in);
      result[i] = g != null ? g : Tensor.zeros(in.dtype(), in.shape());
    }
    return result;
  }

  /** Set once {@link #warnIfGradKeepsAGraph} has warned: PyTorch's rule, one warning per process. */
  static final AtomicBoolean CREATE_GRAPH_WARNED = new AtomicBoolean();
  private static final Logger LOG = System.getLogger(Autograd.class.getName());

  /**
   * Warns once when a create-graph backward adds to a {@code .grad()} that already carries a graph:
   * the sum links the new graph to every earlier one, so repeated calls without {@code zeroGrad()}
   * keep them all alive (about 84 KB more per call for a small MLP, measured).
   */
  private static void warnIfGradKeepsAGraph(Tensor leaf) {
    Tensor old = leaf.grad();
    if (old != null && old.gradFn() != null && CREATE_GRAPH_WARNED.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "Chainrule: backward(createGraph=true) added to the grad of a " + leaf.shape()
          + " tensor that already holds the graph of an earlier backward; every call keeps all earlier graphs"
          + " alive, so memory grows. Call zeroGrad() between calls, or use Autograd.grad(output, true, inputs)"
          + " (warned once)");
    }
  }

  /** Backward from one root, accumulating into leaves' {@code .grad()}. */
  static void backward(Tensor root, Tensor gradOut, boolean retainGraph, boolean createGraph) {
    run(List.of(root), gradOut == null ? null : List.of(gradOut), retainGraph, createGraph,
        new Sink() {
          @Override public void leaf(Tensor leaf, Tensor g, boolean mayBeShared) {
            if (createGraph) warnIfGradKeepsAGraph(leaf);
            leaf.accumulateGrad(g, mayBeShared);
          }
          @Override public void reached(Node node, Tensor dy) {}
        });
  }

  /** Where gradients go: leaves, and a look at each node's total gradient before it runs. */
  private interface Sink {
    /** A gradient for a leaf; {@code mayBeShared} unless its storage is provably fresh. */
    void leaf(Tensor leaf, Tensor g, boolean mayBeShared);

    void reached(Node node, Tensor dy);
  }

  private static void run(List<Tensor> roots, List<Tensor> rootGrads, boolean retainGraph,
                          boolean createGraph, Sink sink) {
    if (rootGrads != null && rootGrads.size() != roots.size()) {
      throw new IllegalArgumentException("backward: " + roots.size() + " outputs but "
          + rootGrads.size() + " upstream gradients");
    }
    Map<Node, Tensor> pending = new IdentityHashMap<>();
    List<Node> starts = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      Tensor root = roots.get(i);
      Tensor seed = seed(root, rootGrads == null ? null : rootGrads.get(i));
      if (!root.requiresGrad()) {
        throw new IllegalStateException("backward: tensor of shape " + root.shape()
            + " does not require grad and has no grad_fn; no input of its computation required grad");
      }
      if (root.gradFn() == null) {
        sink.leaf(root, seed, rootGrads != null);
      } else {
        pending.merge(root.gradFn(), seed, Tensor::add);
        starts.add(root.gradFn());
      }
    }
    List<Node> order = topologicalOrder(starts);
    try (var mode = createGraph ? GradMode.on() : GradMode.off()) {
      for (int i = order.size() - 1; i >= 0; i--) {
        Node node = order.get(i);
        Tensor dy = pending.remove(node);
        if (dy != null) {
          propagate(node, dy, pending, sink);
        }
        if (!retainGraph) node.release();
      }
    }
  }

  private static void propagate(Node node, Tensor dy, Map<Node, Tensor> pending, Sink sink) {
    if (node.isReleased()) {
      throw new IllegalStateException(node.fn.name() + ": backward through a graph that was "
          + "already freed by an earlier backward; pass retainGraph=true to the first backward "
          + "if you need to go through it twice");
    }
    sink.reached(node, dy);
    Tensor[] inputs = node.inputs();
    Tensor[] grads;
    if (AnomalyMode.isEnabled()) {
      AnomalyMode.inBackward(node);
      try {
        grads = node.fn.backward(node.ctx, dy);
      } finally {
        AnomalyMode.inBackward(null);
      }
    } else {
      grads = node.fn.backward(node.ctx, dy);
    }
    if (grads == null || grads.length != inputs.length) {
      throw new IllegalStateException(node.fn.name() + ": backward returned "
          + (grads == null ? "null" : grads.length + " gradients") + " for " + inputs.length + " inputs");
    }
    for (int j = 0; j < inputs.length; j++) {
      Tensor g = grads[j];
      if (!node.ctx.needsGrad(j) || g == null) continue;
      Tensor in = inputs[j];
      if (AnomalyMode.isEnabled()) AnomalyMode.checkBackward(node, j, g);
      if (!g.shape().equals(in.shape()) || g.dtype() != in.dtype()) {
        throw new IllegalStateException(node.fn.name() + ": backward returned a gradient of "
            + g.dtype() + " " + g.shape() + " for input " + j + " of " + in.dtype() + " " + in.shape());
      }
      if (in.gradFn() != null) {
        pending.merge(in.gradFn(), g, Tensor::add);
      } else {
        sink.leaf(in, g, mayBeShared(g, j, grads, dy, node));
      }
    }
  }

  /**
   * Whether gradient {@code j} may share storage with something else: dy, another returned
   * gradient, an input or a saved tensor. Identity checks only, so the common case (a fresh
   * result, e.g. MatMul's weight gradient) is handed to the leaf without a copy.
   */
  private static boolean mayBeShared(Tensor g, int j, Tensor[] grads, Tensor dy, Node node) {
    if (g.sharesStorage(dy) || node.ctx.sharesStorageWithSaved(g)) return true;
    for (int k = 0; k < grads.length; k++) {
      if (k != j && grads[k] != null && grads[k].dtype() == g.dtype() && grads[k].sharesStorage(g)) return true;
    }
    for (Tensor in : node.inputs()) {
      if (in.dtype() == g.dtype() && in.sharesStorage(g)) return true;
    }
    return false;
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

  /** Nodes reachable from {@code starts}, each after every node that feeds it: walk it backwards for backprop. */
  private static List<Node> topologicalOrder(List<Node> starts) {
    List<Node> order = new ArrayList<>();
    Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    // Iterative post-order DFS: deep graphs (long RNN-like chains) must not overflow the stack.
    Deque<Node> nodes = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>();
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
