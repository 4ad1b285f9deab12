#!/usr/bin/env python3
"""Why no float implementation can land within 0.05 nats of llama.cpp's golden log-probabilities, measured.

  ops MODEL.gguf      runs llama.cpp (llama-cpp-python, as shared/golden was made: CPU, 2 threads, batch 512,
                      flash attention off) on the first golden text with an eval callback that copies out every
                      intermediate tensor, then recomputes each operation of layer 0 and the output layer from
                      llama.cpp's own inputs: plainly, and with the roundings reference_forward.py applies under
                      --llama-arithmetic. Prints the largest relative difference of each.
  spread MODEL.gguf GOLDEN.json [EPS] [SEEDS]
                      the numpy forward pass in float64 and in llama arithmetic, the latter also with the
                      embeddings perturbed by a factor (1 + EPS·N(0,1)) (default 1e-7, 3 seeds); prints each
                      one's mean and largest absolute difference from the golden file and from each other.

Needs llama-cpp-python (shared/tools/peers/setup.sh), gguf and numpy.
"""
import ctypes
import itertools
import json
import sys

import numpy as np

import reference_forward as rf


def llama_intermediates(model_path, text):
    """Every float32/f16 tensor llama.cpp computes while evaluating `text`, by name (the last one of a name)."""
    import llama_cpp
    from llama_cpp import Llama, _internals

    tensors = {}

    # ggml_tensor: type at 0, ne[4] at 16, nb[4] at 48, data at 248, name[64] at 256 (ggml.h, 64-bit).
    @llama_cpp.ggml_backend_sched_eval_callback
    def observe(t, ask, _):
        if ask:
            return True
        base = ctypes.cast(t, ctypes.c_void_p).value
        kind = ctypes.c_int32.from_address(base).value
        ne = [ctypes.c_int64.from_address(base + 16 + 8 * i).value for i in range(4)]
        nb = [ctypes.c_size_t.from_address(base + 48 + 8 * i).value for i in range(4)]
        data = ctypes.c_void_p.from_address(base + 248).value
        name = ctypes.string_at(base + 256).decode()
        size = {0: 4, 1: 2}.get(kind)
        if size is None or data is None or nb[0] != size or nb[1] != size * ne[0]:
            return True
        count = ne[0] * ne[1] * ne[2] * ne[3]
        raw = bytes((ctypes.c_char * (count * size)).from_address(data))
        dtype = np.float32 if kind == 0 else np.float16
        tensors[name] = np.frombuffer(raw, dtype=dtype).astype(np.float64).reshape(ne[3], ne[2], ne[1], ne[0])
        return True

    llm = Llama(model_path=model_path, logits_all=True, n_ctx=4096, n_threads=2, n_batch=512, verbose=False)
    llm.context_params.cb_eval = observe
    llm._ctx = _internals.LlamaContext(model=llm._model, params=llm.context_params, verbose=False)
    ids = llm.tokenize(text.encode(), add_bos=True, special=False)
    llm.reset()
    llm.eval(ids)
    return ids, tensors


def ops(model_path):
    text = "The quick brown fox jumps over the lazy dog."
    ids, t = llama_intermediates(model_path, text)
    model = rf.Model(model_path)
    n = len(ids)

    def get(name, shape):
        return t[name].reshape(shape)

    def report(what, plain, rounded, reference):
        scale = np.abs(reference).max()
        print(f"{what:34s} plain {np.abs(plain - reference).max() / scale:.1e}"
              f"   llama arithmetic {np.abs(rounded - reference).max() / scale:.1e}")

    w = model.weight
    h = get("attn_norm-0", (n, 640))
    report("attn_norm (rms of inp_scaled)", rf.rms(get("inp_scaled", (n, 640)), w("blk.0.attn_norm.weight")),
           rf.rms(get("inp_scaled", (n, 640)), w("blk.0.attn_norm.weight")), h)
    for out, name in [("Vcur-0", "attn_v"), ("ffn_gate-0", "ffn_gate"), ("ffn_up-0", "ffn_up")]:
        src = h if name == "attn_v" else get("ffn_norm-0", (n, 640))
        full = f"blk.0.{name}.weight"
        kind = model.tensors[full].tensor_type.name
        report(f"{out} ({kind} x Q8_0)", model.linear(src, full, False), model.linear(src, full, True),
               get(out, (n, -1)))
    q_normed = rf.rms(model.linear(h, "blk.0.attn_q.weight", True).reshape(n, 4, 256), w("blk.0.attn_q_norm.weight"))
    report("Qcur_normed-0", q_normed, q_normed, get("Qcur_normed-0", (n, 4, 256)))
    q = rf.rope(get("Qcur_normed-0", (n, 4, 256)), 1e4, n)
    report("Qcur-0 (RoPE)", q, q, get("Qcur-0", (n, 4, 256)))
    keys = get("cache_k_l0 (view)", (256, 256))[:n]
    k = rf.rope(get("Kcur_normed-0", (n, 1, 256)), 1e4, n).reshape(n, 256)
    report("K cache (f16)", k, rf.half(k), keys)
    scaled_q = get("Qcur-0", (n, 4, 256)) / 16  # llama.cpp's own rotated queries, scaled (exact)
    kq = get("kq-0", (4, n, 256))[:, :, :n]
    report("kq-0 (f16 K x Q)", np.einsum("ihd,jd->hij", scaled_q, keys),
           np.einsum("ihd,jd->hij", rf.half(scaled_q), keys), kq)
    soft = get("kq_soft_max-0", (4, n, 256))[:, :, :n]
    s = np.where(np.tril(np.ones((n, n))) > 0, kq, -np.inf)
    s = np.exp(s - s.max(-1, keepdims=True))
    s /= s.sum(-1, keepdims=True)
    report("kq_soft_max-0", s, s, soft)
    v = get("Vcur-0", (n, 256))
    report("kqv-0 (f16 V x weights)", np.einsum("hij,jd->hid", soft, v),
           np.einsum("hij,jd->hid", rf.half(soft), rf.half(v)), get("kqv-0", (4, n, 256)))
    gate, up = get("ffn_gate-0", (n, 2048)), get("ffn_up-0", (n, 2048))
    table = np.where(gate <= -10, 0, np.where(gate >= 10, gate, rf.half(rf.gelu(rf.half(gate)))))
    report("ffn_geglu-0 (f16 GELU table)", rf.gelu(gate) * up, table * up, get("ffn_geglu-0", (n, 2048)))
    kind = model.tensors["blk.0.ffn_down.weight"].tensor_type.name
    geglu = get("ffn_geglu-0", (n, 2048))
    report(f"ffn_out-0 ({kind} x Q8_K)", model.linear(geglu, "blk.0.ffn_down.weight", False),
           model.linear(geglu, "blk.0.ffn_down.weight", True), get("ffn_out-0", (n, 640)))
    final = get("result_norm", (n, 640))
    report("result_output (Q8_0 x Q8_0)", model.linear(final, "token_embd.weight", False),
           model.linear(final, "token_embd.weight", True), get("result_output", (n, -1)))


def spread(model_path, golden_path, eps, seeds):
    golden = json.load(open(golden_path))
    model = rf.Model(model_path)
    runs = {"float64": dict(llama=False), "llama arithmetic": dict(llama=True)}
    for s in range(1, seeds + 1):
        runs[f"llama arithmetic, perturbed {eps:g} seed {s}"] = dict(llama=True, perturb=eps, seed=s)
    runs["golden (llama.cpp)"] = None
    results = {}
    for name, kw in runs.items():
        if kw is None:
            results[name] = np.array([v for g in golden for v in g["logprobs"][1:]])
        else:
            results[name] = np.array([v for g in golden for v in rf.log_probabilities(model, g["ids"], **kw)])
    for a, b in itertools.combinations(results, 2):
        d = np.abs(results[a] - results[b])
        print(f"{a:40s} vs {b:40s} mean {d.mean():.4f}  max {d.max():.4f}")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "ops":
        ops(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "spread":
        spread(sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 1e-7,
               int(sys.argv[5]) if len(sys.argv) > 5 else 3)
    else:
        sys.exit(__doc__)
