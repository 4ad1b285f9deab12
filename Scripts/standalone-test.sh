#!/usr/bin/env bash
# Proves the README's test command works in a plain clone with nothing beside it: clones this checkout's HEAD into
# a fresh scratch folder (no ../shared there, PROMPTLINT_SHARED unset), runs `bash Scripts/test.sh` in the clone,
# then removes the folder. Extra arguments go to Scripts/test.sh (e.g. --filter PromptLintTests for a fast subset).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git clone --quiet --no-hardlinks "$root" "$scratch/promptlint"
[ ! -e "$scratch/shared" ] || { echo "standalone-test: $scratch/shared exists" >&2; exit 1; }
cd "$scratch/promptlint"
echo "standalone-test: $(git rev-parse --short HEAD) in a scratch clone with nothing beside it"
# The fuzz targets ran in the main CI run already: here the build and every test, without fuzzing.
env -u PROMPTLINT_SHARED -u PROMPTLINT_RULES PROMPTLINT_FUZZ_SECONDS=0 bash Scripts/test.sh "$@"
