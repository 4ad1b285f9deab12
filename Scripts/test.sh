#!/usr/bin/env bash
# The second command of the README: install what is missing, then run every test of the project in release mode
# (the model tests run the real model; they fail, never skip, when it is missing). Needs nothing beside the
# checkout: the evaluation group (test classes named `Eval…`, on third-party data in ../shared) is left to
# Scripts/eval-tests.sh, which CI runs too. Extra arguments go to Scripts/swift-test-chunks.sh, which runs swift test
# (e.g. --filter PromptLintTests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash Scripts/install-deps.sh
swift build -c release
# In chunks of whole test classes (Scripts/swift-test-chunks.sh says why): one swift test call would hand the test
# binary more names in one argument than Linux allows.
bash Scripts/swift-test-chunks.sh -c release -Xswiftc -enable-testing --skip '\.Eval' "$@"
# Fuzz each target for PROMPTLINT_FUZZ_SECONDS (default 30; 0 skips it, as the standalone CI run does).
fuzz_seconds="${PROMPTLINT_FUZZ_SECONDS:-30}"
[ "$fuzz_seconds" = 0 ] || bash Scripts/fuzz.sh "$fuzz_seconds"
