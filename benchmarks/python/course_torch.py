"""One-epoch timing of the course network in PyTorch on the CPU, gradients by autograd.

Same recipe as the NumPy scripts: nn.Linear(784, 100) -> sigmoid -> nn.Linear(100, 10) -> sigmoid,
weights and biases N(0, 1) (drawn with the same NumPy generator and seed as the NumPy scripts, so
all three start from identical parameters and see the same shuffles), mini-batch m = 10.

Cost and learning rate. The course updates  w <- w - (eta/m) sum_{x in batch} dC_x/dw  with
C_x = 1/2 ||y_x - a_x||^2. We minimise the batch cost

    C = 1/(2m) sum_{x in batch} ||y_x - a_x||^2 = (1/m) sum_x C_x,

whose gradient is (1/m) sum_x dC_x/dw, so torch.optim.SGD(lr=eta) (no momentum, no weight decay)
performs exactly the course update. For reference: nn.MSELoss() (reduction='mean') divides by
m * 10 elements and has no 1/2, i.e. MSELoss = (2/10) C, so with it the same update needs
lr = eta * 10 / 2 = 5 * eta = 15.

torch.set_num_threads(--threads) is set explicitly (default 1); the BLAS that Debian's torch
links (libblas.so.3, here OpenBLAS) is pinned to the same count via OPENBLAS_NUM_THREADS.
"""
import sys
import time

import peer_env
from course_numpy_per_sample import parse_args


def main():
    args = parse_args(__doc__.splitlines()[0])
    peer_env.pin_threads(args.threads)
    import numpy as np
    import torch
    import mnist_idx
    from course_numpy_common import init_params

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dt = {"float32": torch.float32, "float64": torch.float64}[args.dtype]
    data = mnist_idx.load(args.data)
    train_x, train_y = data["train"]
    x_all = torch.from_numpy(train_x).to(dt)                                  # [n, 784]
    y_all = torch.from_numpy(mnist_idx.one_hot(train_y)).to(dt)               # [n, 10]
    test_x = torch.from_numpy(data["test"][0]).to(dt)
    test_y = torch.from_numpy(data["test"][1])

    rng = np.random.default_rng(args.seed)
    w1, b1, w2, b2 = init_params(rng, [784, args.hidden, 10], np.float64)
    model = torch.nn.Sequential(torch.nn.Linear(784, args.hidden), torch.nn.Sigmoid(),
                                torch.nn.Linear(args.hidden, 10), torch.nn.Sigmoid()).to(dt)
    with torch.no_grad():
        for layer, w, b in ((model[0], w1, b1), (model[2], w2, b2)):
            layer.weight.copy_(torch.from_numpy(w))
            layer.bias.copy_(torch.from_numpy(b.ravel()))
    opt = torch.optim.SGD(model.parameters(), lr=args.eta)
    print(peer_env.blas_report(args.threads) + " torch=%s torch_threads=%d"
          % (torch.__version__, torch.get_num_threads()), file=sys.stderr)

    n, m = len(x_all), args.batch
    total = 0.0
    for epoch in range(args.epochs):
        order = torch.from_numpy(rng.permutation(n))
        t0 = time.perf_counter()
        for start in range(0, n, m):
            batch = order[start:start + m]
            x, y = x_all[batch], y_all[batch]
            a = model(x)
            cost = ((y - a) ** 2).sum() / (2 * len(batch))   # C = 1/(2m) sum ||y - a||^2
            opt.zero_grad(set_to_none=True)
            cost.backward()
            opt.step()
        seconds = time.perf_counter() - t0
        total += seconds
        with torch.no_grad():
            acc = (model(test_x).argmax(dim=1) == test_y).to(torch.float64).mean().item()
        print("epoch %d: %.3f s, test accuracy %.4f" % (epoch + 1, seconds, acc), file=sys.stderr)

    print(peer_env.result_line(name="course_torch", seconds="%.3f" % total,
                               test_accuracy="%.4f" % acc, epochs=args.epochs,
                               threads=args.threads, dtype=args.dtype, seed=args.seed,
                               **peer_env.blas_in_use()))


if __name__ == "__main__":
    main()
