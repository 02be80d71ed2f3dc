package dev.chainrule.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NiceScaleTest {
  @Test
  void roundsOutToOneTwoFiveSteps() {
    NiceScale s = NiceScale.of(90.3, 97.1, 7);
    assertEquals(1.0, s.step());
    assertEquals(90.0, s.min());
    assertEquals(98.0, s.max());
    assertEquals(9, s.ticks());
    assertEquals("94", s.label(s.tick(4)));
  }

  @Test
  void smallRangesGetDecimals() {
    NiceScale s = NiceScale.of(0.021, 0.093, 7);
    assertEquals(0.01, s.step(), 1e-12);
    assertEquals(9, s.ticks());
    assertEquals("0.02", s.label(s.min()));
    assertEquals("0.10", s.label(s.max()));
  }

  @Test
  void flatSeriesGetsABand() {
    NiceScale s = NiceScale.of(5, 5, 5);
    assertEquals(true, s.min() < 5 && s.max() > 5);
  }
}
