package dev.chainrule.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pictures of the recorded graph, in Graphviz DOT (render with {@code dot -Tpng graph.dot -o graph.png}).
 *
 * <p>Each operation is a box with its output's dtype and shape and the tensors it saved for
 * backward (with their sizes); the leaves that require gradients are blue, named when a name is
 * given; the tensor drawn from is green. Inputs that need no gradient are left out, as no
 * gradient flows to them. A gradient computed with {@code createGraph} has a graph of its own:
 * draw it to see the backward pass that higher derivatives run through.
 *
 * <p>Draw before {@code backward()}, or pass {@code retainGraph}: backward frees what it walked,
 * and a freed operation is drawn without its inputs. Node ids are given in the order a depth-first
 * walk from the drawn tensor meets them, so the same computation always gives the same text.
 */
public final class Graphs {
  private Graphs() {}

  /** The graph that computed {@code tensor}, in DOT. */
  public static String toDot(Tensor tensor) {
    return toDot(tensor, Map.of());
  }

  /**
   * The graph that computed {@code tensor}, in DOT, labelling each leaf found in {@code names}
   * with its key (pass a module's {@code namedParameters()}).
   */
  public static String toDot(Tensor tensor, Map<String, Tensor> names) {
    if (tensor == null) throw new IllegalArgumentException("toDot: tensor is null");
    if (names == null) throw new IllegalArgumentException("toDot: names is null (pass Map.of() for none)");
    Map<Tensor, String> nameOf = new IdentityHashMap<>();
    names.forEach((name, t) -> nameOf.put(t, name));
    return new Drawing(nameOf).draw(tensor);
  }

  /** One drawing: ids for nodes and leaves in the order they are met, then the lines. */
  private static final class Drawing {
    private final Map<Tensor, String> nameOf;
    private final Map<Object, Integer> ids = new IdentityHashMap<>();
    private final List<String> nodes = new ArrayList<>();
    private final List<String> edges = new ArrayList<>();

    Drawing(Map<Tensor, String> nameOf) {
      this.nameOf = nameOf;
    }

    String draw(Tensor root) {
      Deque<Node> pending = new ArrayDeque<>();   // a work list, not recursion: graphs can be deep
      int rootId = visit(root, pending);
      if (root.gradFn() == null && !root.requiresGrad()) {
        nodes.add(line(rootId, "constant\\n" + typeOf(root.dtype(), root.shape()), "box", "white"));
      }
      while (!pending.isEmpty()) {
        Node node = pending.pollFirst();
        int id = ids.get(node);
        Tensor[] inputs = node.inputs();
        nodes.add(line(id, opLabel(node), "box", node == root.gradFn() ? "darkolivegreen1" : "lightgrey"));
        if (inputs == null) continue;
        for (Tensor in : inputs) {
          if (in.gradFn() == null && !in.requiresGrad()) continue;   // no gradient flows there
          edges.add("  n" + visit(in, pending) + " -> n" + id + ";");
        }
      }
      StringBuilder dot = new StringBuilder("digraph chainrule {\n");
      dot.append("  node [fontname=\"monospace\", fontsize=10, style=filled];\n");
      nodes.forEach(n -> dot.append(n).append('\n'));
      edges.forEach(e -> dot.append(e).append('\n'));
      return dot.append("}\n").toString();
    }

    /** The id of {@code t}'s node (queued when new) or of {@code t} itself as a leaf (drawn when new). */
    private int visit(Tensor t, Deque<Node> pending) {
      Object key = t.gradFn() != null ? t.gradFn() : t;
      Integer id = ids.get(key);
      if (id != null) return id;
      id = ids.size();
      ids.put(key, id);
      if (t.gradFn() != null) {
        pending.addLast(t.gradFn());
      } else if (t.requiresGrad()) {
        String name = nameOf.getOrDefault(t, "leaf");
        nodes.add(line(id, escape(name) + "\\n" + typeOf(t.dtype(), t.shape()), "box", "lightblue"));
      }
      return id;
    }

    private static String opLabel(Node node) {
      StringBuilder label = new StringBuilder(escape(node.fn.name()));
      label.append("\\n").append(typeOf(node.outDType, node.outShape));
      if (node.isReleased()) return label.append("\\n(freed by backward)").toString();
      for (Tensor s : node.ctx.savedTensors()) {
        label.append("\\nsaved ").append(typeOf(s.dtype(), s.shape()))
            .append(" ").append(bytes((long) s.size() * s.dtype().bytes()));
      }
      return label.toString();
    }
  }

  private static String line(int id, String label, String shape, String color) {
    return "  n" + id + " [label=\"" + label + "\", shape=" + shape + ", fillcolor=" + color + "];";
  }

  private static String typeOf(DType dtype, Shape shape) {
    return dtype + " " + shape;
  }

  /** Bytes in B, KB or MB (powers of 1024), one decimal above a kilobyte. */
  static String bytes(long n) {
    if (n < 1024) return n + " B";
    if (n < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KB", n / 1024.0);
    return String.format(java.util.Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
