"""Golden values for nn's sequence and attention layers: PyTorch's nn.LSTM, nn.GRU (batch_first,
one layer, a few steps, a given initial state), nn.MultiheadAttention (batch_first, causal and
key-padding masks), nn.TransformerEncoderLayer (post-norm ReLU; pre-norm GELU with both masks) and
nn.ConvTranspose2d (strides, paddings, output padding, dilation, groups) in float64, in the format of golden_gradients.py (whose writer and computation
this reuses; see its docstring for what every tensor means).

Each case is a function of all its tensors at once: the inputs (x and the initial state) and every
parameter under its PyTorch state_dict name, so grad.i and hvp.i cover inputs and weights alike.
The metadata key "names" lists what input.0, input.1, ... are; the output is one flat vector
joining the module's outputs (for the LSTM: all hidden states, then h_n, then c_n).

Usage: /usr/bin/python3 benchmarks/python/golden_layers.py [--out DIR]
       (default DIR: nn/src/test/resources/golden-layers relative to the repository root)
"""
import argparse
import os
import sys

import torch
from torch.nn.utils.stateless import functional_call

from golden_gradients import F64, compute, safetensors_bytes, safetensors_read, write_atomic

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "nn", "src", "test", "resources", "golden-layers"))

BATCH, STEPS, INPUT, HIDDEN, EMBED, HEADS = 2, 4, 3, 4, 4, 2


def small(g, shape):              # (-0.8, 0.8): weights and states of a trained-looking size
    return torch.rand(shape, generator=g, dtype=F64) * 1.6 - 0.8


def module_case(module, n_inputs, run):
    """Domains and f for compute(): the first n_inputs tensors feed run, the rest are the parameters."""
    names = [n for n, _ in module.named_parameters()]
    shapes = [tuple(p.shape) for _, p in module.named_parameters()]

    def f(i, c):
        params = dict(zip(names, i[n_inputs:]))
        return run(lambda *args, **kw: functional_call(module, params, args, kw), i[:n_inputs], c)
    return names, shapes, f


def rnn_case(m, n_inputs, run):
    """nn.LSTM/nn.GRU keep a flat list of their weights that functional_call does not swap, so the
    case calls the modules' own kernel (torch._VF.lstm/gru, what their forward calls) with the
    weights in state_dict order."""
    names = [n for n, _ in m.named_parameters()]
    shapes = [tuple(p.shape) for _, p in m.named_parameters()]
    return names, shapes, lambda i, c: run(i[:n_inputs], list(i[n_inputs:]))


def lstm():
    m = torch.nn.LSTM(INPUT, HIDDEN, batch_first=True).to(F64)
    names, shapes, f = rnn_case(m, 3, lambda i, w: torch.cat([t.reshape(-1) for t in (lambda o: (o[0], o[1], o[2]))(
        torch._VF.lstm(i[0], (i[1], i[2]), w, True, 1, 0.0, False, False, True))]))
    inputs = ["x", "h0", "c0"] + names
    return inputs, [(BATCH, STEPS, INPUT), (1, BATCH, HIDDEN), (1, BATCH, HIDDEN)] + shapes, None, f, \
        "new Recurrent(new LSTMCell(3, 4)).run(x, (h0, c0)): outputs, h_n, c_n flattened and joined"


def gru():
    m = torch.nn.GRU(INPUT, HIDDEN, batch_first=True).to(F64)
    names, shapes, f = rnn_case(m, 2, lambda i, w: torch.cat(
        [t.reshape(-1) for t in torch._VF.gru(i[0], i[1], w, True, 1, 0.0, False, False, True)]))
    inputs = ["x", "h0"] + names
    return inputs, [(BATCH, STEPS, INPUT), (1, BATCH, HIDDEN)] + shapes, None, f, \
        "new Recurrent(new GRUCell(3, 4)).run(x, h0): outputs, h_n flattened and joined"


def attention():
    m = torch.nn.MultiheadAttention(EMBED, HEADS, batch_first=True).to(F64)
    causal = torch.triu(torch.ones(STEPS, STEPS, dtype=torch.bool), diagonal=1)

    def consts(g):
        pad = torch.zeros(BATCH, STEPS, dtype=F64)
        pad[1, STEPS - 1] = 1.0                     # the last key of example 1 is padding
        return {"key_padding_mask": pad}

    def run(call, i, c):
        out, w = call(i[0], i[0], i[0], key_padding_mask=c["key_padding_mask"] != 0, attn_mask=causal)
        return torch.cat([out.reshape(-1), w.reshape(-1)])
    names, shapes, f = module_case(m, 1, run)
    return ["x"] + names, [(BATCH, STEPS, EMBED)] + shapes, consts, f, \
        "new MultiheadAttention(4, 2).attend(x, x, x, keyPaddingMask, causal=true): output, then weights (mean over heads)"


def encoder_layer(norm_first, activation, masked):
    """nn.TransformerEncoderLayer(4, 2, dim_feedforward=6, dropout=0) in eval mode; with masked, a
    causal mask and the last position of example 1 as padding."""
    def make():
        m = torch.nn.TransformerEncoderLayer(EMBED, HEADS, dim_feedforward=6, dropout=0.0, activation=activation,
                                             batch_first=True, norm_first=norm_first).to(F64).eval()
        causal = torch.triu(torch.ones(STEPS, STEPS, dtype=torch.bool), diagonal=1)

        def consts(g):
            pad = torch.zeros(BATCH, STEPS, dtype=F64)
            pad[1, STEPS - 1] = 1.0
            return {"key_padding_mask": pad}

        def run(call, i, c):
            if not masked:
                return call(i[0]).reshape(-1)
            return call(i[0], src_mask=causal, src_key_padding_mask=c["key_padding_mask"] != 0).reshape(-1)
        names, shapes, f = module_case(m, 1, run)
        flags = "%s, %s" % ("pre-norm" if norm_first else "post-norm", activation)
        return ["x"] + names, [(BATCH, STEPS, EMBED)] + shapes, consts if masked else None, f, \
            "new TransformerEncoderLayer(4, 2, 6, 0.0, %s).encode(x, %s).output()" % (
                flags, "keyPaddingMask, causal=true" if masked else "null, false")
    return make


def conv_transpose(in_ch, out_ch, kernel, stride, padding, output_padding, dilation, groups, bias, x_shape, java):
    def make():
        m = torch.nn.ConvTranspose2d(in_ch, out_ch, kernel, stride=stride, padding=padding, output_padding=output_padding,
                                     dilation=dilation, groups=groups, bias=bias).to(F64)
        names, shapes, f = module_case(m, 1, lambda call, i, c: call(i[0]).reshape(-1))
        return ["x"] + names, [x_shape] + shapes, None, f, java + ".forward(x), flattened"
    return make


CASES = [("lstm", lstm), ("gru", gru), ("attention_causal_padding", attention),
         # issue 11, the vision transformer example's block: PyTorch's default and the ViT's choice
         ("transformer_encoder_post_relu", encoder_layer(False, "relu", False)),
         ("transformer_encoder_pre_gelu_masked", encoder_layer(True, "gelu", True)),
         # the autoencoder's upsampling: 3x3, stride 2, padding 1, output padding 1 (7x7 -> 14x14 here 3x4 -> 6x8)
         ("conv_transpose2d", conv_transpose(3, 2, 3, 2, 1, 1, 1, 1, True, (2, 3, 3, 4),
                                             "new ConvTranspose2d(3, 2, 3x3, stride 2, padding 1, output padding 1)")),
         # uneven everything, two groups, no bias
         ("conv_transpose2d_groups", conv_transpose(4, 2, (2, 3), (2, 1), (0, 1), (1, 0), (1, 2), 2, False, (2, 4, 3, 3),
                                                    "new ConvTranspose2d(4->2, 2x3, stride (2,1), padding (0,1), "
                                                    "output padding (1,0), dilation (1,2), groups 2, no bias)"))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    for name, make in CASES:
        names, shapes, consts, f, expr = make()
        tensors, seed = compute(name, [(small, s) for s in shapes], consts, f)
        meta = {
            "case": name,
            "output": expr,
            "loss": "sum(output * upstream)",
            "names": ",".join(names),
            "hvp": "hvp.i = d/d input.i of sum_j sum(grad.j * hvp.direction.j)",
            "seed": "crc32(case)=%d" % seed,
            "torch": torch.__version__,
            "generator": "benchmarks/python/golden_layers.py",
        }
        path = os.path.join(args.out, name + ".safetensors")
        write_atomic(path, safetensors_bytes(tensors, meta))
        back, back_meta = safetensors_read(path)
        if back_meta != meta or list(back) != list(tensors):
            raise AssertionError(path + ": read-back differs from what was written")
        print("%-28s %6d bytes  output%s  inputs %s" % (name, os.path.getsize(path),
                                                        list(tensors["output"].shape), names))
    print("%d cases written to %s" % (len(CASES), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
