"""PyTorch's CPU time for the two sequence steps of SequenceStepBench, one thread, float32.

lstm:      row-by-row MNIST shapes: nn.LSTM(28, 128, batch_first=True) over 28 steps of a batch of 64,
           nn.Linear(128, 10) on the last hidden state, cross-entropy on class indices, Adam (lr 0.002):
           zero_grad, forward, backward, step.
attention: one post-norm attention block, y = LayerNorm(x + MultiheadAttention(x, x, x)), batch 32,
           sequence 64, d_model 128, 4 heads (need_weights=False, as nn.TransformerEncoderLayer calls
           it), forward and backward of a fixed upstream gradient into every parameter: zero_grad,
           forward, y.backward(g).

Data: a pool of 8 random batches (seed 7) stepped through in turn; parameters from seed 1.
Time: time.thread_time() (this thread's CPU time, which other processes on a busy machine do not
inflate), per step. Warm-up runs rounds of --steps steps until the last three rounds lie within
5% of their median (at most --warmup-seconds of CPU), then --rounds rounds are timed.
Prints one RESULT line per step: name=torch_{lstm,attention}_step us_per_step=<median> min max ...

Usage: /usr/bin/python3 benchmarks/python/sequence_step_torch.py [--which lstm,attention] [--rounds 15]
       [--steps 10] [--threads 1]
"""
import argparse
import statistics
import sys
import time

import peer_env


def lstm_step(torch, nn, pool):
    class RowLstm(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(28, 128, batch_first=True)
            self.head = nn.Linear(128, 10)

        def forward(self, x):
            _, (h, _) = self.lstm(x)
            return self.head(h[0])

    torch.manual_seed(1)
    net = RowLstm()
    opt = torch.optim.Adam(net.parameters(), lr=0.002)
    loss_fn = nn.CrossEntropyLoss()
    state = {"i": 0}

    def step():
        x, y = pool[state["i"] % len(pool)]
        state["i"] += 1
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
    return step


def attention_step(torch, nn, pool):
    torch.manual_seed(1)
    mha = nn.MultiheadAttention(128, 4, batch_first=True)
    norm = nn.LayerNorm(128)
    params = list(mha.parameters()) + list(norm.parameters())
    state = {"i": 0}

    def step():
        x, g = pool[state["i"] % len(pool)]
        state["i"] += 1
        for p in params:
            p.grad = None
        y = norm(x + mha(x, x, x, need_weights=False)[0])
        y.backward(g)
    return step


def timed(step, steps, rounds, warmup_seconds):
    """Median, min and max of `rounds` rounds of CPU µs per step, after warming up until steady."""
    def one_round():
        t0 = time.thread_time()
        for _ in range(steps):
            step()
        return (time.thread_time() - t0) / steps * 1e6

    history, spent = [], 0.0
    while True:
        history.append(one_round())
        spent += history[-1] * steps / 1e6
        last = history[-3:]
        if len(last) == 3 and max(last) <= 1.05 * statistics.median(last) and min(last) >= 0.95 * statistics.median(last):
            break
        if spent > warmup_seconds:
            break
    results = [one_round() for _ in range(rounds)]
    return statistics.median(results), min(results), max(results), len(history)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--which", default="lstm,attention")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup-seconds", type=float, default=20.0)
    args = ap.parse_args()
    peer_env.pin_threads(args.threads)
    import torch
    import torch.nn as nn
    torch.set_num_threads(args.threads)
    g = torch.Generator().manual_seed(7)
    lstm_pool = [((torch.rand(64, 28, 28, generator=g) < 0.19).float() * torch.rand(64, 28, 28, generator=g),
                  torch.randint(0, 10, (64,), generator=g)) for _ in range(8)]
    attention_pool = [(torch.randn(32, 64, 128, generator=g), torch.randn(32, 64, 128, generator=g)) for _ in range(8)]
    makers = {"lstm": (lstm_step, lstm_pool), "attention": (attention_step, attention_pool)}
    for which in args.which.split(","):
        make, pool = makers[which]
        med, lo, hi, warm = timed(make(torch, nn, pool), args.steps, args.rounds, args.warmup_seconds)
        blas = peer_env.blas_in_use()
        print(peer_env.result_line(name="torch_%s_step" % which, us_per_step="%.1f" % med, min_us="%.1f" % lo,
                                   max_us="%.1f" % hi, rounds=args.rounds, steps=args.steps, warmup_rounds=warm,
                                   threads=torch.get_num_threads(), torch=torch.__version__,
                                   blas=blas["blas"], blas_detail=blas["blas_detail"]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
