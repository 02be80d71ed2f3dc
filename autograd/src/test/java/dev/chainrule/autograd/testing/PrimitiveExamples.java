package dev.chainrule.autograd.testing;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.LayerContract;
import dev.chainrule.autograd.ops.Primitive;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Every built-in primitive and its {@code example()}, found through the sealed
 * {@link Primitive}'s permitted subclasses: the generic checks need no hand-kept list.
 */
public final class PrimitiveExamples {
  private PrimitiveExamples() {}

  /** The primitive classes, in {@code permits} order. */
  public static List<Class<?>> primitives() {
    return Arrays.asList(Primitive.class.getPermittedSubclasses());
  }

  /** The example a primitive declares; fails naming the class when it has none. */
  public static Primitive.Example of(Class<?> primitive) {
    try {
      Method m = primitive.getMethod("example");
      if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != Primitive.Example.class) {
        throw new NoSuchMethodException();
      }
      return (Primitive.Example) m.invoke(null);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(primitive.getSimpleName() + " has no 'public static Primitive.Example example()'; "
          + "add one next to its forward, e.g. return Example.of(new " + primitive.getSimpleName() + "(...), Shape.of(3, 4));");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(primitive.getSimpleName() + ".example() failed: " + e.getCause(), e);
    }
  }

  /** The example's op applied to all its inputs, parameters last. */
  public static Function<Tensor[], Tensor> function(Primitive.Example example) {
    return in -> Tensor.apply(example.op(), in);
  }

  /** The indices of the inputs the example holds fixed (not differentiated). */
  public static int[] constants(Primitive.Example example) {
    return example.fixed().keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** A {@link LayerContract} for the example on these inputs (as from {@link Primitive.Example#sample}). */
  public static LayerContract contract(Primitive.Example example, Tensor[] inputs) {
    int n = inputs.length - example.params();
    LayerContract c = LayerContract.of(example.op().toString(), function(example))
        .inputs(Arrays.copyOf(inputs, n))
        .params(Arrays.copyOfRange(inputs, n, inputs.length))
        .constant(constants(example));
    return example.batchAxis() >= 0 ? c.batchAxis(example.batchAxis(), example.outputBatchAxis()) : c;
  }
}
