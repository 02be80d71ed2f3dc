package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AnomalyModeTest {
  @Test void forwardNaNNamesOpAndUserLine() {
    Tensor x = Tensor.of(new double[] {1, -1}, 2).requiresGrad(true);
    try (var anomaly = AnomalyMode.on()) {
      ArithmeticException e = assertThrows(ArithmeticException.class, () -> x.log());
      assertTrue(e.getMessage().startsWith("Log: forward produced NaN"), e.getMessage());
      assertTrue(e.getMessage().contains("AnomalyModeTest"), e.getMessage());
    }
    assertTrue(Double.isNaN(x.log().get(1)), "off again after the scope");
  }

  @Test void backwardInfNamesOp() {
    Tensor x = Tensor.of(new double[] {0, 4}, 2).requiresGrad(true);
    try (var anomaly = AnomalyMode.on()) {
      Tensor y = x.sqrt().sum();
      ArithmeticException e = assertThrows(ArithmeticException.class, y::backward);
      assertTrue(e.getMessage().contains("Infinity") && e.getMessage().contains("backward of Sqrt"), e.getMessage());
      assertTrue(e.getMessage().contains("AnomalyModeTest"), e.getMessage());
    }
  }
}
