#!/usr/bin/env bash
# Scoring throughput side by side with llama.cpp, in one run, on the same model file and texts:
#   promptbench score (this project, release build) vs shared/tools/peers/llama_score.py (llama-cpp-python,
#   logits for every position, 2 threads). Prints tokens/s for each, their ratio and peak RSS.
# Usage: Scripts/bench.sh [TEXT...]   (default: ../shared/golden/bench_1k.txt ../shared/golden/bench_2k.txt)
# The peer environment is built once by shared/tools/peers/setup.sh into .peer-venv (about 6 minutes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${PROMPTLINT_SHARED:-$root/../shared}"
[ -d "$shared/golden" ] || { echo "bench: $shared/golden not found (set PROMPTLINT_SHARED)" >&2; exit 2; }
texts=("$@")
[ "${#texts[@]}" -gt 0 ] || texts=("$shared/golden/bench_1k.txt" "$shared/golden/bench_2k.txt")
bash Scripts/install-deps.sh >/dev/null
model="${PROMPTLINT_MODEL:-${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/gemma-3-270m-q4_k_m.gguf}"
venv="${PEER_VENV:-$root/.peer-venv}"
[ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import llama_cpp" 2>/dev/null || bash "$shared/tools/peers/setup.sh" "$venv"
swift build -c release --product promptbench >/dev/null
bin="$(swift build -c release --show-bin-path)"
printf '%-14s %7s %12s %12s %8s %10s %10s\n' text tokens "ours tok/s" "llama tok/s" ratio "ours RSS" "llama RSS"
for t in "${texts[@]}"; do
    ours=$(/usr/bin/time -f '%M' -o /tmp/promptbench.rss "$bin/promptbench" score --json --runs 3 --model "$model" "$t")
    llama=$(/usr/bin/time -f '%M' -o /tmp/llama.rss "$venv/bin/python" "$shared/tools/peers/llama_score.py" "$model" bench "$t" 2>/dev/null | tail -1)
    python3 - "$t" "$ours" "$llama" "$(cat /tmp/promptbench.rss)" "$(cat /tmp/llama.rss)" <<'PY'
import json, os, sys
name, ours, llama, ours_rss, llama_rss = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print("%-14s %7d %12.1f %12.1f %7.2fx %8.0f MB %8.0f MB" % (os.path.basename(name), ours["tokens"], ours["tok_per_s"],
      llama["tok_per_s"], ours["tok_per_s"] / llama["tok_per_s"], ours_rss / 1024, llama_rss / 1024))
PY
done
