#!/usr/bin/env bash
# Loopback load test of promptlint-server, bounded in time (LOAD_SECONDS per phase, default 15):
#   1. request linting at a high rate (wrk, 1 thread, LINT_CONNECTIONS connections, default 32);
#   2. compression at concurrency above the core count (COMPRESS_CONNECTIONS, default 3 x cores), so the queue fills
#      and 429s appear;
#   3. the CLI's compression tokens/s on the same text at full load (one promptcompress process per core), to compare.
# Prints throughput, p50/p99 latency, the 429 share and the server's RSS before and after; fails when any status
# other than 200 and 429 came back, or a socket error happened. Needs wrk (Debian package) and the model.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${LOAD_SECONDS:-15}"
cores="$(nproc)"
lint_connections="${LINT_CONNECTIONS:-32}"
compress_connections="${COMPRESS_CONNECTIONS:-$((3 * cores))}"
command -v wrk >/dev/null || { echo "server-load: wrk not found (apt-get install wrk)" >&2; exit 2; }

source Scripts/server/run-server.sh
swift build -c release --product promptcompress >/dev/null
cli_bin="$(swift build -c release --show-bin-path)"

python3 - "$work" <<'PY'
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
request = pathlib.Path("Samples/templates/anthropic_request.json").read_text()
(work / "lint.json").write_text(json.dumps({"provider": "anthropic", "request": request}))
text = pathlib.Path("Samples/prompts/support_policy.txt").read_text()
(work / "text.txt").write_text(text)
(work / "compress.json").write_text(json.dumps({"text": text, "ratio": 0.5}))
PY

start_server
rss() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }
tokens="$(curl -sf -H 'Content-Type: application/json' --data-binary @"$work/compress.json" "$url/v1/compress" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["original_tokens"])')"
rss_before="$(rss)"
echo "server $url, $cores cores, rss before: ${rss_before} KiB; compress text: $tokens tokens"

failed=0
run() {  # name path connections
    local line
    line="$(BODY_FILE="$work/$1.json" wrk -t1 -c"$3" -d"${seconds}s" --timeout 120s --latency -s Scripts/server/wrk-status.lua "$url$2" | grep '^RESULT')"
    echo "$1: ${line#RESULT }"
    local statuses="${line##*statuses=}"
    if [[ "$line" != *"socket_errors=0 "* ]] || [[ -n "$(tr ',' '\n' <<<"$statuses" | grep -vE '^(200|429)=' || true)" ]]; then
        echo "server-load: $1 saw a status other than 200/429 or a socket error" >&2; failed=1
    fi
    eval "$1_line=\"\$line\""
}
run lint /v1/lint/request "$lint_connections"
run compress /v1/compress "$compress_connections"
rss_after="$(rss)"

ok200="$(sed -n 's/.*statuses=.*200=\([0-9]*\).*/\1/p' <<<"$compress_line")"
n429="$(sed -n 's/.*429=\([0-9]*\).*/\1/p' <<<"$compress_line")"
measured="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$compress_line")"
server_tps="$(python3 -c "print(f'{${ok200:-0} * $tokens / $measured:.0f}')")"

# The CLI at full load: one process per core, each compressing the same text repeatedly for the same time.
cli_count() {
    local n=0 end=$((SECONDS + seconds))
    while (( SECONDS < end )); do "$cli_bin/promptcompress" --ratio 0.5 "$work/text.txt" >/dev/null; n=$((n + 1)); done
    echo "$n" >"$work/cli.$1"
}
start=$(date +%s.%N)
cli_jobs=()
for i in $(seq 1 "$cores"); do cli_count "$i" & cli_jobs+=("$!"); done
wait "${cli_jobs[@]}"  # only these: a bare `wait` would also wait for the server, which runs until stopped
elapsed="$(python3 -c "import time; print(time.time() - $start)")"
cli_runs="$(cat "$work"/cli.* | python3 -c 'import sys; print(sum(int(x) for x in sys.stdin.read().split()))')"
cli_tps="$(python3 -c "print(f'{$cli_runs * $tokens / $elapsed:.0f}')")"

echo "rss after: ${rss_after} KiB"
echo "compress 429 share: $(python3 -c "t=${ok200:-0}+${n429:-0}; print(f'{(${n429:-0}/t if t else 0):.3f}')")"
echo "compression tokens/s: server $server_tps, CLI ($cores processes) $cli_tps, ratio $(python3 -c "print(f'{$server_tps/$cli_tps:.3f}' if $cli_tps else 'n/a')")"
stop_server && echo "server exited 0 on SIGTERM" || { echo "server-load: server exit status $? on SIGTERM" >&2; failed=1; }
exit "$failed"
