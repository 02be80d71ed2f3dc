"""Loads the weights file of `./mnist --recipe cnn` into the matching PyTorch nn.Sequential with
load_state_dict(strict=True) (names and layouts unchanged, batch-norm buffers included) and prints
PyTorch's test accuracy with them, to compare with Chainrule's. Reads safetensors with NumPy.

Usage: /usr/bin/python3 benchmarks/python/mnist_cnn_torch_load.py runs/mnist-cnn/weights.safetensors [MNIST_DIR]
"""
import json, os, struct, sys, numpy as np, torch, torch.nn as nn
raw = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
h = json.loads(raw[8:8+n]); h.pop("__metadata__", None)
dt = {"F32": np.float32, "F64": np.float64, "I64": np.int64}
sd = {k: torch.from_numpy(np.frombuffer(raw[8+n+e["data_offsets"][0]:8+n+e["data_offsets"][1]], dtype=dt[e["dtype"]]).reshape(e["shape"]).copy()) for k, e in h.items()}
net = nn.Sequential(nn.Unflatten(1, (1, 28, 28)),
    nn.Conv2d(1, 16, 5, padding=2, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 5, padding=2, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(1568, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))
print(net.load_state_dict(sd, strict=True))
net.eval()
import gzip
data = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("MNIST_DIR", os.path.expanduser("~/.cache/chainrule/mnist"))
imgs = np.frombuffer(gzip.open(os.path.join(data, "t10k-images-idx3-ubyte.gz")).read()[16:], dtype=np.uint8).reshape(-1, 784) / 255.0
labels = np.frombuffer(gzip.open(os.path.join(data, "t10k-labels-idx1-ubyte.gz")).read()[8:], dtype=np.uint8)
with torch.no_grad():
    pred = net(torch.tensor(imgs, dtype=torch.float32)).argmax(1).numpy()
print("PyTorch test accuracy %.2f%%" % (100 * (pred == labels).mean()))
