package dev.chainrule.nn.io;

import static dev.chainrule.nn.io.SafeTensorsFixtures.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsAtomicWriteTest {
  @TempDir Path dir;

  private Path existing() throws IOException {
    Path f = dir.resolve("model.safetensors");
    SafeTensors.write(f, map("old", NamedArray.ofF64(new int[] {3}, new double[] {1, 2, 3})), Map.of("v", "1"));
    return f;
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void unencodableNameLeavesTheOldFileAndNoTempFile() throws IOException {
    Path f = existing();
    byte[] before = Files.readAllBytes(f);
    var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f,
        map("ok", NamedArray.ofF32(new int[] {1}, new float[] {1}),
            "bad\uD800name", NamedArray.ofF32(new int[] {1}, new float[] {2})), null));
    assertTrue(e.getMessage().contains("unpaired surrogate U+D800 at index 3"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(f));
    assertEquals(List.of(f), listing());
  }

  @Test
  void unencodableMetadataIsRefused() throws IOException {
    Path f = existing();
    byte[] before = Files.readAllBytes(f);
    assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f,
        map("x", NamedArray.ofF32(new int[] {1}, new float[] {1})), Map.of("k", "\uDC00")));
    assertArrayEquals(before, Files.readAllBytes(f));
  }

  @Test
  void reservedOrEmptyNameIsRefused() {
    Path f = dir.resolve("r.safetensors");
    var one = NamedArray.ofF32(new int[] {1}, new float[] {1});
    assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, map("__metadata__", one), null));
    assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, map("", one), null));
    assertFalse(Files.exists(f));
  }

  @Test
  void failureMidwayLeavesTheOldFileAndNoTempFile() throws IOException {
    Path f = existing();
    byte[] before = Files.readAllBytes(f);
    AtomicLong written = new AtomicLong();
    float[] big = new float[100_000];
    var e = assertThrows(IOException.class, () -> SafeTensors.write(f,
        map("new", NamedArray.ofF32(new int[] {100_000}, big)), null,
        out -> new SafeTensorsFixtures.FailingAfter(out, 150_000, written)));
    assertEquals("simulated disk full", e.getMessage());
    assertTrue(written.get() > 100_000, "the failure must come after bytes reached the temp file: " + written);
    assertArrayEquals(before, Files.readAllBytes(f));
    assertEquals(List.of(f), listing());
    assertEquals(Map.of("v", "1"), SafeTensors.read(f).metadata());
  }

  @Test
  void successfulWriteReplacesTheOldFile() throws IOException {
    Path f = existing();
    SafeTensors.write(f, map("new", NamedArray.ofF32(new int[] {1}, new float[] {5})), null);
    var back = SafeTensors.read(f);
    assertEquals(List.of("new"), List.copyOf(back.tensors().keySet()));
    assertEquals(5f, back.tensors().get("new").f32()[0]);
    assertEquals(List.of(f), listing());
  }
}
