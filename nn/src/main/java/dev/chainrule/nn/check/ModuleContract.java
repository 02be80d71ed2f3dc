package dev.chainrule.nn.check;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.LayerContract;
import dev.chainrule.nn.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link LayerContract} for an nn {@link Module}: the module is checked as a function of its one
 * input and its parameters, with the same nine items and report as any layer, and no second copy
 * of the layer written as a lambda:
 * <pre>{@code
 * ModuleContract.of(new Dense(3, 5, Init.xavier(), rng, DType.F64))
 *     .inputs(x).batchAxis(0).check().assertPassed();
 * }</pre>
 *
 * <p>The parameters' current values (converted to float64) are the contract's parameters, in the
 * order of {@link Module#namedParameters()} ("param 0" is the first name, listed in the
 * contract's name). Each evaluation runs {@link Module#forwardWith} on fresh copies, so the module
 * itself is never changed. The module is used in its current mode: call {@code eval()} first for
 * a layer such as dropout that is random in training mode.
 */
public final class ModuleContract {
  private ModuleContract() {}

  /** A contract on {@code module}; give it {@code inputs(x)} (one input) and any other options, then {@code check()}. */
  public static LayerContract of(Module module) {
    Map<String, Tensor> named = module.namedParameters();
    List<String> names = List.copyOf(named.keySet());
    Tensor[] params = new Tensor[names.size()];
    for (int i = 0; i < params.length; i++) {
      Tensor p = named.get(names.get(i));
      params[i] = Tensor.of(p.toDoubleArray(), p.dims());
    }
    String name = module.toString().replace("\n", " ") + (names.isEmpty() ? "" : " params " + names);
    return LayerContract.of(name, (in, p) -> {
      if (in.length != 1) {
        throw new IllegalArgumentException("ModuleContract " + module + ": a Module takes one input, the contract was given " + in.length);
      }
      Map<String, Tensor> values = new LinkedHashMap<>();
      for (int i = 0; i < p.length; i++) values.put(names.get(i), p[i]);
      return module.forwardWith(values, in[0]);
    }).params(params);
  }
}
