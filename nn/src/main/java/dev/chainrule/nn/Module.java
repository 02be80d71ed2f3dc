package dev.chainrule.nn;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a network: a differentiable map {@link #forward(Tensor)} from a batch to a batch,
 * owning named parameters and child modules.
 *
 * <p>Built-in layers and researchers' own are written the same way: register parameters with
 * {@link #param(String, Tensor)} and sub-modules with {@link #child(String, Module)} in the
 * constructor (or field initialisers), and compose {@link Tensor} operations in {@code forward}.
 * <pre>{@code
 * final class Scale extends Module {               // y = x · α, one α per feature
 *   private final Tensor alpha;
 *   Scale(int features) { alpha = param("alpha", Tensor.ones(features)); }
 *   @Override public Tensor forward(Tensor x) { return x.mul(alpha); }
 * }
 * }</pre>
 *
 * <p>{@link #namedParameters()} lists this module's parameters in registration order, then each
 * child's under {@code childName + "." + paramName}, recursively: the order and names are stable,
 * so a {@link Sequential} of {@link Dense} layers yields PyTorch's state-dict names
 * ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...).
 *
 * <p>Modules start in training mode; {@link #eval()} switches the whole tree to evaluation mode
 * (what {@link Dropout} looks at).
 */
public abstract class Module {
  private final Map<String, Tensor> params = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;
  private final List<ForwardHook> forwardHooks = new ArrayList<>();

  /** For subclasses, which register their parameters and children in their own constructors. */
  protected Module() {}

  /** Maps a batch (first dimension = examples) to the outputs for that batch. */
  public abstract Tensor forward(Tensor x);

  /**
   * {@link #forward} followed by this module's forward hooks, in the order they were added: how
   * {@link Sequential} and the trainer run a module (PyTorch's {@code module(x)}). Without hooks
   * it is exactly {@code forward(x)}.
   */
  public final Tensor call(Tensor x) {
    Tensor y = forward(x);
    if (forwardHooks.isEmpty()) return y;   // the common case, without a copy of the list per call
    for (ForwardHook hook : List.copyOf(forwardHooks)) {
      Tensor replaced = hook.afterForward(this, x, y);
      if (replaced != null) y = replaced;
    }
    return y;
  }

  /** Whether a forward hook is registered (a hook may keep the tensors it sees). */
  final boolean hasForwardHooks() {
    return !forwardHooks.isEmpty();
  }

    /** Adds a hook run after every {@link #call} of this module; returns the action that removes it. */
  public final Runnable addForwardHook(ForwardHook hook) {
    if (hook == null) throw new IllegalArgumentException(this + ": forward hook is null");
    forwardHooks.add(hook);
    return () -> forwardHooks.remove(hook);
  }

  /**
   * Registers {@code value} as the parameter {@code name} (marking it to require grad, see
   * {@link Parameter#of}) and returns it, for assignment to a field.
   */
  protected final Tensor param(String name, Tensor value) {
    checkName(name);
    Tensor p = Parameter.of(value);
    params.put(name, p);
    return p;
  }

  /**
   * Registers {@code value} as the buffer {@code name}: state that is saved and loaded with the
   * parameters but not trained (batch norm's running statistics, PyTorch's {@code register_buffer}).
   * The module updates it in place ({@code copyInPlace}, ...), so keep it in a final field.
   */
  protected final Tensor buffer(String name, Tensor value) {
    checkName(name);
    if (value.requiresGrad()) throw new IllegalArgumentException(this + ": buffer '" + name + "' must not require grad");
    buffers.put(name, value);
    return value;
  }

  /** Registers {@code module} as the child {@code name} and returns it. */
  protected final <M extends Module> M child(String name, M module) {
    checkName(name);
    if (module == this) throw new IllegalArgumentException(this + ": a module cannot be its own child");
    module.train(training);
    children.put(name, module);
    return module;
  }

  private void checkName(String name) {
    if (name == null || name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException(this + ": name '" + name + "' must be non-empty and contain no '.'");
    }
    if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException(this + ": name '" + name + "' is already registered");
    }
  }

  /** All parameters with their dotted names, own first then children's, in registration order. Unmodifiable. */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out);
    return Collections.unmodifiableMap(out);
  }

  private void collect(String prefix, Map<String, Tensor> out) {
    params.forEach((name, p) -> out.put(prefix + name, p));
    children.forEach((name, m) -> m.collect(prefix + name + ".", out));
  }

  /** All buffers with their dotted names, own first then children's, in registration order. Unmodifiable. */
  public final Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectBuffers("", out);
    return Collections.unmodifiableMap(out);
  }

  private void collectBuffers(String prefix, Map<String, Tensor> out) {
    buffers.forEach((name, b) -> out.put(prefix + name, b));
    children.forEach((name, m) -> m.collectBuffers(prefix + name + ".", out));
  }

  /**
   * Everything a checkpoint holds, in PyTorch's {@code state_dict} order: each module's
   * parameters, then its buffers, then its children's entries under {@code childName + "."}.
   * Without buffers this is {@link #namedParameters()}. Unmodifiable.
   */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectState("", out);
    return Collections.unmodifiableMap(out);
  }

  private void collectState(String prefix, Map<String, Tensor> out) {
    params.forEach((name, p) -> out.put(prefix + name, p));
    buffers.forEach((name, b) -> out.put(prefix + name, b));
    children.forEach((name, m) -> m.collectState(prefix + name + ".", out));
  }

  /**
   * {@code forward(x)} with every parameter replaced by the tensor of the same dotted name in
   * {@code values}, as PyTorch's {@code torch.func.functional_call}: the graph runs through the
   * given tensors, so gradients (and second derivatives) go to them, and the module's own
   * parameters are back in place, untouched, when this returns or throws. This is how
   * {@code ModuleContract} checks a module as a function of its parameters.
   *
   * <p>The module's fields are repointed for the duration of the call (through reflection, as
   * PyTorch swaps attributes), so parameters must be held in fields ({@code this.w = param("w", ...)},
   * as every built-in layer does), and the module must not be used by another thread meanwhile.
   */
  public final Tensor forwardWith(Map<String, Tensor> values, Tensor x) {
    return ParameterSwap.run(this, values, () -> call(x));
  }

  /** The names this module registered itself (not its children's). */
  final List<String> ownParameterNames() { return List.copyOf(params.keySet()); }

  /** Points the registry entry {@code name} at {@code value}, returning the previous tensor; for {@link ParameterSwap}. */
  final Tensor replaceRegistered(String name, Tensor value) { return params.put(name, value); }

  /** The parameters in the order of {@link #namedParameters()}, e.g. to hand to an optimizer. */
  public final List<Tensor> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /** The direct children, by name, in registration order. Unmodifiable. */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /** Total number of scalar parameters. */
  public final long parameterCount() {
    long n = 0;
    for (Tensor p : namedParameters().values()) n += p.size();
    return n;
  }

  /** Sets training ({@code true}) or evaluation mode on this module and all its descendants; returns this. */
  public Module train(boolean on) {
    training = on;
    for (Module m : children.values()) m.train(on);
    return this;
  }

  /** Training mode for the whole tree; returns this. */
  public final Module train() { return train(true); }

  /** Evaluation mode for the whole tree (dropout off); returns this. */
  public final Module eval() { return train(false); }

  /** Whether this module is in training mode. */
  public final boolean isTraining() { return training; }

  /** Clears the accumulated gradient of every parameter. */
  public final void zeroGrad() {
    for (Tensor p : namedParameters().values()) p.zeroGrad();
  }

  /** Copies of the parameter and buffer values ({@link #stateDict()}) under their names, outside the graph: a snapshot to restore with {@link #loadValues}. */
  public final Map<String, Tensor> copyValues() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    stateDict().forEach((name, p) -> out.put(name, Tensor.zeros(p.dtype(), p.shape()).copyInPlace(p)));
    return out;
  }

  /**
   * Copies {@code values} into the parameters and buffers ({@link #stateDict()}) of the same names,
   * in place (converting the dtype if needed). Every entry must be present with its exact shape,
   * and no other names.
   */
  public final void loadValues(Map<String, Tensor> values) {
    Map<String, Tensor> named = stateDict();
    List<String> missing = new ArrayList<>();
    for (String name : named.keySet()) if (!values.containsKey(name)) missing.add(name);
    List<String> unexpected = new ArrayList<>();
    for (String name : values.keySet()) if (!named.containsKey(name)) unexpected.add(name);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter names do not match; missing "
          + firstFew(missing) + ", unexpected " + firstFew(unexpected));
    }
    named.forEach((name, p) -> {
      Tensor v = values.get(name);
      if (!v.shape().equals(p.shape())) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name + "' has shape " + p.shape()
            + ", values have shape " + v.shape());
      }
    });
    try (var noGrad = GradMode.off()) {
      named.forEach((name, p) -> p.copyInPlace(values.get(name)));
    }
  }

  /** At most ten names, then how many more: a file of a million tensors must not make a megabyte message. */
  private static String firstFew(List<String> names) {
    if (names.size() <= 10) return names.toString();
    return names.subList(0, 10).toString().replaceFirst("]$", ", ... and " + (names.size() - 10) + " more]");
  }

  /** The class name; layers override it to show their hyperparameters, e.g. {@code Dense(784->100)}. */
  @Override public String toString() {
    return getClass().getSimpleName() + "()";
  }
}
