package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Persistent gradient buffers: zeroGrad() keeps a gradient nobody holds, the next backward
 * overwrites it (Linear's weight gradient is written straight into it), and the bits are those of
 * a fresh gradient. A gradient a caller took with grad() never changes.
 */
class GradientBufferTest {
  private static Tensor random(SplittableRandom rnd, int... dims) {
    int n = 1;
    for (int d : dims) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
    return Tensor.of(v, dims);
  }

  /** One Linear layer: weights, bias, two batches. */
  private record Layer(Tensor w, Tensor b, Tensor x1, Tensor x2) {
    static Layer seeded(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      return new Layer(random(rnd, 3, 5).requiresGrad(true), random(rnd, 3).requiresGrad(true),
          random(rnd, 4, 5), random(rnd, 4, 5));
    }

    void backward(Tensor x) { x.linear(w, b).sigmoid().sum().backward(); }
  }

  @Test void theNextBackwardWritesIntoTheKeptBufferWithTheBitsOfAFreshGradient() {
    Layer reused = Layer.seeded(3), fresh = Layer.seeded(3);
    reused.backward(reused.x1());
    Tensor buffer = reused.w().gradForStep();
    reused.w().zeroGrad();
    reused.b().zeroGrad();
    reused.backward(reused.x2());
    assertSame(buffer, reused.w().gradForStep(), "the weight gradient went into the kept buffer");
    fresh.backward(fresh.x2());
    assertArrayEquals(fresh.w().grad().toFloatArray(), reused.w().grad().toFloatArray());
    assertArrayEquals(fresh.b().grad().toFloatArray(), reused.b().grad().toFloatArray());
  }

  @Test void aGradientTakenWithGradNeverChanges() {
    Layer layer = Layer.seeded(5);
    layer.backward(layer.x1());
    Tensor kept = layer.w().grad();
    float[] before = kept.toFloatArray();
    layer.w().zeroGrad();
    layer.backward(layer.x2());
    assertNotSame(kept, layer.w().gradForStep());
    assertArrayEquals(before, kept.toFloatArray());
    layer.backward(layer.x1());   // accumulating without zeroGrad: the kept tensor is not the one added to
    assertArrayEquals(before, kept.toFloatArray());
  }

  @Test void accumulationInPlaceEqualsTheSum() {
    Layer inPlace = Layer.seeded(7), summed = Layer.seeded(7);
    inPlace.backward(inPlace.x1());
    inPlace.w().zeroGrad();
    inPlace.backward(inPlace.x1());
    Tensor buffer = inPlace.w().gradForStep();
    inPlace.backward(inPlace.x2());
    assertSame(buffer, inPlace.w().gradForStep(), "the second backward added in place");
    summed.backward(summed.x1());
    Tensor g1 = summed.w().grad();
    summed.w().zeroGrad();
    summed.backward(summed.x2());
    assertArrayEquals(g1.add(summed.w().grad()).toFloatArray(), inPlace.w().grad().toFloatArray());
  }

  @Test void anOverwrittenBufferKeepsTheSignOfANegativeZero() {
    // Filling the buffer with zeros and adding would give 0.0 + (-0.0) = +0.0.
    Tensor x = Tensor.of(new float[] {1f, 1f}, 2).requiresGrad(true);
    // Reshape passes the upstream gradient through: shared, so it is copied (into the buffer).
    x.reshape(1, 2).backward(Tensor.of(new float[] {3f, 4f}, 1, 2));
    Tensor buffer = x.gradForStep();
    x.zeroGrad();
    x.reshape(1, 2).backward(Tensor.of(new float[] {-0f, 2f}, 1, 2));
    assertSame(buffer, x.gradForStep(), "the upstream gradient was copied into the kept buffer");
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(x.grad().toFloatArray()[0]));
  }

  @Test void createGraphNeverWritesIntoABuffer() {
    Layer layer = Layer.seeded(9);
    layer.backward(layer.x1());
    Tensor buffer = layer.w().gradForStep();
    float[] before = buffer.toFloatArray();
    layer.w().zeroGrad();
    layer.x2().linear(layer.w(), layer.b()).sigmoid().sum().backward(null, false, true);
    assertNotSame(buffer, layer.w().gradForStep());
    assertArrayEquals(before, buffer.toFloatArray());
  }
}
