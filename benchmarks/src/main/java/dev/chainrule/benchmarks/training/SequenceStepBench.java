package dev.chainrule.benchmarks.training;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.LSTMCell;
import dev.chainrule.nn.LayerNorm;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.MultiheadAttention;
import dev.chainrule.nn.Recurrent;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two sequence steps of issue 11, float32, one thread; {@code python/sequence_step_torch.py}
 * times the same steps in PyTorch and {@link SequenceStepCpuTime} times this class by CPU clock.
 *
 * <ul>
 *   <li>{@code lstm}: row-by-row MNIST shapes, {@code Recurrent(LSTMCell(28, 128))} over 28 steps of
 *       a batch of 64, {@code Dense(128, 10)} on the last hidden state, cross-entropy on class indices,
 *       Adam (lr 0.002): zeroGrad, forward, backward, step.
 *   <li>{@code attention}: one post-norm attention block, y = LayerNorm(x + MultiheadAttention(x)),
 *       batch 32, sequence 64, d_model 128, 4 heads: zeroGrad, forward, and backward of a fixed
 *       upstream gradient into every parameter.
 * </ul>
 * Data: {@value #POOL} random batches (seed 7) stepped through in turn; parameters from seed 1,
 * rebuilt before every iteration. Score: µs per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dchainrule.kernels=simd",
    "-Dchainrule.threads=1", "-XX:+UseParallelGC", "-Xmn256m", "-XX:CompileCommand=quiet",
    "-XX:CompileCommand=dontinline,dev.chainrule.autograd.kernel.simd.FloatElementwise::*Loop"})
public class SequenceStepBench {
  static final int POOL = 8;
  static final int LSTM_BATCH = 64, ROWS = 28, COLS = 28, HIDDEN = 128, CLASSES = 10;
  static final int ATTENTION_BATCH = 32, SEQUENCE = 64, MODEL = 128, HEADS = 4;

  /** Which step: {@code lstm} or {@code attention}. */
  @Param({"lstm", "attention"})
  public String model;

  private Tensor[] inputs, targets;
  private Step step;
  private int next;

  /** One training step of a model built from a seed. */
  interface Step {
    /** Runs the step on an input and its target (labels, or the upstream gradient). */
    double run(Tensor input, Tensor target);
  }

  /** The LSTM over the rows, then a dense layer on the last hidden state (RowLstmCommand's network). */
  static final class RowLstm extends Module {
    private final Recurrent lstm;
    private final Dense head;

    RowLstm(SplittableRandom rng) {
      this.lstm = child("lstm", new Recurrent(new LSTMCell(COLS, HIDDEN, rng)));
      this.head = child("head", new Dense(HIDDEN, CLASSES, Init.xavier(), rng));
    }

    @Override public Tensor forward(Tensor rows) {
      return head.forward(lstm.run(rows, null).last().hidden());
    }
  }

  /** y = LayerNorm(x + MultiheadAttention(x)), PyTorch's post-norm encoder block without its MLP. */
  static final class AttentionBlock extends Module {
    private final MultiheadAttention attention;
    private final LayerNorm norm;

    AttentionBlock(SplittableRandom rng) {
      this.attention = child("self_attn", new MultiheadAttention(MODEL, HEADS, rng));
      this.norm = child("norm", new LayerNorm(MODEL));
    }

    @Override public Tensor forward(Tensor x) {
      return norm.forward(x.add(attention.forward(x)));
    }
  }

  /** The input pool, seed 7. */
  @Setup(Level.Trial)
  public void makeData() {
    SplittableRandom rnd = new SplittableRandom(7);
    inputs = new Tensor[POOL];
    targets = new Tensor[POOL];
    for (int p = 0; p < POOL; p++) {
      if (model.equals("lstm")) {
        float[] x = new float[LSTM_BATCH * ROWS * COLS];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() < 0.19 ? (float) (1.0 - rnd.nextDouble()) : 0f;
        inputs[p] = Tensor.wrap(Shape.of(LSTM_BATCH, ROWS, COLS), x);
        float[] classes = new float[LSTM_BATCH];
        for (int i = 0; i < classes.length; i++) classes[i] = rnd.nextInt(CLASSES);
        targets[p] = Tensor.wrap(Shape.of(LSTM_BATCH), classes);
      } else {
        inputs[p] = Tensor.randn(rnd, DType.F32, 0, 1, ATTENTION_BATCH, SEQUENCE, MODEL);
        targets[p] = Tensor.randn(rnd, DType.F32, 0, 1, ATTENTION_BATCH, SEQUENCE, MODEL);
      }
    }
  }

  /** A fresh model, optimizer and step, seed 1. */
  @Setup(Level.Iteration)
  public void makeModel() {
    SplittableRandom rng = new SplittableRandom(1);
    next = 0;
    if (model.equals("lstm")) {
      RowLstm net = new RowLstm(rng);
      Adam adam = new Adam(net.parameters(), 0.002);
      CrossEntropyLoss loss = new CrossEntropyLoss();
      step = (x, labels) -> {
        adam.zeroGrad();
        Tensor cost = loss.apply(net.forward(x), labels);
        cost.backward();
        adam.step();
        return cost.item();
      };
    } else if (model.equals("attention")) {
      AttentionBlock block = new AttentionBlock(rng);
      List<Tensor> params = new ArrayList<>(block.parameters());
      step = (x, upstream) -> {
        block.zeroGrad();
        block.forward(x).backward(upstream);
        return params.get(0).gradForStep().getRaw(0);
      };
    } else {
      throw new IllegalArgumentException("SequenceStepBench: model must be lstm or attention, got '" + model + "'");
    }
  }

  /** One whole step. */
  @Benchmark
  public double step() {
    int p = next;
    next = p + 1 == POOL ? 0 : p + 1;
    return step.run(inputs[p], targets[p]);
  }
}
