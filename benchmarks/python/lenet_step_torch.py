"""PyTorch's time for the LeNet-5 training step of LeNetStepBench, on one thread, for comparison.

conv 1->6 5x5 pad 2, ReLU, max-pool 2, conv 6->16 5x5, ReLU, max-pool 2, flatten, dense
400->120->84->10 with ReLU, cross-entropy on class indices, SGD momentum 0.9 (lr 0.01), float32;
and the first convolution alone (forward, backward to input and weight). Prints the median of
7 timings of 1-second stretches, in microseconds per step.

Usage: /usr/bin/python3 benchmarks/python/lenet_step_torch.py
"""
import statistics
import time

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(1)


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def timed(fn, seconds=1.0, rounds=7):
    for _ in range(20):
        fn()
    results = []
    for _ in range(rounds):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            fn()
            n += 1
        results.append((time.perf_counter() - start) / n * 1e6)
    return statistics.median(results), min(results), max(results)


for batch in (32, 128):
    g = torch.Generator().manual_seed(7)
    pool = [((torch.rand(batch, 1, 28, 28, generator=g) < 0.19).float() * torch.rand(batch, 1, 28, 28, generator=g),
             torch.randint(0, 10, (batch,), generator=g)) for _ in range(16)]
    net = lenet5()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    state = {"i": 0}

    def step():
        x, y = pool[state["i"] % 16]
        state["i"] += 1
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()

    conv = nn.Conv2d(1, 6, 5, padding=2)

    def conv_fb():
        x, _ = pool[state["i"] % 16]
        state["i"] += 1
        x = x.detach().requires_grad_(True)
        conv(x).sum().backward()
        conv.zero_grad()

    m, lo, hi = timed(step)
    print("torch %s  LeNet-5 step     batch %3d: %8.0f us (min %.0f, max %.0f)" % (torch.__version__, batch, m, lo, hi))
    m, lo, hi = timed(conv_fb)
    print("torch %s  conv1 fwd+bwd    batch %3d: %8.0f us (min %.0f, max %.0f)" % (torch.__version__, batch, m, lo, hi))
