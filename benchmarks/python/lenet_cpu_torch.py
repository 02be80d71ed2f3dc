"""PyTorch's CPU time for LeNetCpuTime's figures, one thread: the LeNet-5 training step and each of
its two convolutions alone (forward, backward to input and weight), at batch 32 and 128.

Same network, data shapes and optimizer as LeNetStepBench: conv 1->6 5x5 pad 2, ReLU, max-pool 2,
conv 6->16 5x5, ReLU, max-pool 2, flatten, dense 400->120->84->10 with ReLU, cross-entropy on
class indices, SGD momentum 0.9 (lr 0.01), float32. Timed like LeNetCpuTime: by this thread's
CPU clock (time.thread_time; the process's, time.process_time, is printed beside it), warm-up
in rounds of about 0.3 s until five in a row agree within 5% (at most 60 s), then seven rounds of
about 0.5 s; median and best.

Also prints which convolution kernel PyTorch ran (the ATen op under aten::convolution in its
profiler: mkldnn_convolution is oneDNN's JIT-compiled AVX2/AVX-512 code, thnn_conv2d /
slow_conv2d is im2col + the BLAS gemm) and the BLAS it loaded, so the comparison is against
PyTorch's own optimised path, not a fallback.

Usage: /usr/bin/python3 benchmarks/python/lenet_cpu_torch.py [batch ...]
Prints one 'RESULT name=... batch=... us_cpu_median=...' line per figure.
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_env  # noqa: E402

peer_env.pin_threads(1)
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

torch.set_num_threads(1)
torch.manual_seed(1)


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def us_per_call(fn, seconds):
    """(thread CPU, process CPU) µs per call over about `seconds` of this thread's CPU."""
    n, t0, p0 = 0, time.thread_time(), time.process_time()
    while True:
        fn()
        n += 1
        t = time.thread_time()
        if t - t0 >= seconds:
            return (t - t0) / n * 1e6, (time.process_time() - p0) / n * 1e6


def report(name, batch, fn):
    warm_start = time.thread_time()
    recent, steady = [], False
    while not steady and time.thread_time() - warm_start < 60:
        recent = (recent + [us_per_call(fn, 0.3)[0]])[-5:]
        steady = len(recent) == 5 and max(recent) / min(recent) - 1 <= 0.05
    warm = time.thread_time() - warm_start
    rounds = [us_per_call(fn, 0.5) for _ in range(7)]
    thread = sorted(r[0] for r in rounds)
    process = statistics.median(r[1] for r in rounds)
    print(peer_env.result_line(name=name, batch=batch, us_cpu_median="%.1f" % statistics.median(thread),
                               us_cpu_best="%.1f" % thread[0], us_cpu_worst="%.1f" % thread[-1],
                               us_process_cpu_median="%.1f" % process, rounds=len(rounds),
                               warmup_cpu_seconds="%.1f" % warm, steady="yes" if steady else "no",
                               torch=torch.__version__, threads=torch.get_num_threads()), flush=True)


def conv_kernel(conv, x):
    """The ATen op PyTorch dispatched the convolution's forward to."""
    with torch.autograd.profiler.profile() as prof:
        conv(x)
    names = [e.name for e in prof.function_events]
    for candidate in ("aten::mkldnn_convolution", "aten::_nnpack_spatial_convolution", "aten::thnn_conv2d",
                      "aten::_slow_conv2d_forward", "aten::slow_conv2d_forward"):
        if candidate in names:
            return candidate.split("::")[1]
    return "unknown(" + ",".join(n for n in names if "conv" in n) + ")"


def main(batches):
    for batch in batches:
        g = torch.Generator().manual_seed(7)
        pool = [((torch.rand(batch, 1, 28, 28, generator=g) < 0.19).float() * torch.rand(batch, 1, 28, 28, generator=g),
                 torch.randint(0, 10, (batch,), generator=g)) for _ in range(16)]
        pool2 = [(torch.rand(batch, 6, 14, 14, generator=g) < 0.5).float() * torch.rand(batch, 6, 14, 14, generator=g)
                 for _ in range(16)]
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

        conv1, conv2 = nn.Conv2d(1, 6, 5, padding=2), nn.Conv2d(6, 16, 5)

        def conv_fb(conv, inputs):
            def run():
                x = inputs[state["i"] % 16]
                state["i"] += 1
                x = x.detach().requires_grad_(True)
                conv(x).sum().backward()
                conv.zero_grad()
            return run

        report("torch_lenet_step", batch, step)
        report("torch_lenet_conv1", batch, conv_fb(conv1, [x for x, _ in pool]))
        report("torch_lenet_conv2", batch, conv_fb(conv2, pool2))
        blas = peer_env.blas_in_use()
        print(peer_env.result_line(name="torch_conv_backend", batch=batch, conv1=conv_kernel(conv1, pool[0][0]),
                                   conv2=conv_kernel(conv2, pool2[0]), mkldnn=torch.backends.mkldnn.is_available(),
                                   mkl=torch.backends.mkl.is_available(), blas=blas["blas"],
                                   blas_detail=blas["blas_detail"],
                                   capability=torch.backends.cpu.get_cpu_capability()
                                   if hasattr(torch.backends, "cpu") else "?"), flush=True)


if __name__ == "__main__":
    main([int(b) for b in sys.argv[1:]] or [32, 128])
