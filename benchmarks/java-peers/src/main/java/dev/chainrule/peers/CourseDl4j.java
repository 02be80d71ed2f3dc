package dev.chainrule.peers;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * The course recipe in DL4J ({@code MultiLayerNetwork}: a sigmoid {@code DenseLayer} and a
 * sigmoid {@code OutputLayer}) on ND4J's native CPU backend, one {@code fit(DataSet)} per
 * mini-batch, as DL4J's iterator-driven {@code fit} does.
 *
 * <p>Cost and rate: DL4J's {@link LossL2} is Σ ||y − a||² per example (no ½) and DL4J averages
 * gradients over the mini-batch, so {@code Sgd(η / 2)} performs the course update
 * w ← w − (η/m) Σ_x ∂C_x/∂w with C_x = ½ ||y_x − a_x||².
 *
 * <p>Run by {@code benchmarks/java-peers/run.sh} single-threaded: {@code OMP_NUM_THREADS=1},
 * {@code OPENBLAS_NUM_THREADS=1}, and here ND4J's own thread settings
 * ({@code Environment.setMaxThreads/setMaxMasterThreads(1)}, {@code Blas.setMaxThreads(1)}), and
 * ND4J's periodic {@code System.gc()} off.
 */
public final class CourseDl4j extends CourseRun {
  private MultiLayerNetwork net;

  public static void main(String[] args) throws Exception {
    new CourseDl4j().run(args);
  }

  @Override
  String name() {
    return "course_dl4j";
  }

  @Override
  void build(Random gaussian) {
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
    Nd4j.factory().blas().setMaxThreads(1);
    // ND4J calls System.gc() every few seconds by default to free native buffers; its
    // performance guide says to switch that off when memory allows (it does here).
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    Nd4j.setDefaultDataTypes(org.nd4j.linalg.api.buffer.DataType.FLOAT, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .updater(new Sgd(ETA / 2))
        .list()
        .layer(new DenseLayer.Builder().nIn(MnistIdx.PIXELS).nOut(HIDDEN).activation(Activation.SIGMOID).build())
        .layer(new OutputLayer.Builder().lossFunction(new LossL2()).nIn(HIDDEN).nOut(CLASSES)
            .activation(Activation.SIGMOID).build())
        .build();
    net = new MultiLayerNetwork(conf);
    net.init();
    // Every weight and bias N(0, 1), as the course (DL4J's bias init is a constant).
    INDArray params = net.params();
    params.assign(Nd4j.create(gaussians(gaussian, (int) params.length()), params.shape()));
  }

  @Override
  void step(float[] x, float[] y, int m) {
    INDArray input = Nd4j.create(x, new long[] {m, MnistIdx.PIXELS}, 'c');
    INDArray target = Nd4j.create(y, new long[] {m, CLASSES}, 'c');
    net.fit(new DataSet(input, target));
  }

  @Override
  int[] predict(float[] images, int count) {
    INDArray out = net.output(Nd4j.create(images, new long[] {count, MnistIdx.PIXELS}, 'c'));
    return out.argMax(1).toIntVector();
  }

  @Override
  String describe() {
    return "library=dl4j-1.0.0-M2.1 backend=" + Nd4j.getBackend().getClass().getSimpleName()
        + " blas=" + Nd4j.factory().blas().getBlasVendor().name().toLowerCase(java.util.Locale.ROOT)
        + "(" + mappedLibraries("openblas", "mkl", "libblas") + ")"
        + " threads=" + Nd4j.getEnvironment().maxThreads() + " blas_threads=" + Nd4j.factory().blas().getMaxThreads()
        + " omp_num_threads=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
  }
}
