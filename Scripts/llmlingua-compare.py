#!/usr/bin/env python3
"""Runs LLMLingua (and LongLLMLingua with the question) through the peer tool on the same SQuAD items as
`promptbench compression-eval` and reports answer retention, the achieved ratio in Gemma tokens and time.

Usage: Scripts/llmlingua-compare.sh [--limit N] [--rates 0.5,0.33,0.2] [--no-question|--question-only]
"""
import argparse, json, os, sys, time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval-dir", default="../shared/eval")
    ap.add_argument("--peers", default="../shared/tools/peers")
    ap.add_argument("--model", default=os.environ.get("PROMPTLINT_MODEL") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "promptlint", "gemma-3-270m-q4_k_m.gguf"))
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--rates", default="0.5,0.33,0.2")
    ap.add_argument("--modes", default="plain,question", help="plain, question or both (comma-separated)")
    a = ap.parse_args()
    path = os.path.join(a.eval_dir, "squad_qa_random_question.jsonl")
    if not os.path.exists(path):
        sys.exit(f"{path}: evaluation data not found (pass --eval-dir)")
    sys.path.insert(0, os.path.abspath(a.peers))
    import llmlingua_peer  # the peer tool: LLMLingua on the same GGUF

    items = [json.loads(l) for l in open(path, encoding="utf-8")][: a.limit]
    t0 = time.perf_counter()
    pc = llmlingua_peer.load(a.model)
    load_s = time.perf_counter() - t0
    tok = pc.tokenizer
    count = lambda s: len(tok(s, add_special_tokens=False).input_ids)
    rates = [float(r) for r in a.rates.split(",")]
    modes = a.modes.split(",")
    print(f"LLMLingua peer: model load {load_s:.1f} s, {len(items)} items of squad_qa_random_question.jsonl")
    print(f"{'mode':<22}{'rate':>6}{'retained':>10}{'achieved ratio':>16}{'s/item':>8}")
    for mode in modes:
        for r in rates:
            hits = kept = orig = 0
            secs = 0.0
            for it in items:
                q = it["question"] if mode == "question" else None
                s = time.perf_counter()
                try:
                    out = llmlingua_peer.compress(pc, it["context"], r, q)["compressed_prompt"]
                except Exception as e:  # report, do not stop the run
                    print(f"  error on {it['id']}: {e}", file=sys.stderr)
                    out = it["context"]
                secs += time.perf_counter() - s
                if q and out.endswith(q):  # LongLLMLingua appends the question: not part of the context
                    out = out[: -len(q)].rstrip()
                hits += any(ans in out for ans in it["answers"])
                kept += count(out)
                orig += count(it["context"])
            name = "longllmlingua+question" if mode == "question" else "llmlingua"
            print(f"{name:<22}{r:>6}{100 * hits / len(items):>9.1f}%{kept / orig:>16.3f}{secs / len(items):>8.2f}", flush=True)


if __name__ == "__main__":
    main()
