#!/usr/bin/env bash
# Fuzzes the parsers with libFuzzer (swift build --sanitize fuzzer --sanitize address of the Fuzz/ package):
# the GGUF reader, the template readers (+ checks), the Python and TS/JS source readers, Jupyter notebooks, the YAML configuration and rule loaders, request-JSON
# reading and the tokenizers. First the hostile GGUF set is replayed through the GGUF harness under
# AddressSanitizer; then each target runs for SECONDS_PER_TARGET (default 60) from seeds made from the
# project's samples, rules and test fixtures, plus the corpus kept from earlier runs in .build-fuzz/corpus.
#
# usage: Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   targets: gguf templates python script notebook config request tokenizers compress messages regex
# Prints executions and crashes per target; exits 1 on any crash, naming the crashing input's path.
# Replay one input: .build-fuzz/debug/FuzzTemplates PATH
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-60}"
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(gguf templates python script notebook config request tokenizers compress messages regex)
scratch="$root/.build-fuzz"

declare -A binary=([gguf]=FuzzGGUF [templates]=FuzzTemplates [python]=FuzzPython [script]=FuzzScript [notebook]=FuzzNotebook
    [config]=FuzzConfig [request]=FuzzRequest [tokenizers]=FuzzTokenizers [compress]=FuzzCompressInput
    [messages]=FuzzMessages [regex]=FuzzRuleRegex)

echo "== building fuzz harnesses (libFuzzer + AddressSanitizer) into .build-fuzz"
# SwiftPM passes `-sanitize=fuzzer -sanitize=address` as two flags and swiftc keeps only the last one, so the Swift
# code would get AddressSanitizer but no coverage counters (libFuzzer then mutates blind: "no interesting inputs").
# The combined flag, passed last, instruments for both.
swift build --package-path Fuzz --scratch-path "$scratch" --sanitize fuzzer --sanitize address \
    -Xswiftc -sanitize=fuzzer,address 2>&1 \
    | grep -E "error:|Compiling|Build complete" | grep -v "^\[" || true
bin="$scratch/debug"
for t in "${targets[@]}"; do
    [[ -x "$bin/${binary[$t]}" ]] || { echo "fuzz: ${binary[$t]} did not build" >&2; exit 1; }
done

echo "== seeds"
rm -rf "$scratch/seeds"
python3 Fuzz/make-seeds.py "$scratch/seeds"
bash Scripts/make-hostile-gguf.sh "$scratch/seeds/gguf"
mv "$scratch/seeds/gguf/expected.tsv" "$scratch/hostile-expected.tsv"

export PROMPTLINT_RULES="$root/Rules"
export SWIFT_BACKTRACE="enable=no"  # the backtracer reads memory that ASan reports
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:${ASAN_OPTIONS:-}"
if [[ -d /dev/shm && -w /dev/shm ]]; then export FUZZ_SCRATCH=/dev/shm; else export FUZZ_SCRATCH="${TMPDIR:-/tmp}"; fi
mkdir -p "$scratch/logs"

failed=0
summary=()
if [[ " ${targets[*]} " == *" gguf "* ]]; then
    echo "== hostile GGUF set under AddressSanitizer"
    log="$scratch/logs/hostile-asan.log"
    if "$bin/FuzzGGUF" -detect_leaks=0 "$scratch"/seeds/gguf/*.gguf >"$log" 2>&1; then
        n=$(ls "$scratch"/seeds/gguf/*.gguf | wc -l)
        summary+=("$(printf '%-12s %10s executions  %s crashes  (ASan replay of the hostile set)' hostile-gguf "$n" 0)")
    else
        failed=1
        summary+=("$(printf '%-12s ASan/precondition failure, see %s' hostile-gguf "$log")")
        grep -E "ERROR: AddressSanitizer|Fatal error|Running:" "$log" | tail -3 >&2 || true
    fi
fi

for t in "${targets[@]}"; do
    corpus="$scratch/corpus/$t"
    artifacts="$scratch/artifacts/$t/"
    log="$scratch/logs/$t.log"
    mkdir -p "$corpus" "$artifacts"
    echo "== $t: ${seconds}s"
    set +e
    # A fixed seed (FUZZ_SEED, default 1) makes a run's input sequence repeatable; set FUZZ_SEED=0 for a random one.
    # A dictionary of the language's tokens (Fuzz/dicts/TARGET.dict), where there is one, steers mutations to them.
    dict=(); [[ -f "Fuzz/dicts/$t.dict" ]] && dict=(-dict="Fuzz/dicts/$t.dict")
    "$bin/${binary[$t]}" "${dict[@]}" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -max_len=65536 \
        -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$scratch/seeds/$t" \
        >"$log" 2>&1
    code=$?
    set -e
    runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$" | tail -1)
    [[ -n "$runs" ]] || runs=$(grep -oE "^#[0-9]+" "$log" | tail -1 | tr -d '#')
    # Coverage points reached: proof the target is instrumented (an uninstrumented build shows none).
    cov=$(grep -oE "cov: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+")
    runs="${runs:-?} executions, ${cov:-no} coverage points;"
    if [[ $code -eq 0 ]]; then
        summary+=("$(printf '%-12s %s 0 crashes' "$t" "$runs")")
    else
        failed=1
        input=$(grep -oE "(Test unit|artifact) written to [^ ]+" "$log" | tail -1 | awk '{print $NF}')
        reason=$(grep -E "ERROR: (AddressSanitizer|libFuzzer)|Fatal error|Precondition failed|SUMMARY" "$log" | head -2 | tr '\n' ' ')
        summary+=("$(printf '%-12s %s 1 crash: %s  input: %s  log: %s' "$t" "$runs" "$reason" "${input:-?}" "$log")")
        # The input itself, so a CI log alone reproduces the crash (base64 -d > FILE; replay as the header says).
        if [[ -n "$input" && -f "$input" && $(stat -c %s "$input") -le 8192 ]]; then
            summary+=("  input (base64): $(base64 -w0 "$input")")
        fi
    fi
done

echo "== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit $failed
