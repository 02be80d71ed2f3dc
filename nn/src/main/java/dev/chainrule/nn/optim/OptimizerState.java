package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an optimizer must remember between steps, as a checkpoint stores it: per-parameter
 * buffers by kind ({@code "velocity"} for momentum, {@code "m"} and {@code "v"} for Adam's
 * moments), each keyed by the parameter's index in {@link Optimizer#parameters()} (a parameter
 * that has not been stepped yet has none), and named scalars ({@code "step"} for Adam's t).
 * {@link dev.chainrule.nn.Checkpoint} saves it under the parameters' names.
 *
 * @param buffers kind → (parameter index → buffer); unmodifiable
 * @param scalars name → value; unmodifiable
 */
public record OptimizerState(Map<String, Map<Integer, Tensor>> buffers, Map<String, Double> scalars) {
  /** The state of an optimizer that keeps none (plain SGD). */
  public static final OptimizerState EMPTY = new OptimizerState(Map.of(), Map.of());

  /** Copies both maps unmodifiably, kinds in insertion order and indices ascending. */
  public OptimizerState {
    Map<String, Map<Integer, Tensor>> b = new LinkedHashMap<>();
    buffers.forEach((kind, byIndex) -> b.put(kind, Collections.unmodifiableMap(new TreeMap<>(byIndex))));
    buffers = Collections.unmodifiableMap(b);
    scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
  }

  /** Whether there is nothing to save. */
  public boolean isEmpty() {
    return scalars.isEmpty() && buffers.values().stream().allMatch(Map::isEmpty);
  }
}
