package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a file written by Python (benchmarks/python/golden_gradients.py, PyTorch float64), a copy
 * of autograd/src/test/resources/golden/linear_sigmoid_quadratic_cost.safetensors.
 */
class SafeTensorsGoldenTest {
  @TempDir Path dir;

  private SafeTensors.Contents golden() throws IOException {
    Path f = dir.resolve("golden.safetensors");
    try (InputStream in = SafeTensorsGoldenTest.class.getResourceAsStream(
        "/golden/linear_sigmoid_quadratic_cost.safetensors")) {
      Files.copy(in, f);
    }
    return SafeTensors.read(f);
  }

  @Test
  void namesShapesAndMetadata() throws IOException {
    var g = golden();
    assertEquals(List.of("input.0", "input.1", "input.2", "const.target", "upstream", "output",
        "grad.0", "grad.1", "grad.2", "hvp.direction.0", "hvp.direction.1", "hvp.direction.2",
        "hvp.0", "hvp.1", "hvp.2"), List.copyOf(g.tensors().keySet()));
    assertArrayEquals(new int[] {4, 5}, g.tensors().get("input.0").shape());
    assertArrayEquals(new int[] {3, 5}, g.tensors().get("input.1").shape());
    assertArrayEquals(new int[] {}, g.tensors().get("output").shape());
    assertEquals("linear_sigmoid_quadratic_cost", g.metadata().get("case"));
    assertEquals("sum(output * upstream)", g.metadata().get("loss"));
    g.tensors().values().forEach(a -> assertEquals("F64", a.dtype()));
  }

  /** Recomputes torch's cost and bias gradient with plain loops: the bytes mean what they say. */
  @Test
  void valuesAgreeWithARecomputation() throws IOException {
    var t = golden().tensors();
    double[] x = t.get("input.0").f64();
    double[] w = t.get("input.1").f64();
    double[] b = t.get("input.2").f64();
    double[] y = t.get("const.target").f64();
    double u = t.get("upstream").f64()[0];
    int n = 4;
    int in = 5;
    int out = 3;
    double cost = 0;
    double[] gradB = new double[out];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < out; j++) {
        double z = b[j];
        for (int k = 0; k < in; k++) {
          z += x[r * in + k] * w[j * in + k];
        }
        double a = 1 / (1 + Math.exp(-z));
        double diff = a - y[r * out + j];
        cost += diff * diff;
        gradB[j] += u * diff * a * (1 - a) / n;
      }
    }
    cost /= 2 * n;
    assertEquals(t.get("output").f64()[0], cost, 1e-13);
    assertArrayEquals(t.get("grad.2").f64(), gradB, 1e-13);
  }
}
