package dev.chainrule.autograd;
import org.junit.jupiter.api.Test;
import net.jqwik.api.*;
import static org.junit.jupiter.api.Assertions.*;
class SmokeTest {
  @Test void junit() { assertEquals(2, 1 + 1); }
  @Property(tries = 10) void jq(@ForAll int x) { assertEquals(x, x); }
}
