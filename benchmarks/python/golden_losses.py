"""Golden values for nn's losses: outputs, gradients and Hessian-vector products of PyTorch's
loss functions (torch.nn.functional) in float64, in the format of golden_gradients.py (whose
writer and computation this reuses; see its docstring for what every tensor means).

Class-index targets are stored in const.target as float64 whole numbers (the float-label path,
kept working; the script passes them to PyTorch as int64), and in the *_int64_* cases as int64
itself (safetensors "I64"), exactly as PyTorch takes them.

Usage: /usr/bin/python3 benchmarks/python/golden_losses.py [--out DIR]
       (default DIR: nn/src/test/resources/golden-losses relative to the repository root)
"""
import argparse
import os
import sys

import torch
import torch.nn.functional as F

from golden_gradients import F64, compute, reals, safetensors_bytes, safetensors_read, write_atomic

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "nn", "src", "test", "resources", "golden-losses"))


def wide(g, shape):               # (-20, 20): logits far into saturation
    return torch.rand(shape, generator=g, dtype=F64) * 40 - 20


def off_zero(g, shape):           # |x| in (0.2, 2) with random signs: away from L1's kink at a = y
    mag = torch.rand(shape, generator=g, dtype=F64) * 1.8 + 0.2
    sign = torch.where(torch.rand(shape, generator=g, dtype=F64) < 0.5, -1.0, 1.0).to(F64)
    return mag * sign


def dense(shape, lo=-2.0, hi=2.0):
    return lambda g: {"target": torch.rand(shape, generator=g, dtype=F64) * (hi - lo) + lo}


def probabilities(shape):
    return lambda g: {"target": torch.rand(shape, generator=g, dtype=F64)}


def class_probabilities(shape, axis):
    return lambda g: {"target": torch.softmax(torch.rand(shape, generator=g, dtype=F64) * 4, dim=axis)}


def indices(values, shape):
    t = torch.tensor(values, dtype=F64).reshape(shape)
    return lambda g: {"target": t}


def long_indices(values, shape):
    t = torch.tensor(values, dtype=torch.int64).reshape(shape)
    return lambda g: {"target": t}


def idx(c):
    return c["target"].to(torch.int64)


# name, input domains+shapes, consts(g), f(inputs, consts), Chainrule expression
CASES = [
    ("mse_mean", [(reals, (4, 3))], dense((4, 3)),
     lambda i, c: F.mse_loss(i[0], c["target"]), "new MSELoss().apply(a, target)"),
    ("mse_sum", [(reals, (2, 3, 2))], dense((2, 3, 2)),
     lambda i, c: F.mse_loss(i[0], c["target"], reduction="sum"), "new MSELoss(Reduction.SUM).apply(a, target)"),
    ("mse_none", [(reals, (4, 3))], dense((4, 3)),
     lambda i, c: F.mse_loss(i[0], c["target"], reduction="none"), "new MSELoss(Reduction.NONE).apply(a, target)"),
    ("l1_mean", [(off_zero, (4, 3))], dense((4, 3), -0.1, 0.1),
     lambda i, c: F.l1_loss(i[0], c["target"]), "new L1Loss().apply(a, target)"),
    ("l1_none", [(off_zero, (3, 4))], dense((3, 4), -0.1, 0.1),
     lambda i, c: F.l1_loss(i[0], c["target"], reduction="none"), "new L1Loss(Reduction.NONE).apply(a, target)"),
    ("huber_mean", [(reals, (4, 3))], dense((4, 3)),
     lambda i, c: F.huber_loss(i[0], c["target"]), "new HuberLoss().apply(a, target)"),
    ("huber_delta_sum", [(reals, (3, 5))], dense((3, 5)),
     lambda i, c: F.huber_loss(i[0], c["target"], reduction="sum", delta=0.5),
     "new HuberLoss(0.5, Reduction.SUM).apply(a, target)"),
    ("bce_logits_mean", [(reals, (4, 3))], probabilities((4, 3)),
     lambda i, c: F.binary_cross_entropy_with_logits(i[0], c["target"]), "new BCEWithLogitsLoss().apply(a, target)"),
    ("bce_logits_saturated_none", [(wide, (3, 4))], probabilities((3, 4)),
     lambda i, c: F.binary_cross_entropy_with_logits(i[0], c["target"], reduction="none"),
     "new BCEWithLogitsLoss(Reduction.NONE).apply(a, target)"),
    ("cross_entropy_indices_mean", [(reals, (4, 5))], indices([2, 0, 4, 1], (4,)),
     lambda i, c: F.cross_entropy(i[0], idx(c)), "new CrossEntropyLoss().apply(a, target)"),
    ("cross_entropy_sequence_ignore_smoothing", [(reals, (2, 3, 5))], indices([1, -100, 4, 0, 3, -100], (2, 3)),
     lambda i, c: F.cross_entropy(i[0].transpose(1, 2), idx(c), label_smoothing=0.1),
     "new CrossEntropyLoss().labelSmoothing(0.1).apply(a, target)   // a [2, 3, 5], classes last"),
    ("cross_entropy_class_axis1_sum", [(reals, (2, 5, 3))], indices([1, 2, 4, 0, 3, 3], (2, 3)),
     lambda i, c: F.cross_entropy(i[0], idx(c), reduction="sum"),
     "new CrossEntropyLoss().classAxis(1).reduction(Reduction.SUM).apply(a, target)   // PyTorch layout"),
    ("cross_entropy_ignore_index_none", [(reals, (4, 5))], indices([3, 3, 1, 0], (4,)),
     lambda i, c: F.cross_entropy(i[0], idx(c), ignore_index=3, reduction="none"),
     "new CrossEntropyLoss().ignoreIndex(3).reduction(Reduction.NONE).apply(a, target)"),
    ("cross_entropy_probabilities_smoothing", [(reals, (4, 5))], class_probabilities((4, 5), 1),
     lambda i, c: F.cross_entropy(i[0], c["target"], label_smoothing=0.2),
     "new CrossEntropyLoss().labelSmoothing(0.2).apply(a, target)   // target: class probabilities"),
    ("nll_mean", [(reals, (4, 5))], indices([2, 0, 4, 1], (4,)),
     lambda i, c: F.nll_loss(i[0], idx(c)), "new NLLLoss().apply(a, target)   // linear in a: hvp is 0"),
    ("nll_log_softmax_class_axis1_ignore", [(reals, (2, 4, 3))], indices([1, 3, -100, 0, 2, 2], (2, 3)),
     lambda i, c: F.nll_loss(torch.log_softmax(i[0], dim=1), idx(c)),
     "new NLLLoss().classAxis(1).apply(a.logSoftmax(1), target)"),
    # Integer dtype (issue 19): int64 targets in the file, passed to both sides unconverted.
    ("cross_entropy_int64_targets_mean", [(reals, (4, 5))], long_indices([3, 0, 4, 4], (4,)),
     lambda i, c: F.cross_entropy(i[0], c["target"]), "new CrossEntropyLoss().apply(a, target)   // target I64"),
    ("cross_entropy_int64_class_axis1_ignore_smoothing", [(reals, (2, 5, 3))], long_indices([1, -100, 4, 0, 3, 2], (2, 3)),
     lambda i, c: F.cross_entropy(i[0], c["target"], label_smoothing=0.1),
     "new CrossEntropyLoss().classAxis(1).labelSmoothing(0.1).apply(a, target)   // target I64, PyTorch layout"),
    ("nll_int64_sum", [(reals, (4, 5))], long_indices([1, 1, 0, 4], (4,)),
     lambda i, c: F.nll_loss(torch.log_softmax(i[0], dim=1), c["target"], reduction="sum"),
     "new NLLLoss().reduction(Reduction.SUM).apply(a.logSoftmax(1), target)   // target I64"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    for name, domains, consts_fn, f, expr in CASES:
        tensors, seed = compute(name, domains, consts_fn, f)
        meta = {
            "case": name,
            "output": expr,
            "loss": "sum(output * upstream)",
            "inputs": "a=input.0%s" % list(domains[0][1]),
            "params": "const.target: see output",
            "hvp": "hvp.i = d/d input.i of sum_j sum(grad.j * hvp.direction.j)",
            "seed": "crc32(case)=%d" % seed,
            "torch": torch.__version__,
            "generator": "benchmarks/python/golden_losses.py",
        }
        path = os.path.join(args.out, name + ".safetensors")
        write_atomic(path, safetensors_bytes(tensors, meta))
        back, back_meta = safetensors_read(path)
        if back_meta != meta or list(back) != list(tensors) or not all(
                torch.equal(back[k], tensors[k]) for k in tensors):
            raise AssertionError(path + ": read-back differs from what was written")
        print("%-40s output%-10s max|hvp|=%.3g" % (name, list(tensors["output"].shape),
                                                    float(tensors["hvp.0"].abs().max())))
    print("%d cases written to %s" % (len(CASES), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
