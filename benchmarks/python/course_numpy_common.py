"""Pieces shared by the two NumPy course scripts (import after peer_env.pin_threads)."""
import numpy as np


def init_params(rng, sizes, dtype):
    """Weights [out, in] and biases [out, 1], every entry N(0, 1), as in the course."""
    (n0, n1, n2) = sizes
    w1 = rng.standard_normal((n1, n0)).astype(dtype)
    b1 = rng.standard_normal((n1, 1)).astype(dtype)
    w2 = rng.standard_normal((n2, n1)).astype(dtype)
    b2 = rng.standard_normal((n2, 1)).astype(dtype)
    return w1, b1, w2, b2


def sigmoid(z):
    # NOTE: exp(-z) overflows to inf for z < -88 in float32; 1/(1+inf) = 0 is the right limit.
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def accuracy(split, params, dtype):
    """Fraction of images in split=(x [n,784], labels [n]) whose argmax output equals the label."""
    w1, b1, w2, b2 = params
    x, labels = split
    a1 = sigmoid(w1 @ x.T.astype(dtype) + b1)
    a2 = sigmoid(w2 @ a1 + b2)
    return float(np.mean(np.argmax(a2, axis=0) == labels))
