package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.check.GradCheck;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The class losses on random shapes, class axes, targets (with ignored positions), label
 * smoothing and reductions: gradients against central differences in float64, and the class
 * axis is only a layout (moving it gives the same losses).
 */
class LossProperties {

  /** A random output of rank 1..3 with its class axis, and class-index targets with some ignored (-100). */
  record Sample(Tensor output, int axis, Tensor target) {}

  static Sample sample(long seed, int rank) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) dims[i] = 1 + r.nextInt(4);
    int axis = r.nextInt(rank);
    dims[axis] = 2 + r.nextInt(3);
    Tensor output = Tensor.rand(r, DType.F64, -2, 2, dims);
    int[] targetDims = ClassIndices.targetDims(output, axis);
    int positions = 1;
    for (int d : targetDims) positions *= d;
    double[] t = new double[positions];
    for (int i = 0; i < positions; i++) t[i] = r.nextInt(5) == 0 ? -100 : r.nextInt(dims[axis]);
    t[0] = 0;   // at least one position counts, so a mean is defined
    return new Sample(output, axis, Tensor.of(t, targetDims));
  }

  @Property(tries = 60)
  void crossEntropyGradientsMatchCentralDifferences(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int rank,
                                                    @ForAll @IntRange(min = 0, max = 2) int smoothingTenths,
                                                    @ForAll Reduction reduction) {
    Sample s = sample(seed, rank);
    CrossEntropyLoss loss = new CrossEntropyLoss().classAxis(s.axis()).reduction(reduction).labelSmoothing(smoothingTenths / 10.0);
    GradCheck.of(in -> loss.apply(in[0], s.target())).check(s.output()).assertPassed();
  }

  @Property(tries = 60)
  void nllOnLogSoftmaxIsCrossEntropy(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int rank,
                                     @ForAll Reduction reduction) {
    Sample s = sample(seed, rank);
    Tensor ce = new CrossEntropyLoss().classAxis(s.axis()).reduction(reduction).apply(s.output(), s.target());
    Tensor nll = new NLLLoss().classAxis(s.axis()).reduction(reduction).apply(s.output().logSoftmax(s.axis()), s.target());
    assertArrayEquals(ce.toDoubleArray(), nll.toDoubleArray(), 1e-12);
    GradCheck.of(in -> new NLLLoss().classAxis(s.axis()).reduction(reduction).apply(in[0], s.target())).check(s.output()).assertPassed();
  }

  @Property(tries = 60)
  void theClassAxisIsOnlyALayout(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int rank) {
    Sample s = sample(seed, rank);
    Tensor moved = s.output().transpose(s.axis(), -1);   // the classes last; the other axes keep their order
    int[] order = new int[rank];
    for (int i = 0, j = 0; i < rank; i++) if (i != s.axis()) order[j++] = i;
    order[rank - 1] = s.axis();
    Tensor classesLast = s.output().permute(order);
    CrossEntropyLoss none = new CrossEntropyLoss().reduction(Reduction.NONE).labelSmoothing(0.1);
    assertArrayEquals(none.classAxis(s.axis()).apply(s.output(), s.target()).toDoubleArray(),
        none.apply(classesLast, s.target()).toDoubleArray(), 1e-12, "moved with " + moved.shape());
  }

  @Property(tries = 40)
  void elementwiseLossGradientsMatchCentralDifferences(@ForAll long seed, @ForAll Reduction reduction,
                                                       @ForAll @IntRange(min = 0, max = 3) int which) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] dims = {1 + r.nextInt(3), 1 + r.nextInt(4)};
    Tensor a = Tensor.rand(r, DType.F64, -3, 3, dims), y = Tensor.rand(r, DType.F64, 0, 1, dims);
    Cost loss = switch (which) {
      case 0 -> new MSELoss(reduction);
      case 1 -> new L1Loss(reduction);
      case 2 -> new HuberLoss(0.7, reduction);
      default -> new BCEWithLogitsLoss(reduction);
    };
    // L1 and Huber have kinks (a = y, |a - y| = delta); uniform samples land within eps of one with
    // probability ~1e-6, too rare to matter.
    GradCheck.of(in -> loss.apply(in[0], y)).check(a).assertPassed();
  }
}
