package dev.chainrule.autograd.check;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every built-in primitive passes the nine-item contract (the case table fails if one is missing). */
class BuiltinContractTest {

  @TestFactory
  Stream<DynamicTest> everyPrimitivePassesTheContract() {
    Map<Class<?>, PrimitiveCases.Case> cases = PrimitiveCases.forEveryPrimitive();
    return cases.values().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      ContractReport r = c.contract().check();
      System.out.println(r.report());
      r.assertPassed();
    }));
  }
}
