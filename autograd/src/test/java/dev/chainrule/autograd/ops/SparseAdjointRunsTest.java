package dev.chainrule.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Shape;
import org.junit.jupiter.api.Test;

/** Where slices and gathers say their dy lands, on shapes small enough to count by hand. */
class SparseAdjointRunsTest {

  @Test void aSliceIsOneRunPerOuterIndex() {
    // x[:, 1:3, :] of [2, 5, 3]: rows 1-2 of each of the 2 outer blocks, 2·3 elements each
    SparseAdjoint.Runs r = SparseAdjoint.Runs.slice(Shape.of(2, 5, 3), 1, 1, 2, 1);
    assertArrayEquals(new int[] {3, 18}, r.to());
    assertEquals(6, r.length());
    assertTrue(r.placed());
  }

  @Test void aSliceWithAStepIsOneRunPerPickedPosition() {
    // x[:, 1:5:2, :] of [2, 5, 3]: positions 1 and 3 of each outer block, 3 elements each
    SparseAdjoint.Runs r = SparseAdjoint.Runs.slice(Shape.of(2, 5, 3), 1, 1, 2, 2);
    assertArrayEquals(new int[] {3, 9, 18, 24}, r.to());
    assertEquals(3, r.length());
    assertTrue(r.placed());
  }

  @Test void rowsAndElementsAreScatterAddsThatMayRepeat() {
    SparseAdjoint.Runs rows = SparseAdjoint.Runs.rows(new int[] {2, 0, 2}, 4);
    assertArrayEquals(new int[] {8, 0, 8}, rows.to());
    assertEquals(4, rows.length());
    assertFalse(rows.placed());
    SparseAdjoint.Runs elements = SparseAdjoint.Runs.elements(new int[] {5, 5, 1});
    assertEquals(1, elements.length());
    assertFalse(elements.placed());
  }
}
