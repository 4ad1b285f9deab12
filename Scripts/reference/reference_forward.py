#!/usr/bin/env python3
"""An independent float64 reference of the Gemma 3 forward pass, for checking the Swift runtime.

Reads the same GGUF with the PyPI `gguf` package (its own dequantizers), runs the forward pass in numpy with
float64 matrix products (no activation quantization, no f16 KV cache), and prints, for each text, the token
ids given and log p(token | tokens before) from a full log-softmax. Usage:

    python3 reference_forward.py MODEL.gguf IDS_JSON > out.json

IDS_JSON is a list of {"text", "ids"} objects (ids with BOS first), e.g. shared/golden/logprobs.json.
Requires: pip install gguf numpy
"""
import json
import sys

import numpy as np
from gguf import GGUFReader
from gguf.quants import dequantize


def main() -> None:
    reader = GGUFReader(sys.argv[1])
    tensors = {t.name: t for t in reader.tensors}
    cache = {}

    def weight(name):
        if name not in cache:
            t = tensors[name]
            cache[name] = dequantize(t.data, t.tensor_type).astype(np.float64)
        return cache[name]

    def rms(x, w):
        return x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6) * w

    def rope(x, base, n):
        half = x.shape[-1] // 2
        inv = base ** (-2.0 * np.arange(half) / (2 * half))
        ang = np.arange(n)[:, None] * inv[None]
        c, s = np.cos(ang)[:, None, :], np.sin(ang)[:, None, :]
        a, b = x[..., :half], x[..., half:]
        return np.concatenate([a * c - b * s, a * s + b * c], -1)

    out = []
    for case in json.load(open(sys.argv[2])):
        ids = case["ids"]
        n = len(ids)
        emb = weight("token_embd.weight")
        x = emb[ids] * np.sqrt(emb.shape[1])
        for layer in range(18):
            p = f"blk.{layer}."
            is_global = layer % 6 == 5
            h = rms(x, weight(p + "attn_norm.weight"))
            q = (h @ weight(p + "attn_q.weight").T).reshape(n, 4, 256)
            k = (h @ weight(p + "attn_k.weight").T).reshape(n, 1, 256)
            v = h @ weight(p + "attn_v.weight").T
            q = rope(rms(q, weight(p + "attn_q_norm.weight")), 1e6 if is_global else 1e4, n) / 16
            k = rope(rms(k, weight(p + "attn_k_norm.weight")), 1e6 if is_global else 1e4, n)
            att = np.zeros((n, 4, 256))
            pos = np.arange(n)
            visible = pos[None, :] <= pos[:, None]
            if not is_global:
                visible &= (pos[:, None] - pos[None, :]) < 512
            for head in range(4):
                s = q[:, head, :] @ k[:, 0, :].T
                s = np.where(visible, s, -np.inf)
                s = np.exp(s - s.max(1, keepdims=True))
                att[:, head, :] = (s / s.sum(1, keepdims=True)) @ v
            o = att.reshape(n, 1024) @ weight(p + "attn_output.weight").T
            x = x + rms(o, weight(p + "post_attention_norm.weight"))
            h = rms(x, weight(p + "ffn_norm.weight"))
            g = h @ weight(p + "ffn_gate.weight").T
            u = h @ weight(p + "ffn_up.weight").T
            gelu = 0.5 * g * (1 + np.tanh(np.sqrt(2 / np.pi) * (g + 0.044715 * g ** 3)))
            f = (gelu * u) @ weight(p + "ffn_down.weight").T
            x = x + rms(f, weight(p + "post_ffw_norm.weight"))
        x = rms(x, weight("output_norm.weight"))
        logits = x @ emb.T
        m = logits.max(1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(logits - m).sum(1))
        lp = [float(logits[i - 1, ids[i]] - lse[i - 1]) for i in range(1, n)]
        out.append({"text": case["text"], "ids": ids, "logprobs": [None] + lp})
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
