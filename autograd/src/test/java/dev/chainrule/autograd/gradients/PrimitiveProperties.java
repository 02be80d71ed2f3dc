package dev.chainrule.autograd.gradients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.ContractItem;
import dev.chainrule.autograd.check.LayerContract;
import dev.chainrule.autograd.ops.Primitive;
import dev.chainrule.autograd.testing.PrimitiveExamples;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one generic property over every built-in primitive: {@code Primitive} is sealed, so
 * {@code getPermittedSubclasses()} lists them all and a new primitive is checked the moment it is
 * permitted. For random values from the op's {@code domain}, on its {@code example()} shapes, in
 * float64: backward matches central finite differences (GradCheck) and the dot-product test
 * ⟨u, J·v⟩ (forward mode, {@code jvp}) = ⟨Jᵀ·u, v⟩ (reverse mode, {@code backward}) holds.
 */
class PrimitiveProperties {

  @Provide Arbitrary<Class<?>> primitives() {
    return Arbitraries.of(PrimitiveExamples.primitives());
  }

  @Property(tries = 300)
  void backwardMatchesFiniteDifferencesAndForwardMode(@ForAll("primitives") Class<?> primitive, @ForAll long seed) {
    Primitive.Example example = PrimitiveExamples.of(primitive);
    Tensor[] inputs = example.sample(new SplittableRandom(seed));
    LayerContract contract = PrimitiveExamples.contract(example, inputs).seed(seed);
    for (ContractItem item : ContractItem.values()) {
      if (item != ContractItem.FINITE_DIFFERENCES && item != ContractItem.DOT_PRODUCT) {
        contract.skip(item, "BuiltinContractTest runs it once per primitive");
      }
    }
    contract.check().assertPassed();
  }

  @Example
  void everyPrimitiveDeclaresAnExampleWithOneShapePerInputAndADomain() {
    List<String> problems = new ArrayList<>();
    for (Class<?> primitive : PrimitiveExamples.primitives()) {
      try {
        Primitive.Example example = PrimitiveExamples.of(primitive);
        if (example.op().getClass() != primitive) problems.add(primitive.getSimpleName() + ": example() applies " + example.op());
        example.sample(new SplittableRandom(1));
      } catch (AssertionError | RuntimeException e) {
        problems.add(e.getMessage());
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
