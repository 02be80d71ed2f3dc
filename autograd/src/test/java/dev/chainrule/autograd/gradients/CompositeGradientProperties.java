package dev.chainrule.autograd.gradients;

import static dev.chainrule.autograd.gradients.Checks.REALS;
import static dev.chainrule.autograd.gradients.Checks.gradientsAndGradGrad;
import static dev.chainrule.autograd.testing.TensorArbitraries.broadcastableTo;
import static dev.chainrule.autograd.testing.TensorArbitraries.shapes;
import static dev.chainrule.autograd.testing.TensorArbitraries.tensors;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random expressions of 2 to 5 smooth operations over 1 to 3 inputs (which broadcast against
 * each other): the chain rule through shared subexpressions, broadcasting and reductions, first
 * and second order. Every operation keeps its operands' rank, so any two values broadcast.
 */
class CompositeGradientProperties {

  /** The operations a step may apply; each is smooth and finite on any input an expression can reach. */
  enum Op {
    ADD(2, (a, b) -> a.add(b)),
    SUB(2, (a, b) -> a.sub(b)),
    MUL(2, (a, b) -> a.mul(b)),
    DIV(2, (a, b) -> a.div(b.square().add(1.0))),
    MATCH(2, (a, b) -> a.tanh().mul(b.sigmoid())),
    SIGMOID(1, a -> a.sigmoid()),
    TANH(1, a -> a.tanh()),
    SQUARE(1, a -> a.square()),
    SOFTPLUS(1, a -> a.tanh().exp().add(1.0).log()),
    SQRT(1, a -> a.square().add(0.5).sqrt()),
    SCALE(1, a -> a.mul(-0.7).add(0.3)),
    SUM_LAST(1, a -> a.rank() == 0 ? a.mul(2.0) : a.sum(new int[] {-1}, true)),
    MEAN_FIRST(1, a -> a.rank() == 0 ? a.neg() : a.mean(new int[] {0}, true)),
    SOFTMAX_LAST(1, a -> a.rank() == 0 ? a.exp() : a.softmax(-1)),
    LOGSUMEXP_FIRST(1, a -> a.rank() == 0 ? a.sigmoid() : a.logsumexp(0, true)),
    // pow of a base kept in [1, 2]: nested, (x²+1)^1.5 grew past 1e30 and central differences
    // with eps 1e-6 lost every digit to rounding (a false failure seen in CI runs).
    POW(1, a -> a.tanh().square().add(1.0).pow(1.5));

    final int arity;
    final BinaryOperator<Tensor> f;

    Op(int arity, BinaryOperator<Tensor> f) {
      this.arity = arity;
      this.f = f;
    }

    Op(int arity, UnaryOperator<Tensor> f) {
      this(arity, (a, b) -> f.apply(a));
    }
  }

  /** v[inputs + i] = op(v[a], v[b]): operands name earlier values, so values can be shared. */
  record Step(Op op, int a, int b) {}

  /** A straight-line program; its result is the last value. */
  record Expression(int inputs, List<Step> steps) {
    Tensor eval(Tensor[] x) {
      List<Tensor> v = new ArrayList<>(List.of(x));
      for (Step s : steps) v.add(s.op().f.apply(v.get(s.a()), v.get(s.b())));
      return v.get(v.size() - 1);
    }

    @Override public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        sb.append("v").append(inputs + i).append(" = ").append(s.op()).append("(v").append(s.a());
        if (s.op().arity == 2) sb.append(", v").append(s.b());
        sb.append("); ");
      }
      return sb.toString();
    }
  }

  record Case(Expression expression, List<Tensor> inputs) {}

  @Provide Arbitrary<Case> expressions() {
    Arbitrary<Integer> inputCount = Arbitraries.integers().between(1, 3);
    Arbitrary<Integer> stepCount = Arbitraries.integers().between(2, 5);
    return Combinators.combine(inputCount, stepCount, shapes(0, 3, 1, 3)).flatAs((n, k, shape) -> {
      Arbitrary<Step> raw = Combinators.combine(Arbitraries.of(Op.class),
          Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 99)).as(Step::new);
      Arbitrary<Expression> expression = raw.list().ofSize(k).map(steps -> {
        List<Step> wired = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
          Step s = steps.get(i);
          int available = n + i;
          // The last step reads the value just before it, so no step is dead code.
          int a = i == steps.size() - 1 ? available - 1 : s.a() % available;
          wired.add(new Step(s.op(), a, s.b() % available));
        }
        return new Expression(n, wired);
      });
      Arbitrary<Tensor> input = broadcastableTo(shape).flatMap(s -> tensors(s, DType.F64, REALS));
      return Combinators.combine(expression, input.list().ofSize(n)).as(Case::new);
    });
  }

  @Property(tries = 200) void compositeExpressions(@ForAll("expressions") Case c) {
    gradientsAndGradGrad(c.expression().toString(), c.expression()::eval, c.inputs());
  }
}
