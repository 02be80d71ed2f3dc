package dev.chainrule.autograd.gradients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.ops.Abs;
import dev.chainrule.autograd.ops.Add;
import dev.chainrule.autograd.ops.Cast;
import dev.chainrule.autograd.ops.Clamp;
import dev.chainrule.autograd.ops.Concat;
import dev.chainrule.autograd.ops.Div;
import dev.chainrule.autograd.ops.Exp;
import dev.chainrule.autograd.ops.Expand;
import dev.chainrule.autograd.ops.IndexAdd;
import dev.chainrule.autograd.ops.IndexSelect;
import dev.chainrule.autograd.ops.Log;
import dev.chainrule.autograd.ops.LogSumExp;
import dev.chainrule.autograd.ops.Linear;
import dev.chainrule.autograd.ops.MatMul;
import dev.chainrule.autograd.ops.Max;
import dev.chainrule.autograd.ops.Maximum;
import dev.chainrule.autograd.ops.Minimum;
import dev.chainrule.autograd.ops.Mul;
import dev.chainrule.autograd.ops.Neg;
import dev.chainrule.autograd.ops.Permute;
import dev.chainrule.autograd.ops.Pow;
import dev.chainrule.autograd.ops.PowScalar;
import dev.chainrule.autograd.ops.Primitive;
import dev.chainrule.autograd.ops.Relu;
import dev.chainrule.autograd.ops.Reshape;
import dev.chainrule.autograd.ops.ScalarAdd;
import dev.chainrule.autograd.ops.ScalarMul;
import dev.chainrule.autograd.ops.Sigmoid;
import dev.chainrule.autograd.ops.Slice;
import dev.chainrule.autograd.ops.Sqrt;
import dev.chainrule.autograd.ops.Step;
import dev.chainrule.autograd.ops.Sub;
import dev.chainrule.autograd.ops.Sum;
import dev.chainrule.autograd.ops.Tanh;
import dev.chainrule.autograd.ops.Unslice;
import dev.chainrule.autograd.ops.Where;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Every primitive has a gradient property. {@link Primitive} is sealed, so a new primitive shows
 * up in {@code getPermittedSubclasses()} and this test fails until a property checks it.
 */
class PrimitiveCoverageTest {
  /** Primitive → the property that checks its gradient ("Class#method"). */
  static final Map<Class<?>, String> COVERED = Map.ofEntries(
      Map.entry(Add.class, "ElementwiseGradientProperties#add"),
      Map.entry(Sub.class, "ElementwiseGradientProperties#sub"),
      Map.entry(Mul.class, "ElementwiseGradientProperties#mul"),
      Map.entry(Div.class, "ElementwiseGradientProperties#div"),
      Map.entry(Pow.class, "ElementwiseGradientProperties#powTensor"),
      Map.entry(PowScalar.class, "ElementwiseGradientProperties#powScalar"),
      Map.entry(Maximum.class, "ElementwiseGradientProperties#maximum"),
      Map.entry(Minimum.class, "ElementwiseGradientProperties#minimum"),
      Map.entry(ScalarAdd.class, "ElementwiseGradientProperties#scalarAddSubMulDiv"),
      Map.entry(ScalarMul.class, "ElementwiseGradientProperties#scalarAddSubMulDiv"),
      Map.entry(Neg.class, "ElementwiseGradientProperties#neg"),
      Map.entry(Exp.class, "ElementwiseGradientProperties#exp"),
      Map.entry(Log.class, "ElementwiseGradientProperties#log"),
      Map.entry(Sqrt.class, "ElementwiseGradientProperties#sqrt"),
      Map.entry(Sigmoid.class, "ElementwiseGradientProperties#sigmoid"),
      Map.entry(Tanh.class, "ElementwiseGradientProperties#tanh"),
      Map.entry(Relu.class, "ElementwiseGradientProperties#relu"),
      Map.entry(Step.class, "ElementwiseGradientProperties#step"),
      Map.entry(Abs.class, "ElementwiseGradientProperties#abs"),
      Map.entry(Clamp.class, "ElementwiseGradientProperties#clamp"),
      Map.entry(Where.class, "ElementwiseGradientProperties#where"),
      Map.entry(Cast.class, "ElementwiseGradientProperties#castRoundTrip"),
      Map.entry(MatMul.class, "MatMulGradientProperties#transposedPrimitive"),
      Map.entry(Linear.class, "MatMulGradientProperties#linear"),
      Map.entry(Permute.class, "ShapeGradientProperties#permute"),
      Map.entry(Reshape.class, "ShapeGradientProperties#reshapeAndFlatten"),
      Map.entry(Expand.class, "ShapeGradientProperties#expand"),
      Map.entry(Slice.class, "ShapeGradientProperties#slice"),
      Map.entry(Unslice.class, "ShapeGradientProperties#unslice"),
      Map.entry(IndexSelect.class, "ShapeGradientProperties#indexSelect"),
      Map.entry(IndexAdd.class, "ShapeGradientProperties#indexAdd"),
      Map.entry(Concat.class, "ShapeGradientProperties#concat"),
      Map.entry(Sum.class, "ReductionGradientProperties#sum"),
      Map.entry(Max.class, "ReductionGradientProperties#max"),
      Map.entry(LogSumExp.class, "ReductionGradientProperties#logsumexp"));

  @Test void everyPrimitiveHasAGradientProperty() {
    TreeSet<String> uncovered = new TreeSet<>();
    for (Class<?> primitive : Primitive.class.getPermittedSubclasses()) {
      if (!COVERED.containsKey(primitive)) uncovered.add(primitive.getSimpleName());
    }
    assertTrue(uncovered.isEmpty(), "primitives with no gradient property: " + uncovered
        + "; add a property and an entry in PrimitiveCoverageTest.COVERED");
  }

  /** The map cannot name a property that does not exist (a rename would otherwise hide a gap). */
  @Test void everyNamedPropertyExists() throws ClassNotFoundException {
    List<String> missing = new ArrayList<>();
    for (String ref : COVERED.values()) {
      String[] parts = ref.split("#");
      Class<?> owner = Class.forName(getClass().getPackageName() + "." + parts[0]);
      boolean found = false;
      for (Method m : owner.getDeclaredMethods()) {
        found |= m.getName().equals(parts[1]) && m.isAnnotationPresent(Property.class);
      }
      if (!found) missing.add(ref);
    }
    assertTrue(missing.isEmpty(), "COVERED names properties that do not exist: " + missing);
  }
}
