#!/usr/bin/env python3
"""Answer retention of promptcompress at given keep-ratios on the first N SQuAD random-question items, for
comparing with a peer at the ratio the peer actually achieved (LLMLingua overshoots its rate; see
Scripts/llmlingua-compare.sh). An item is retained when a gold answer survives verbatim.

Usage: python3 Scripts/retention-at-ratio.py RATIO[,RATIO...] [--limit 60] [--question]
Needs a release build (.build/release/promptcompress) and ../shared/eval.
"""
import argparse, json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("ratios")
ap.add_argument("--limit", type=int, default=60)
ap.add_argument("--question", action="store_true", help="pass each item's question with --question")
ap.add_argument("--eval-dir", default=os.path.join(root, "..", "shared", "eval"))
a = ap.parse_args()
binary = os.path.join(root, ".build", "release", "promptcompress")
path = os.path.join(a.eval_dir, "squad_qa_random_question.jsonl")
if not os.path.exists(binary) or not os.path.exists(path):
    sys.exit(f"needs {binary} (swift build -c release) and {path}")
items = [json.loads(l) for l in open(path, encoding="utf-8")][: a.limit]
for ratio in a.ratios.split(","):
    hits = kept = total = 0
    for it in items:
        args = [binary, "--ratio", ratio, "--format", "json", "-"] + (["--question", it["question"]] if a.question else [])
        run = subprocess.run(args, input=it["context"].encode(), capture_output=True, check=True)
        out = json.loads(run.stdout)
        hits += any(ans in out["compressed"] for ans in it["answers"])
        kept += out["compressed_tokens"]
        total += out["original_tokens"]
    name = "ours+question" if a.question else "ours"
    print(f"{name} --ratio {ratio}: {100 * hits / len(items):.1f}% retained, achieved {kept / total:.3f}, {len(items)} items",
          flush=True)
