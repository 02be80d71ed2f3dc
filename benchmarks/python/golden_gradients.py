"""Golden values for Chainrule's gradient tests: outputs, gradients and Hessian-vector products
computed by PyTorch autograd in float64, written as small .safetensors files.

For each case with differentiable inputs x_0..x_{k-1} (seeded per case, shapes up to ~5x6):

    output      = f(x_0, ..., x_{k-1})            (constants such as masks are stored as const.*)
    L           = sum(output * upstream)          upstream: seeded N(0,1) of output's shape
    grad.i      = dL/dx_i
    hvp.i       = d/dx_i ( sum_j <grad.j, hvp.direction.j> )   i.e. block i of H v, where H is the
                  Hessian of L w.r.t. all inputs jointly and v = (hvp.direction.0, ...), seeded N(0,1).
                  With one input this is the plain Hessian-vector product w.r.t. the first input.
                  Computed with torch.autograd.grad(..., create_graph=True) on the gradients.

Linear structural ops (transpose, reshape, slicing, index_select, concat, sum, mean, max) are
squared after the op (y = op(a); output = y * y) so that the second derivative passes through
the op's backward and the HVP is not identically zero.

File layout: <out>/<case>.safetensors with tensors input.<i>, const.<name>, upstream, output,
grad.<i>, hvp.direction.<i>, hvp.<i> (all F64, little-endian), and __metadata__ keys: case,
output (pseudo-Java expression of the output), loss, inputs, params, seed, torch, generator.

Usage: /usr/bin/python3 benchmarks/python/golden_gradients.py [--out DIR] [CASE ...] [--cases a,b,...]
       (default DIR: autograd/src/test/resources/golden relative to the repository root)
"""
import argparse
import json
import os
import struct
import sys
import zlib

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "autograd", "src", "test", "resources", "golden"))
F64 = torch.float64


# ---------------------------------------------------------------- safetensors writer (own code)

# torch dtype -> (safetensors dtype, struct code); integer labels and indices as PyTorch keeps them.
SAFETENSORS_TYPES = {F64: ("F64", "d"), torch.int64: ("I64", "q"), torch.int32: ("I32", "i")}
READ_TYPES = {"F64": (F64, "d", 8), "I64": (torch.int64, "q", 8), "I32": (torch.int32, "i", 4)}


def safetensors_bytes(tensors, metadata):
    """Serialises an ordered dict name -> float64 (or int64/int32) tensor and a str->str metadata dict.

    Layout: u64 little-endian header length N, N bytes of UTF-8 JSON (padded with spaces to a
    multiple of 8), then the tensors' raw little-endian bytes back to back in insertion order.
    """
    header = {}
    if metadata:
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
            raise TypeError("metadata must map str to str")
        header["__metadata__"] = dict(metadata)
    blobs, offset = [], 0
    for name, t in tensors.items():
        if t.dtype not in SAFETENSORS_TYPES:
            raise TypeError("%s: dtype %s, only float64, int64 and int32 are written" % (name, t.dtype))
        dtype, code = SAFETENSORS_TYPES[t.dtype]
        c = t.detach().contiguous().cpu()
        data = struct.pack("<%d%s" % (c.numel(), code), *c.reshape(-1).tolist())
        header[name] = {"dtype": dtype, "shape": list(c.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def safetensors_read(path):
    """Minimal reader used only to re-check what was written."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    out = {}
    for name, e in header.items():
        b, end = e["data_offsets"]
        torch_type, code, size = READ_TYPES[e["dtype"]]
        vals = struct.unpack("<%d%s" % ((end - b) // size, code), raw[8 + n + b:8 + n + end])
        out[name] = torch.tensor(vals, dtype=torch_type).reshape(e["shape"])
    return out, meta


def write_atomic(path, payload):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(payload)
    os.replace(tmp, path)


# ---------------------------------------------------------------- input domains

def reals(g, shape):              # (-2, 2)
    return torch.rand(shape, generator=g, dtype=F64) * 4 - 2


def positive(g, shape):           # (0.5, 2): log, sqrt, div denominators, pow bases
    return torch.rand(shape, generator=g, dtype=F64) * 1.5 + 0.5


def off_zero(g, shape):           # |x| in (0.2, 2): keeps relu/abs off their kink
    mag = torch.rand(shape, generator=g, dtype=F64) * 1.8 + 0.2
    sign = torch.where(torch.rand(shape, generator=g, dtype=F64) < 0.5, -1.0, 1.0).to(F64)
    return mag * sign


def clamp_safe(g, shape):         # stays >= 0.1 away from the clamp bounds -0.5 and 0.5
    x = reals(g, shape)
    near = ((x.abs() - 0.5).abs() < 0.1)
    return torch.where(near, x * 1.5, x)


def sq(y):
    return y * y


# ---------------------------------------------------------------- the cases
# name, input domains+shapes, consts(g) -> dict, f(inputs, consts) -> output, output expr, params

def _mask(g):
    return {"mask": (torch.rand((3, 4), generator=g, dtype=F64) < 0.5).to(F64)}


def _lin_target(g):
    return {"target": torch.rand((4, 3), generator=g, dtype=F64)}


CE_CLASSES = [2, 0, 4, 1]


def _ce_target(g):
    t = torch.zeros((4, 5), dtype=F64)
    t[torch.arange(4), torch.tensor(CE_CLASSES)] = 1.0
    return {"target": t}


def _linear_sigmoid_cost(i, c):
    x, w, b = i
    a = torch.sigmoid(x @ w.T + b)
    n = x.shape[0]
    return ((c["target"] - a) ** 2).sum() / (2 * n)


def _softmax_ce(i, c):
    z = i[0]
    return -(c["target"] * torch.log_softmax(z, dim=1)).sum() / z.shape[0]


ROWS = [2, 0, 2, 3]

# Index constants are stored as float64 (the files predate Chainrule's integer dtype, and
# regenerate bit for bit) and cast back for torch; GoldenGradientTest converts them to I64.
GATHER_INDEX = [[2, 0], [1, 1], [3, 3]]
SCATTER_INDEX = [[2, 0, 0], [2, 1, 0]]
EMBEDDING_IDS = [[4, 0, 4], [1, 2, 0]]


def _consts(**named):
    return lambda g: {k: torch.tensor(v, dtype=F64) for k, v in named.items()}


def _causal(g):
    return {"mask": torch.triu(torch.ones((4, 4), dtype=F64), diagonal=1)}


CASES = [
    ("add_broadcast", [(reals, (3, 4)), (reals, (4,))], None,
     lambda i, c: i[0] + i[1], "a.add(b)", "b broadcast along dim 0"),
    ("sub_broadcast", [(reals, (3, 1)), (reals, (1, 4))], None,
     lambda i, c: i[0] - i[1], "a.sub(b)", "both broadcast to [3, 4]"),
    ("mul_broadcast", [(reals, (2, 3, 4)), (reals, (3, 1))], None,
     lambda i, c: i[0] * i[1], "a.mul(b)", "b broadcast to [2, 3, 4]"),
    ("div_broadcast", [(reals, (3, 4)), (positive, (4,))], None,
     lambda i, c: i[0] / i[1], "a.div(b)", "b in (0.5, 2), broadcast along dim 0"),
    ("pow_tensor", [(positive, (3, 4)), (reals, (4,))], None,
     lambda i, c: i[0] ** i[1], "a.pow(b)", "a in (0.5, 2); b broadcast along dim 0"),
    ("pow_scalar", [(reals, (3, 4))], None,
     lambda i, c: i[0] ** 3, "a.pow(3.0)", "exponent=3.0"),
    ("exp", [(reals, (3, 4))], None, lambda i, c: torch.exp(i[0]), "a.exp()", ""),
    ("log", [(positive, (3, 4))], None, lambda i, c: torch.log(i[0]), "a.log()", "a in (0.5, 2)"),
    ("sqrt", [(positive, (3, 4))], None, lambda i, c: torch.sqrt(i[0]), "a.sqrt()", "a in (0.5, 2)"),
    ("sigmoid", [(reals, (3, 4))], None, lambda i, c: torch.sigmoid(i[0]), "a.sigmoid()", ""),
    ("tanh", [(reals, (3, 4))], None, lambda i, c: torch.tanh(i[0]), "a.tanh()", ""),
    ("relu", [(off_zero, (3, 4))], None, lambda i, c: torch.relu(i[0]), "a.relu()", "|a| >= 0.2"),
    ("abs", [(off_zero, (3, 4))], None, lambda i, c: torch.abs(i[0]), "a.abs()", "|a| >= 0.2"),
    ("clamp", [(clamp_safe, (3, 4))], None, lambda i, c: torch.clamp(i[0], -0.5, 0.5),
     "a.clamp(-0.5, 0.5)", "min=-0.5 max=0.5; a at least 0.1 from both bounds"),
    ("maximum", [(reals, (3, 4)), (reals, (3, 4))], None,
     lambda i, c: torch.maximum(i[0], i[1]), "a.maximum(b)", "no ties"),
    ("where", [(reals, (3, 4)), (reals, (3, 4))], _mask,
     lambda i, c: torch.where(c["mask"] != 0, i[0], i[1]), "where(mask != 0, a, b)",
     "const.mask holds 1.0 (take a) or 0.0 (take b)"),
    ("matmul_2d", [(reals, (3, 4)), (reals, (4, 5))], None,
     lambda i, c: i[0] @ i[1], "a.matmul(b)", ""),
    ("matmul_batched", [(reals, (2, 3, 4)), (reals, (2, 4, 5))], None,
     lambda i, c: i[0] @ i[1], "a.matmul(b)", "batch dim 0"),
    ("matmul_batched_broadcast", [(reals, (2, 3, 4)), (reals, (4, 5))], None,
     lambda i, c: i[0] @ i[1], "a.matmul(b)", "b broadcast over the batch dim"),
    ("transpose", [(reals, (3, 4))], None,
     lambda i, c: sq(i[0].transpose(0, 1)), "y = a.transpose(0, 1); y.mul(y)", "dims=[0, 1]"),
    ("reshape", [(reals, (3, 4))], None,
     lambda i, c: sq(i[0].reshape(2, 6)), "y = a.reshape(2, 6); y.mul(y)", "shape=[2, 6]"),
    ("slice", [(reals, (4, 5))], None,
     lambda i, c: sq(i[0][1:3, 0:5:2]), "y = a.slice(rows 1..3, cols 0..5 step 2); y.mul(y)",
     "dim0=[1,3) dim1=[0,5) step 2; output [2, 3]"),
    ("index_select_rows", [(reals, (4, 3))], None,
     lambda i, c: sq(torch.index_select(i[0], 0, torch.tensor(ROWS))),
     "y = a.indexSelect(0, rows); y.mul(y)", "dim=0 rows=%s (row 2 twice: gradients accumulate)" % ROWS),
    ("concat", [(reals, (2, 3)), (reals, (4, 3))], None,
     lambda i, c: sq(torch.cat([i[0], i[1]], dim=0)), "y = concat(0, a, b); y.mul(y)", "dim=0"),
    ("sum_axes_keepdim", [(reals, (2, 3, 4))], None,
     lambda i, c: sq(i[0].sum(dim=(0, 2), keepdim=True)), "y = a.sum(keepdim=true, 0, 2); y.mul(y)",
     "dims=[0, 2] keepdim=true"),
    ("sum_all", [(reals, (3, 4))], None,
     lambda i, c: sq(i[0].sum()), "y = a.sum(); y.mul(y)", "all dims; output rank 0"),
    ("mean_axis", [(reals, (3, 4))], None,
     lambda i, c: sq(i[0].mean(dim=1)), "y = a.mean(1); y.mul(y)", "dims=[1] keepdim=false"),
    ("max_axis_keepdim", [(reals, (3, 4))], None,
     lambda i, c: sq(i[0].max(dim=1, keepdim=True).values), "y = a.max(1, keepdim=true); y.mul(y)",
     "dim=1 keepdim=true; no ties"),
    ("logsumexp", [(reals, (3, 4))], None,
     lambda i, c: torch.logsumexp(i[0], dim=1, keepdim=True), "a.logsumexp(1, keepdim=true)",
     "dim=1 keepdim=true"),
    ("softmax", [(reals, (3, 4))], None,
     lambda i, c: torch.softmax(i[0], dim=1), "a.softmax(1)", "dim=1"),
    ("log_softmax", [(reals, (3, 4))], None,
     lambda i, c: torch.log_softmax(i[0], dim=-1), "a.logSoftmax(-1)", "dim=-1"),
    ("reuse_accumulate", [(reals, (3, 4))], None,
     lambda i, c: i[0] * i[0] + torch.exp(i[0]) * i[0], "a.mul(a).add(a.exp().mul(a))",
     "a used four times: gradients accumulate"),
    ("linear_sigmoid_quadratic_cost", [(reals, (4, 5)), (reals, (3, 5)), (reals, (3,))], _lin_target,
     _linear_sigmoid_cost, "sum((target - x.matmul(w.transpose(0, 1)).add(b).sigmoid()).pow(2)) / (2*4)",
     "inputs x[4,5] w[3,5] b[3] (Dense 5->3), const.target [4,3]; n=4; output rank 0"),
    ("softmax_cross_entropy", [(reals, (4, 5))], _ce_target, _softmax_ce,
     "-sum(target * z.logSoftmax(1)) / 4",
     "logits z[4,5]; const.target one-hot of classes %s; mean over the batch; output rank 0" % CE_CLASSES),
    ("gather", [(reals, (3, 4))], _consts(index=GATHER_INDEX),
     lambda i, c: sq(torch.gather(i[0], 1, c["index"].long())), "y = a.gather(1, const.index); y.mul(y)",
     "dim=1 index=%s (x[1,1] twice: gradients accumulate)" % GATHER_INDEX),
    ("scatter_add", [(reals, (3, 3)), (reals, (2, 3))], _consts(index=SCATTER_INDEX),
     lambda i, c: sq(i[0].scatter_add(0, c["index"].long(), i[1])),
     "y = a.scatterAdd(0, const.index, b); y.mul(y)", "dim=0 index=%s (two sources meet in row 0)" % SCATTER_INDEX),
    ("embedding", [(reals, (5, 3))], _consts(ids=EMBEDDING_IDS),
     lambda i, c: sq(torch.nn.functional.embedding(c["ids"].long(), i[0])),
     "y = a.embedding(const.ids); y.mul(y)", "weight [5, 3], ids=%s (rows 0 and 4 repeat, row 3 unused)" % EMBEDDING_IDS),
    ("layer_norm", [(reals, (2, 3, 4)), (reals, (3, 4)), (reals, (3, 4))], None,
     lambda i, c: torch.nn.functional.layer_norm(i[0], (3, 4), i[1], i[2], 1e-5),
     "a.layerNorm(2, b, c, 1e-5)", "normalized_shape=[3, 4] eps=1e-5 weight=b bias=c"),
    ("masked_fill_causal_softmax", [(reals, (4, 4))], _causal,
     lambda i, c: torch.softmax(i[0].masked_fill(c["mask"] != 0, float("-inf")), dim=1),
     "a.maskedFill(const.mask, -inf).softmax(1)", "const.mask = triu(ones(4, 4), 1): the causal mask of attention"),
    # Convolution is bilinear in (x, w), so its HVP is non-zero without squaring.
    ("conv2d_basic", [(reals, (2, 3, 7, 6)), (reals, (4, 3, 3, 3)), (reals, (4,))], None,
     lambda i, c: F.conv2d(i[0], i[1], i[2]), "x.conv2d(w, b, 1, 0)", "stride 1, no padding"),
    ("conv2d_stride_pad", [(reals, (2, 2, 7, 8)), (reals, (3, 2, 3, 2)), (reals, (3,))], None,
     lambda i, c: F.conv2d(i[0], i[1], i[2], stride=(2, 3), padding=(1, 2)),
     "x.conv2d(w, b, [2, 3], [1, 2], [1, 1], 1)", "stride (2, 3), padding (1, 2)"),
    ("conv2d_dilation", [(reals, (1, 2, 9, 8)), (reals, (2, 2, 3, 3))], None,
     lambda i, c: F.conv2d(i[0], i[1], None, padding=1, dilation=(2, 1)),
     "x.conv2d(w, null, [1, 1], [1, 1], [2, 1], 1)", "dilation (2, 1), padding 1, no bias"),
    ("conv2d_groups", [(reals, (2, 4, 6, 6)), (reals, (6, 2, 3, 3)), (reals, (6,))], None,
     lambda i, c: F.conv2d(i[0], i[1], i[2], stride=2, padding=1, groups=2),
     "x.conv2d(w, b, [2, 2], [1, 1], [1, 1], 2)", "groups 2, stride 2, padding 1"),
    ("conv2d_depthwise", [(reals, (2, 3, 6, 5)), (reals, (3, 1, 3, 3)), (reals, (3,))], None,
     lambda i, c: F.conv2d(i[0], i[1], i[2], padding=1, groups=3),
     "x.conv2d(w, b, [1, 1], [1, 1], [1, 1], 3)", "depthwise: groups = channels = 3, padding 1"),
    ("max_pool2d", [(reals, (2, 3, 7, 6))], None,
     lambda i, c: sq(F.max_pool2d(i[0], 3, stride=2, padding=1)),
     "y = a.maxPool2d([3, 3], [2, 2], [1, 1]); y.mul(y)", "kernel 3, stride 2, padding 1; no ties"),
    ("max_pool2d_plain", [(reals, (2, 2, 6, 6))], None,
     lambda i, c: sq(F.max_pool2d(i[0], 2)), "y = a.maxPool2d(2); y.mul(y)", "kernel 2 = stride"),
    ("avg_pool2d", [(reals, (2, 3, 7, 6))], None,
     lambda i, c: sq(F.avg_pool2d(i[0], (3, 2), stride=(2, 1), padding=(1, 1))),
     "y = a.avgPool2d([3, 2], [2, 1], [1, 1]); y.mul(y)", "count_include_pad=True (PyTorch's default)"),
    ("pad_constant", [(reals, (2, 3, 4))], None,
     lambda i, c: sq(F.pad(i[0], (1, 2, 0, 3), value=0.5)),
     "y = a.pad([1, 2, 0, 3], 0.5); y.mul(y)", "last axis 1 before 2 after, middle axis 3 after; value 0.5"),
    ("batch_norm2d_train", [(reals, (4, 3, 3, 2)), (reals, (3,)), (reals, (3,))], None,
     lambda i, c: F.batch_norm(i[0], None, None, i[1], i[2], training=True, eps=1e-5),
     "x.batchNorm(w, b, 1e-5)", "batch statistics over axes 0, 2, 3 (biased variance), eps 1e-5"),
    ("batch_norm1d_train", [(reals, (5, 4)), (reals, (4,)), (reals, (4,))], None,
     lambda i, c: F.batch_norm(i[0], None, None, i[1], i[2], training=True, eps=1e-5),
     "x.batchNorm(w, b, 1e-5)", "batch statistics over axis 0 (biased variance), eps 1e-5"),
]


# ---------------------------------------------------------------- vocab (issue 19): the added maths and shape tools

def wide(g, shape):               # (-25, 25): crosses softplus' switch at 20
    return torch.rand(shape, generator=g, dtype=F64) * 50 - 25


def above_minus_one(g, shape):    # (-0.7, 2.3): log1p's domain
    return torch.rand(shape, generator=g, dtype=F64) * 3 - 0.7


def with_zeros(g, shape):         # reals with the first element of every row set to 0: prod's hard case
    x = reals(g, shape)
    x[..., 0] = 0.0
    return x


AXIS1_PICKS = [2, 0, 3, 3]        # Chainrule writes the second 3 as -1

VOCAB_CASES = [
    ("sin", [(reals, (3, 4))], None, lambda i, c: torch.sin(i[0]), "a.sin()", ""),
    ("cos", [(reals, (3, 4))], None, lambda i, c: torch.cos(i[0]), "a.cos()", ""),
    ("log1p", [(above_minus_one, (3, 4))], None, lambda i, c: torch.log1p(i[0]), "a.log1p()", "a in (-0.7, 2.3)"),
    ("expm1", [(reals, (3, 4))], None, lambda i, c: torch.expm1(i[0]), "a.expm1()", ""),
    ("erf", [(reals, (3, 4))], None, lambda i, c: torch.erf(i[0]), "a.erf()", ""),
    ("sign_floor_round", [(reals, (3, 4))], None,
     lambda i, c: (torch.sign(i[0]) + torch.floor(i[0]) + torch.round(i[0])) * i[0],
     "a.sign().add(a.floor()).add(a.round()).mul(a)", "the three have zero gradient"),
    ("softplus", [(wide, (3, 4))], None, lambda i, c: torch.nn.functional.softplus(i[0]), "a.softplus()",
     "a in (-25, 25): both sides of the switch at 20"),
    ("silu", [(reals, (3, 4))], None, lambda i, c: torch.nn.functional.silu(i[0]), "a.silu()", ""),
    ("gelu", [(reals, (3, 4))], None, lambda i, c: torch.nn.functional.gelu(i[0]), "a.gelu()", "exact (erf) form"),
    ("gelu_tanh", [(reals, (3, 4))], None, lambda i, c: torch.nn.functional.gelu(i[0], approximate="tanh"),
     "a.geluTanh()", "approximate=tanh"),
    ("leaky_relu", [(off_zero, (3, 4))], None, lambda i, c: torch.nn.functional.leaky_relu(i[0], 0.1),
     "a.leakyRelu(0.1)", "negative_slope=0.1; |a| >= 0.2"),
    ("elu", [(off_zero, (3, 4))], None, lambda i, c: torch.nn.functional.elu(i[0], 1.3), "a.elu(1.3)",
     "alpha=1.3; |a| >= 0.2"),
    ("min_axis", [(reals, (3, 4))], None, lambda i, c: sq(i[0].min(dim=1).values), "y = a.min(1); y.mul(y)",
     "dim=1; no ties"),
    ("var_axis", [(reals, (3, 4))], None, lambda i, c: torch.var(i[0], dim=1), "a.var(new int[] {1}, 1, false)",
     "dim=1 unbiased"),
    ("std_axis", [(reals, (3, 4))], None, lambda i, c: torch.std(i[0], dim=0, keepdim=True),
     "a.std(new int[] {0}, 1, true)", "dim=0 unbiased keepdim"),
    ("norm_all", [(reals, (3, 4))], None, lambda i, c: torch.norm(i[0]), "a.norm()", "Frobenius"),
    ("prod_axis", [(with_zeros, (3, 5))], None, lambda i, c: torch.prod(i[0], dim=1), "a.prod(1, false)",
     "dim=1; element 0 of every row is 0"),
    ("cumsum", [(reals, (3, 4))], None, lambda i, c: sq(torch.cumsum(i[0], dim=1)), "y = a.cumsum(1); y.mul(y)",
     "dim=1"),
    ("sort_descending", [(reals, (3, 4))], None, lambda i, c: sq(torch.sort(i[0], dim=1, descending=True).values),
     "y = a.sort(1, true).values(); y.mul(y)", "dim=1 descending; no ties"),
    ("topk", [(reals, (3, 5))], None, lambda i, c: sq(torch.topk(i[0], 2, dim=-1).values),
     "y = a.topk(2, -1, true).values(); y.mul(y)", "k=2 dim=-1 largest"),
    ("index_select_axis1", [(reals, (3, 4))], None,
     lambda i, c: sq(torch.index_select(i[0], 1, torch.tensor(AXIS1_PICKS))),
     "y = a.indexSelect(1, {2, 0, -1, 3}); y.mul(y)", "dim=1 indices=%s" % AXIS1_PICKS),
    ("stack_chunk", [(reals, (3, 4))], None, lambda i, c: sq(torch.stack(torch.chunk(i[0], 2, dim=1), dim=-1)),
     "y = stack(-1, a.chunk(2, 1)); y.mul(y)", "two [3, 2] chunks stacked on a new last axis"),
    ("unsqueeze_squeeze_slice_step", [(reals, (4, 5))], None,
     lambda i, c: sq(i[0].unsqueeze(0)[:, 1:, ::2].squeeze(0)),
     "y = a.unsqueeze(0).slice(1, 1, 4).slice(2, 0, 5, 2).squeeze(0); y.mul(y)", "rows 1.., columns step 2"),
]
CASES = CASES + VOCAB_CASES


def compute(name, domains, consts_fn, f):
    g = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    inputs = [dom(g, shape).requires_grad_(True) for dom, shape in domains]
    consts = consts_fn(g) if consts_fn else {}
    out = f(inputs, consts)
    upstream = torch.randn(out.shape, generator=g, dtype=F64)
    loss = (out * upstream).sum()
    grads = torch.autograd.grad(loss, inputs, create_graph=True)
    dirs = [torch.randn(x.shape, generator=g, dtype=F64) for x in inputs]
    s = sum((gr * v).sum() for gr, v in zip(grads, dirs))
    if s.requires_grad:
        hvps = torch.autograd.grad(s, inputs, allow_unused=True)
    else:                          # piecewise-linear op: the gradient does not depend on inputs
        hvps = [None] * len(inputs)
    # NOTE: torch may return a "ZeroTensor" (no storage) for provably-zero derivatives (abs).
    hvps = [torch.zeros(x.shape, dtype=F64) if h is None or h._is_zerotensor() else h
            for h, x in zip(hvps, inputs)]
    t = {}
    for k, x in enumerate(inputs):
        t["input.%d" % k] = x.detach()
    for cname, cval in consts.items():
        t["const." + cname] = cval
    t["upstream"] = upstream
    t["output"] = out.detach()
    for k, gr in enumerate(grads):
        if gr.shape != inputs[k].shape:
            raise AssertionError("%s: grad %d shape %s != input %s" % (name, k, gr.shape, inputs[k].shape))
        t["grad.%d" % k] = gr.detach()
    for k, v in enumerate(dirs):
        t["hvp.direction.%d" % k] = v
    for k, h in enumerate(hvps):
        t["hvp.%d" % k] = h.detach()
    return t, zlib.crc32(name.encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("names", nargs="*", help="write only these cases (default: all)")
    ap.add_argument("--cases", default="", help="comma-separated case names to (re)write; default all")
    args = ap.parse_args()
    only = set(filter(None, args.cases.split(","))) | set(args.names)
    unknown = only - {case[0] for case in CASES}
    if unknown:
        ap.error("unknown cases: " + ", ".join(sorted(unknown)))
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    letters = "abcdefgh"
    for name, domains, consts_fn, f, expr, params in CASES:
        if only and name not in only:
            continue
        tensors, seed = compute(name, domains, consts_fn, f)
        if name.startswith(("conv2d", "batch_norm")):
            inputs = " ".join("%s=input.%d%s" % ("xwb"[k], k, list(s)) for k, (_, s) in enumerate(domains))
        elif len(domains) > 1 and name not in ("linear_sigmoid_quadratic_cost",):
            inputs = " ".join("%s=input.%d%s" % (letters[k], k, list(s)) for k, (_, s) in enumerate(domains))
        elif name == "linear_sigmoid_quadratic_cost":
            inputs = "x=input.0[4, 5] w=input.1[3, 5] b=input.2[3]"
        elif name == "softmax_cross_entropy":
            inputs = "z=input.0[4, 5]"
        else:
            inputs = "a=input.0%s" % list(domains[0][1])
        meta = {
            "case": name,
            "output": expr,
            "loss": "sum(output * upstream)",
            "inputs": inputs,
            "params": params,
            "hvp": "hvp.i = d/d input.i of sum_j sum(grad.j * hvp.direction.j)",
            "seed": "crc32(case)=%d" % seed,
            "torch": torch.__version__,
            "generator": "benchmarks/python/golden_gradients.py",
        }
        path = os.path.join(args.out, name + ".safetensors")
        write_atomic(path, safetensors_bytes(tensors, meta))
        back, back_meta = safetensors_read(path)
        if back_meta != meta or list(back) != list(tensors) or not all(
                torch.equal(back[k], tensors[k]) for k in tensors):
            raise AssertionError(path + ": read-back differs from what was written")
        hv = max(float(tensors["hvp.%d" % k].abs().max()) for k in range(len(domains)))
        print("%-32s %5d bytes  output%s  max|hvp|=%.3g" % (name, os.path.getsize(path),
                                                           list(tensors["output"].shape), hv))
    print("%d cases written to %s" % (len(only) if only else len(CASES), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
