package com.example.xor;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.BinaryCrossEntropy;
import dev.chainrule.nn.optim.Sgd;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.data.Dataset;
import java.util.SplittableRandom;

/** Learns XOR with a 2-4-1 network and prints the rounded predictions: "xor: 0 1 1 0". */
public final class Xor {
  private Xor() {}

  /** The trained network's outputs for (0,0), (0,1), (1,0), (1,1). */
  public static float[] train() {
    var rng = new SplittableRandom(7);
    Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
    var net = new Sequential(
        new Dense(2, 4, Init.xavier(), rng), Activation.tanh(),
        new Dense(4, 1, Init.xavier(), rng), Activation.sigmoid());
    Trainer.builder()
        .model(net).cost(new BinaryCrossEntropy()).optimizer(new Sgd(net.parameters(), 1.0))
        .epochs(1000).batchSize(4).shuffle(rng)
        .build()
        .fit(new Dataset(x, y));
    return net.forward(x).toFloatArray();
  }

  public static void main(String[] args) {
    StringBuilder line = new StringBuilder("xor:");
    for (float p : train()) line.append(' ').append(Math.round(p));
    System.out.println(line);
  }
}
