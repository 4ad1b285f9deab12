#!/usr/bin/env bash
# schemathesis (PyPI, pinned below) against the OpenAPI document and the live promptlint-server with the model:
# every operation, positive and negative data, all of schemathesis's checks. Prints its summary; exits non-zero on
# any failure (a 5xx, a response or status the document does not describe, bad input accepted). Bounded: at most
# SCHEMATHESIS_EXAMPLES examples per operation and phase (default 25) and a fixed seed, so runs repeat.
# positive_data_acceptance is left out: the API checks what the document cannot say (text XOR request, ratio XOR
# target_tokens, keep XOR budget, a request must be a messages request, examples must parse), and answers such
# schema-valid but meaningless bodies with a 400 naming the field, as it should.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
read -r -a build_flags <<<"${SWIFT_BUILD_FLAGS:-}"  # e.g. --scratch-path .build-release
version="4.32.5"
venv="$root/.schemathesis-venv"
if [[ ! -x "$venv/bin/schemathesis" ]] || ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==$version"
fi
swift build -c release "${build_flags[@]}" --product promptlint-server >/dev/null
bin="$(swift build -c release "${build_flags[@]}" --show-bin-path)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
export SCHEMATHESIS_TOKEN="schemathesis-$$-$RANDOM"
"$bin/promptlint-server" --port 0 --token-env SCHEMATHESIS_TOKEN --max-text 4096 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/server.out")"
[[ -n "$url" ]] || { echo "schemathesis.sh: the server did not start: $(cat "$work/server.err")" >&2; exit 1; }
status=0
"$venv/bin/schemathesis" run Sources/PromptServer/openapi.yaml --url "$url" \
    -H "Authorization: Bearer $SCHEMATHESIS_TOKEN" --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" --seed 16 \
    --workers 1 --no-color --exclude-checks positive_data_acceptance || status=$?
kill -TERM "$server_pid"
if ! wait "$server_pid"; then echo "schemathesis.sh: the server did not exit cleanly on SIGTERM" >&2; status=1; fi
server_pid=""
exit "$status"
