package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.QuadraticCost;
import dev.chainrule.nn.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchListenerTest {
  @Test void calledAfterEveryBatchWithRunningCounts() {
    var rng = new SplittableRandom(3);
    var net = new Sequential(new Dense(2, 1, Init.xavier(), rng));
    Dataset data = new Dataset(Tensor.rand(rng, dev.chainrule.autograd.DType.F32, 0, 1, 7, 2), Tensor.zeros(7, 1));
    List<String> calls = new ArrayList<>();
    Trainer.builder().model(net).cost(new QuadraticCost()).optimizer(new Sgd(net.parameters(), 0.1))
        .epochs(2).batchSize(3).shuffle(rng)
        .batchListener((epoch, seen, total) -> calls.add(epoch + ":" + seen + "/" + total))
        .build().fit(data);
    assertEquals(List.of("1:3/7", "1:6/7", "1:7/7", "2:3/7", "2:6/7", "2:7/7"), calls);
  }
}
