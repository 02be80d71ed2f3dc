"""One-epoch timing of the course network, backprop vectorised over the mini-batch.

Same recipe as course_numpy_per_sample.py (784-100-10 sigmoid, quadratic cost, N(0, 1) init,
SGD eta = 3.0, m = 10, same seed gives the same initial weights and the same shuffles), but a
mini-batch is one matrix X of m columns, so each layer is one matrix product:

    Z1 = W1 X + b1 1^T, A1 = s(Z1), Z2 = W2 A1 + b2 1^T, A2 = s(Z2)
    D2 = (A2 - Y) * A2 * (1 - A2),  D1 = (W2^T D2) * A1 * (1 - A1)
    sum_x dC_x/dW2 = D2 A1^T, sum_x dC_x/db2 = D2 1,  sum_x dC_x/dW1 = D1 X^T, sum_x dC_x/db1 = D1 1
    W <- W - (eta/m) * (sum above)

Column j of each matrix is exactly the per-sample vector of sample j, so the update equals the
per-sample script's up to floating-point summation order.
"""
import sys
import time

import peer_env
from course_numpy_per_sample import parse_args


def main():
    args = parse_args(__doc__.splitlines()[0])
    peer_env.pin_threads(args.threads)
    import numpy as np
    import mnist_idx
    from course_numpy_common import init_params, sigmoid, accuracy

    data = mnist_idx.load(args.data)
    dt = np.dtype(args.dtype)
    train_x, train_y = data["train"]
    xt = np.ascontiguousarray(train_x.T.astype(dt))                # [784, n]: samples are columns
    yt = np.ascontiguousarray(mnist_idx.one_hot(train_y, dtype=dt).T)   # [10, n]
    rng = np.random.default_rng(args.seed)
    w1, b1, w2, b2 = init_params(rng, [784, args.hidden, 10], dt)
    print(peer_env.blas_report(args.threads), file=sys.stderr)

    n, m, eta = xt.shape[1], args.batch, dt.type(args.eta)
    total = 0.0
    for epoch in range(args.epochs):
        order = rng.permutation(n)
        t0 = time.perf_counter()
        for start in range(0, n, m):
            batch = order[start:start + m]
            x, y = xt[:, batch], yt[:, batch]                       # gather: [784, m], [10, m]
            a1 = sigmoid(w1 @ x + b1)
            a2 = sigmoid(w2 @ a1 + b2)
            d2 = (a2 - y) * a2 * (1 - a2)
            d1 = (w2.T @ d2) * a1 * (1 - a1)
            step = eta / len(batch)
            w2 -= step * (d2 @ a1.T)
            b2 -= step * d2.sum(axis=1, keepdims=True)
            w1 -= step * (d1 @ x.T)
            b1 -= step * d1.sum(axis=1, keepdims=True)
        seconds = time.perf_counter() - t0
        total += seconds
        acc = accuracy(data["test"], (w1, b1, w2, b2), dt)
        print("epoch %d: %.3f s, test accuracy %.4f" % (epoch + 1, seconds, acc), file=sys.stderr)

    print(peer_env.result_line(name="course_numpy_minibatch", seconds="%.3f" % total,
                               test_accuracy="%.4f" % acc, epochs=args.epochs,
                               threads=args.threads, dtype=args.dtype, seed=args.seed,
                               **peer_env.blas_in_use()))


if __name__ == "__main__":
    main()
