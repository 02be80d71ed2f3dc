package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a module with other tensors in place of its parameters and puts the parameters back, the
 * way PyTorch's {@code torch.func.functional_call} swaps module attributes: every field of every
 * module in the tree that holds a parameter is pointed at the replacement, and so is the
 * parameter registry, for the duration of one call.
 */
final class ParameterSwap {
  private ParameterSwap() {}

  static Tensor run(Module root, Map<String, Tensor> values, Supplier<Tensor> body) {
    Map<String, Tensor> current = root.namedParameters();
    checkNamesAndShapes(root, current, values);
    IdentityHashMap<Tensor, Tensor> replacement = new IdentityHashMap<>();
    current.forEach((name, p) -> replacement.put(p, values.get(name)));
    Deque<Runnable> undo = new ArrayDeque<>();
    try {
      Set<Tensor> found = Collections.newSetFromMap(new IdentityHashMap<>());
      swapTree(root, "", values, replacement, found, undo);
      List<String> unheld = new ArrayList<>();
      current.forEach((name, p) -> { if (!found.contains(p)) unheld.add(name); });
      if (!unheld.isEmpty()) {
        throw new IllegalStateException(root + ": parameters " + unheld + " are not held in a Tensor field of any module"
            + " in the tree, so forwardWith cannot replace them; keep each parameter in a field, as"
            + " this.w = param(\"w\", ...)");
      }
      return body.get();
    } finally {
      while (!undo.isEmpty()) undo.pop().run();
    }
  }

  private static void swapTree(Module m, String prefix, Map<String, Tensor> values, IdentityHashMap<Tensor, Tensor> replacement,
                               Set<Tensor> found, Deque<Runnable> undo) {
    for (String name : m.ownParameterNames()) {
      Tensor old = m.replaceRegistered(name, values.get(prefix + name));
      undo.push(() -> m.replaceRegistered(name, old));
    }
    for (Class<?> c = m.getClass(); c != Module.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || !f.getType().isAssignableFrom(Tensor.class)) continue;
        access(m, f);
        Object held = get(f, m);
        if (!(held instanceof Tensor t) || !replacement.containsKey(t)) continue;
        set(f, m, replacement.get(t));
        found.add(t);
        undo.push(() -> set(f, m, t));
      }
    }
    m.children().forEach((name, child) -> swapTree(child, prefix + name + ".", values, replacement, found, undo));
  }

  private static void checkNamesAndShapes(Module root, Map<String, Tensor> current, Map<String, Tensor> values) {
    List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>();
    for (String name : current.keySet()) if (!values.containsKey(name)) missing.add(name);
    for (String name : values.keySet()) if (!current.containsKey(name)) unexpected.add(name);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalArgumentException(root + ": forwardWith needs a value for every parameter; missing " + missing
          + ", unexpected " + unexpected);
    }
    current.forEach((name, p) -> {
      Tensor v = values.get(name);
      if (v == null || !v.shape().equals(p.shape())) {
        throw new IllegalArgumentException(root + ": parameter '" + name + "' has shape " + p.shape() + ", the value given has "
            + (v == null ? "none" : "shape " + v.shape()));
      }
    });
  }

  private static void access(Module m, Field f) {
    try {
      f.setAccessible(true);
    } catch (InaccessibleObjectException e) {
      throw new IllegalStateException(m + ": cannot reach field " + f.getName() + " of " + f.getDeclaringClass().getName()
          + " to swap parameters; open its package to dev.chainrule.nn", e);
    }
  }

  private static Object get(Field f, Object o) {
    try {
      return f.get(o);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read field " + f, e);
    }
  }

  private static void set(Field f, Object o, Object v) {
    try {
      f.set(o, v);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot write field " + f, e);
    }
  }
}
