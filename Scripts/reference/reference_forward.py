#!/usr/bin/env python3
"""An independent reference of the Gemma 3 forward pass, for checking the Swift runtime.

Reads the same GGUF with the PyPI `gguf` package (its own dequantizers) and runs the forward pass in numpy.
Two arithmetics:
- float64 (the default): float64 products, nothing rounded. The Swift runtime must agree with it tightly.
- llama (--llama-arithmetic): the roundings llama.cpp's CPU backend applies between its float32 operations,
  so the numbers behave like llama.cpp's: activations become Q8_0 blocks (max|x|/127 as f16, integers rounded
  half to even) before a product with a Q5_0/Q8_0 weight and Q8_K blocks (scale -127/m from the element m of
  largest magnitude) before a k-quant weight; queries, keys, values and attention weights are rounded to f16
  (its f16 KV cache); GELU reads an f16 table indexed by the f16 input. Each rounding was checked against
  llama.cpp's own intermediate tensors with llama_arithmetic.py (`ops`).

--perturb EPS --seed S multiplies the scaled embeddings by (1 + EPS·N(0,1)), to measure how far a result moves
under a perturbation far below float32 resolution of the inputs' meaning (see llama_arithmetic.py `spread`).

Usage:
    python3 reference_forward.py MODEL.gguf IDS_JSON [--llama-arithmetic] [--perturb EPS --seed S] > out.json

IDS_JSON is a list of {"text", "ids"} objects (ids with BOS first), e.g. shared/golden/logprobs.json. Prints
the same list with "logprobs" (log p(token | tokens before) from a full log-softmax; null first).
Requires: pip install gguf numpy
"""
import argparse
import json
import sys

import numpy as np
from gguf import GGUFReader
from gguf.quants import dequantize


def half(x):
    """Rounds to binary16 (ties to even) and back."""
    return x.astype(np.float16).astype(np.float64)


def q8_0(x):
    """Q8_0 activation quantization (blocks of 32), dequantized: d = f16(max|x|/127), q = rint(x·127/max|x|)."""
    x = x.astype(np.float32)
    blocks = x.reshape(-1, 32)
    amax = np.abs(blocks).max(1, keepdims=True)
    d = (amax / np.float32(127)).astype(np.float16).astype(np.float32)
    inverse = np.where(amax != 0, np.float32(127) / np.where(amax == 0, 1, amax), 0).astype(np.float32)
    return (np.rint(blocks * inverse) * d).reshape(x.shape).astype(np.float64)


def q8_k(x):
    """Q8_K activation quantization (blocks of 256), dequantized: iscale = -127/m, q = min(127, rint(iscale·x))."""
    x = x.astype(np.float32)
    blocks = x.reshape(-1, 256)
    extreme = blocks[np.arange(len(blocks)), np.abs(blocks).argmax(1)][:, None]
    inverse = (np.float32(-127) / np.where(extreme == 0, 1, extreme)).astype(np.float32)
    q = np.minimum(127, np.rint(inverse * blocks)) * (np.float32(1) / inverse)
    return np.where(extreme == 0, 0, q).reshape(x.shape).astype(np.float64)


def gelu(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


class Model:
    """The GGUF's tensors, dequantized to float64 on first use."""

    def __init__(self, path):
        self.tensors = {t.name: t for t in GGUFReader(path).tensors}
        self.cache = {}

    def weight(self, name):
        if name not in self.cache:
            t = self.tensors[name]
            self.cache[name] = dequantize(t.data, t.tensor_type).astype(np.float64)
        return self.cache[name]

    def linear(self, x, name, llama):
        """x · Wᵀ, with x first quantized the way llama.cpp quantizes activations for W's type."""
        if llama:
            kind = self.tensors[name].tensor_type.name
            x = q8_k(x) if kind.endswith("_K") else q8_0(x)
        return x @ self.weight(name).T


def rms(x, w):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6) * w


def rope(x, base, n):
    half_dim = x.shape[-1] // 2
    inv = base ** (-2.0 * np.arange(half_dim) / (2 * half_dim))
    ang = np.arange(n)[:, None] * inv[None]
    c, s = np.cos(ang)[:, None, :], np.sin(ang)[:, None, :]
    a, b = x[..., :half_dim], x[..., half_dim:]
    return np.concatenate([a * c - b * s, a * s + b * c], -1)


def log_probabilities(model, ids, llama=False, perturb=0.0, seed=0):
    """log p(ids[i] | ids[<i]) for i ≥ 1, from the 270M Gemma 3 forward pass."""
    n = len(ids)
    r = (lambda v: half(v)) if llama else (lambda v: v)
    emb = model.weight("token_embd.weight")
    x = emb[ids] * np.sqrt(emb.shape[1])
    if perturb:
        x = x * (1 + perturb * np.random.default_rng(seed).standard_normal(x.shape))
    pos = np.arange(n)
    for layer in range(18):
        p = f"blk.{layer}."
        is_global = layer % 6 == 5
        base = 1e6 if is_global else 1e4
        h = rms(x, model.weight(p + "attn_norm.weight"))
        q = model.linear(h, p + "attn_q.weight", llama).reshape(n, 4, 256)
        k = model.linear(h, p + "attn_k.weight", llama).reshape(n, 1, 256)
        v = r(model.linear(h, p + "attn_v.weight", llama))
        q = r(rope(rms(q, model.weight(p + "attn_q_norm.weight")), base, n) / 16)
        k = r(rope(rms(k, model.weight(p + "attn_k_norm.weight")), base, n))
        visible = pos[None, :] <= pos[:, None]
        if not is_global:
            visible &= (pos[:, None] - pos[None, :]) < 512
        att = np.zeros((n, 4, 256))
        for head in range(4):
            s = np.where(visible, q[:, head, :] @ k[:, 0, :].T, -np.inf)
            s = np.exp(s - s.max(1, keepdims=True))
            att[:, head, :] = r(s / s.sum(1, keepdims=True)) @ v
        o = model.linear(att.reshape(n, 1024), p + "attn_output.weight", llama)
        x = x + rms(o, model.weight(p + "post_attention_norm.weight"))
        h = rms(x, model.weight(p + "ffn_norm.weight"))
        g = model.linear(h, p + "ffn_gate.weight", llama)
        u = model.linear(h, p + "ffn_up.weight", llama)
        if llama:
            activated = np.where(g <= -10, 0, np.where(g >= 10, g, half(gelu(half(g)))))
        else:
            activated = gelu(g)
        f = model.linear(activated * u, p + "ffn_down.weight", llama)
        x = x + rms(f, model.weight(p + "post_ffw_norm.weight"))
    x = rms(x, model.weight("output_norm.weight"))
    logits = model.linear(x, "token_embd.weight", llama)
    m = logits.max(1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(1))
    return [float(logits[i - 1, ids[i]] - lse[i - 1]) for i in range(1, n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model")
    parser.add_argument("ids_json")
    parser.add_argument("--llama-arithmetic", action="store_true")
    parser.add_argument("--perturb", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    model = Model(args.model)
    out = []
    for case in json.load(open(args.ids_json)):
        lp = log_probabilities(model, case["ids"], args.llama_arithmetic, args.perturb, args.seed)
        out.append({"text": case["text"], "ids": case["ids"], "logprobs": [None] + lp})
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
