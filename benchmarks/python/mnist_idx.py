"""MNIST loader for the gzip IDX files, with the course split of Nielsen's book.

train = first 50,000 training images, validation = last 10,000 training images,
test = the 10,000 t10k images. Pixels are float32 in [0, 1] (byte / 255), one image per row
(shape [n, 784]); labels are int64 digits 0..9.

Usage as a script prints the split sizes and first labels:  python3 mnist_idx.py --data DIR
"""
import argparse
import gzip
import os
import struct

import numpy as np

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}
TRAIN_SIZE = 50_000


def _read_idx(path, magic, ndim):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    header_len = 4 + 4 * ndim
    if len(raw) < header_len:
        raise ValueError("%s: %d bytes, shorter than the %d-byte IDX header" % (path, len(raw), header_len))
    got_magic, *dims = struct.unpack(">%dI" % (1 + ndim), raw[:header_len])
    if got_magic != magic:
        raise ValueError("%s: magic %d, expected %d" % (path, got_magic, magic))
    count = int(np.prod(dims))
    if len(raw) - header_len != count:
        raise ValueError("%s: %d data bytes, header dims %s need %d"
                         % (path, len(raw) - header_len, dims, count))
    return np.frombuffer(raw, dtype=np.uint8, offset=header_len).reshape(dims)


def default_dir():
    return os.environ.get("MNIST_DIR", "/work/shared/data/mnist")


def load(data_dir=None):
    """Returns dict with (x, y) pairs under 'train', 'validation', 'test'."""
    data_dir = data_dir or default_dir()
    p = {k: os.path.join(data_dir, v) for k, v in FILES.items()}
    train_x = _read_idx(p["train_images"], IMAGE_MAGIC, 3)
    train_y = _read_idx(p["train_labels"], LABEL_MAGIC, 1)
    test_x = _read_idx(p["test_images"], IMAGE_MAGIC, 3)
    test_y = _read_idx(p["test_labels"], LABEL_MAGIC, 1)
    if len(train_x) != len(train_y) or len(test_x) != len(test_y):
        raise ValueError("image/label counts differ in " + data_dir)

    def pixels(a):
        return (a.reshape(len(a), -1).astype(np.float32) / np.float32(255.0))

    train_x, test_x = pixels(train_x), pixels(test_x)
    train_y, test_y = train_y.astype(np.int64), test_y.astype(np.int64)
    return {
        "train": (train_x[:TRAIN_SIZE], train_y[:TRAIN_SIZE]),
        "validation": (train_x[TRAIN_SIZE:], train_y[TRAIN_SIZE:]),
        "test": (test_x, test_y),
    }


def one_hot(labels, classes=10, dtype=np.float32):
    out = np.zeros((len(labels), classes), dtype=dtype)
    out[np.arange(len(labels)), labels] = 1
    return out


def add_data_arg(parser):
    parser.add_argument("--data", default=default_dir(),
                        help="directory with the four MNIST .gz files (default: $MNIST_DIR)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arg(ap)
    args = ap.parse_args()
    d = load(args.data)
    for name, (x, y) in d.items():
        print("%-10s x%s %s [%.1f, %.1f] y%s first=%s" % (name, x.shape, x.dtype, x.min(), x.max(),
                                                      y.shape, y[:10].tolist()))
