#!/usr/bin/env bash
# Scoring throughput side by side with llama.cpp, in one run, on the same model file and texts:
#   promptbench score --fast (this project, release build: exact and fast (int8 head) modes, fast error vs exact,
#   keep/drop agreement of compression at ratio 0.5) vs shared/tools/peers/llama_score.py (llama-cpp-python,
#   logits for every position, 2 threads). Prints tokens/s for each, their ratio and peak RSS, and our CPU seconds
#   per 1,000 tokens in each mode (getrusage around the best run: on a shared machine the CPU time, unlike the
#   wall time, does not grow with the load).
# Then, per text, `promptcompress --ratio 0.5` end to end (process start to output, /usr/bin/time) in the default
# mode and with --exact / --fast (after one untimed warm-up run, so that the first timed mode does not pay for
# reading the model and packed weights into the page cache; wall seconds, then CPU seconds user + system), beside LLMLingua (shared/tools/peers/llmlingua_peer.py, same model and text,
# rate 0.5) end to end and its compression time alone (model load excluded), with our speed-up over both.
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
if [ ! -x /usr/bin/time ]; then  # peak RSS of each side comes from GNU time
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
model="${PROMPTLINT_MODEL:-${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/gemma-3-270m-q4_k_m.gguf}"
venv="${PEER_VENV:-$root/.peer-venv}"
[ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import llama_cpp" 2>/dev/null || bash "$shared/tools/peers/setup.sh" "$venv"
swift build -c release --product promptbench >/dev/null
swift build -c release --product promptcompress >/dev/null
bin="$(swift build -c release --show-bin-path)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
printf '%-13s %6s %11s %11s %11s %7s %7s %7s %9s %9s %s\n' text tokens "exact tok/s" "fast tok/s" "llama tok/s" \
    "exact/l" "fast/l" "load s" "ours RSS" "llama RSS" "CPU s/1k tokens exact, fast; fast error vs exact, keep/drop agreement at 0.5"
for t in "${texts[@]}"; do
    ours=$(/usr/bin/time -f '%M' -o "$scratch/promptbench.rss" "$bin/promptbench" score --json --fast --runs 3 --model "$model" "$t")
    llama=$(/usr/bin/time -f '%M' -o "$scratch/llama.rss" "$venv/bin/python" "$shared/tools/peers/llama_score.py" "$model" bench "$t" 2>/dev/null | tail -1)
    python3 - "$t" "$ours" "$llama" "$(cat "$scratch/promptbench.rss")" "$(cat "$scratch/llama.rss")" <<'PY'
import json, os, sys
name, ours_lines, llama, ours_rss, llama_rss = sys.argv[1], sys.argv[2].splitlines(), json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
runs = [json.loads(line) for line in ours_lines if line.strip()]
fast = next(r for r in runs if r.get("mode") == "fast")
exact = next(r for r in runs if r.get("mode") != "fast")
per_k = lambda r: 1000 * r["cpu_s"] / r["tokens"]
print("%-13s %6d %11.1f %11.1f %11.1f %6.2fx %6.2fx %7.3f %6.0f MB %6.0f MB CPU %.2f, %.2f; within 0.05: %.1f%%, mean %.3f, p99 %.3f, max %.3f, agreement %.1f%%" % (
    os.path.basename(name), exact["tokens"], exact["tok_per_s"], fast["tok_per_s"], llama["tok_per_s"],
    exact["tok_per_s"] / llama["tok_per_s"], fast["tok_per_s"] / llama["tok_per_s"], exact["load_s"],
    ours_rss / 1024, llama_rss / 1024, per_k(exact), per_k(fast), 100 * fast["within_0_05"], fast["mean_abs_error"],
    fast["p99_abs_error"], fast["max_abs_error"], 100 * fast["decision_agreement_0_5"]))
PY
done

printf '\n%-13s %10s %10s %10s %16s %9s %14s %16s %s\n' text "default s" "exact s" "fast s" "CPU s d/e/f" "ours RSS" \
    "LLMLingua s" "LLMLingua comp s" "speed-up of the default end to end over LLMLingua end to end, over its compression alone"
for t in "${texts[@]}"; do
    "$bin/promptcompress" --ratio 0.5 --model "$model" "$t" >/dev/null
    for mode in default exact fast; do
        flag=(); [ "$mode" = default ] || flag=("--$mode")
        /usr/bin/time -f '%e %M %U %S' -o "$scratch/$mode.time" "$bin/promptcompress" "${flag[@]}" --ratio 0.5 --model "$model" "$t" >"$scratch/$mode.out"
    done
    /usr/bin/time -f '%e %M' -o "$scratch/lingua.time" "$venv/bin/python" "$shared/tools/peers/llmlingua_peer.py" \
        "$model" --rate 0.5 "$t" >"$scratch/lingua.json" 2>/dev/null
    python3 - "$t" "$scratch" <<'PY'
import json, os, sys
name, d = sys.argv[1], sys.argv[2]
wall = lambda m: float(open(os.path.join(d, m + ".time")).read().split()[0])
cpu = lambda m: sum(float(x) for x in open(os.path.join(d, m + ".time")).read().split()[2:4])
rss = int(open(os.path.join(d, "default.time")).read().split()[1])
lingua = json.load(open(os.path.join(d, "lingua.json")))
print("%-13s %10.2f %10.2f %10.2f %16s %6.0f MB %14.1f %16.1f %.1fx, %.1fx" % (
    os.path.basename(name), wall("default"), wall("exact"), wall("fast"),
    "%.2f/%.2f/%.2f" % (cpu("default"), cpu("exact"), cpu("fast")), rss / 1024, wall("lingua"),
    lingua["compress_seconds"], wall("lingua") / wall("default"), lingua["compress_seconds"] / wall("default")))
PY
done
