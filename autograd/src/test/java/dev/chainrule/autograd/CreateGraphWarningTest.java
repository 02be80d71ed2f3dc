package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 11: repeated {@code backward(createGraph=true)} without {@code zeroGrad} chained
 * every call's graph to the last through {@code .grad()}, growing without a word. PyTorch warns
 * once; so do we, and only when a graph is really kept.
 */
class CreateGraphWarningTest {
  @Test void warnsOnceWhenACreateGraphBackwardAddsToAGradThatHoldsAGraph() {
    List<String> warnings = new ArrayList<>();
    Logger jul = Logger.getLogger(Autograd.class.getName());
    Handler capture = new Handler() {
      @Override public void publish(LogRecord r) { warnings.add(r.getMessage()); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    jul.addHandler(capture);
    Autograd.CREATE_GRAPH_WARNED.set(false);
    try {
      Tensor w = Tensor.of(new double[] {0.5, -1, 2}, 3).requiresGrad(true);
      w.pow(3).sum().backward(null, false, true);
      assertEquals(List.of(), warnings, "the first call has nothing to chain to");
      w.zeroGrad();
      w.pow(3).sum().backward(null, false, true);
      assertEquals(List.of(), warnings, "zeroGrad between calls keeps nothing");
      for (int i = 0; i < 3; i++) w.pow(3).sum().backward(null, false, true);
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("Call zeroGrad() between calls"), warnings.get(0));
    } finally {
      jul.removeHandler(capture);
    }
  }
}
