package com.example.xor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XorTest {
  @Test
  void learnsXorWithTheVectorApi() {
    // Surefire's argLine gives the test JVM the Vector API module (README, "Surefire").
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    float[] p = Xor.train();
    assertArrayEquals(new float[] {0, 1, 1, 0}, p, 0.2f);
  }
}
