package dev.chainrule.examples.mnist;

import dev.chainrule.autograd.Shape;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.examples.data.DataSplit;
import dev.chainrule.nn.data.Dataset;

/** Turns MNIST splits into datasets of float32 [n, 784] images and [n] class-index targets. */
public final class MnistData {
  private MnistData() {}

  /** The split as a dataset: images [n, rows·cols] float32 in [0, 1], targets [n] class indices 0–9. */
  public static Dataset toDataset(DataSplit split) {
    Tensor images = Tensor.wrap(Shape.of(split.count(), split.features()), split.images());
    double[] labels = new double[split.count()];
    for (int i = 0; i < labels.length; i++) labels[i] = split.label(i);
    return new Dataset(images, Tensor.of(labels, labels.length).to(images.dtype()));
  }
}
