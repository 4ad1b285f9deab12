#!/usr/bin/env bash
# The evaluation test group: test classes named `Eval…`, which read third-party data (template corpus, SQuAD text,
# GSM8K) in place from ../shared beside the checkout, or from PROMPTLINT_SHARED. A missing file fails its test
# (never a skip), so this fails wherever the data is absent. CI (.ci/run) runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${PROMPTLINT_SHARED:-$root/../shared}"
if [ ! -d "$shared" ]; then
    echo "eval-tests: evaluation data not found at $shared (put it beside the checkout or set PROMPTLINT_SHARED)" >&2
    exit 1
fi
bash Scripts/swift-test-chunks.sh -c release -Xswiftc -enable-testing --filter '\.Eval' "$@"
