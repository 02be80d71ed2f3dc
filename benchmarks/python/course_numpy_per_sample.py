"""One-epoch timing of the course network, per-sample backprop (the style of Nielsen's network.py).

Network 784-100-10, sigmoid on both layers, quadratic cost C_x = 1/2 ||y - a||^2,
weights and biases drawn from N(0, 1), plain SGD with eta = 3.0 on mini-batches of m = 10.
Written from the equations (BP1-BP4 of chapter 2), not from the book's code:

    forward   z1 = W1 x + b1, a1 = s(z1), z2 = W2 a1 + b2, a2 = s(z2)
    output    d2 = (a2 - y) * s'(z2)                       with s'(z) = s(z)(1 - s(z))
    hidden    d1 = (W2^T d2) * s'(z1)
    grads     dC_x/dW2 = d2 a1^T, dC_x/db2 = d2, dC_x/dW1 = d1 x^T, dC_x/db1 = d1
    update    W <- W - (eta/m) sum_{x in batch} dC_x/dW   (likewise b)

Each sample is a column vector and goes through backprop alone; the per-sample gradients are summed
over the mini-batch. Only the training epoch is timed; test accuracy is measured after it.
"""
import argparse
import sys
import time

import peer_env


def parse_args(description):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--data", default=None, help="MNIST directory (default: $MNIST_DIR)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    ap.add_argument("--eta", type=float, default=3.0)
    ap.add_argument("--batch", type=int, default=10)
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--dtype", choices=("float32", "float64"), default="float32",
                    help="float32 matches Chainrule's F32; the book's code ends up in float64")
    return ap.parse_args()


def main():
    args = parse_args(__doc__.splitlines()[0])
    peer_env.pin_threads(args.threads)
    import numpy as np
    import mnist_idx
    from course_numpy_common import init_params, sigmoid, accuracy

    data = mnist_idx.load(args.data)
    dt = np.dtype(args.dtype)
    train_x, train_y = data["train"]
    xs = [x.reshape(-1, 1).astype(dt) for x in train_x]            # column vectors, as in the book
    ys = [y.reshape(-1, 1) for y in mnist_idx.one_hot(train_y, dtype=dt)]
    rng = np.random.default_rng(args.seed)
    w1, b1, w2, b2 = init_params(rng, [784, args.hidden, 10], dt)
    print(peer_env.blas_report(args.threads), file=sys.stderr)

    n, m, eta = len(xs), args.batch, dt.type(args.eta)
    total = 0.0
    for epoch in range(args.epochs):
        order = rng.permutation(n)
        t0 = time.perf_counter()
        for start in range(0, n, m):
            batch = order[start:start + m]
            gw1, gb1 = np.zeros_like(w1), np.zeros_like(b1)
            gw2, gb2 = np.zeros_like(w2), np.zeros_like(b2)
            for i in batch:
                x, y = xs[i], ys[i]
                a1 = sigmoid(w1 @ x + b1)
                a2 = sigmoid(w2 @ a1 + b2)
                d2 = (a2 - y) * a2 * (1 - a2)
                d1 = (w2.T @ d2) * a1 * (1 - a1)
                gw2 += d2 @ a1.T
                gb2 += d2
                gw1 += d1 @ x.T
                gb1 += d1
            step = eta / len(batch)
            w1 -= step * gw1
            b1 -= step * gb1
            w2 -= step * gw2
            b2 -= step * gb2
        seconds = time.perf_counter() - t0
        total += seconds
        acc = accuracy(data["test"], (w1, b1, w2, b2), dt)
        print("epoch %d: %.3f s, test accuracy %.4f" % (epoch + 1, seconds, acc), file=sys.stderr)

    print(peer_env.result_line(name="course_numpy_per_sample", seconds="%.3f" % total,
                               test_accuracy="%.4f" % acc, epochs=args.epochs,
                               threads=args.threads, dtype=args.dtype, seed=args.seed,
                               **peer_env.blas_in_use()))


if __name__ == "__main__":
    main()
