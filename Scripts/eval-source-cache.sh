#!/usr/bin/env bash
# promptlint, pcdlint and cachedrift side by side on the labelled source-file set (Eval/source-cache).
#
#   bash Scripts/eval-source-cache.sh --mirrors DIR [--details] [--promptlint-args files] [--repeat N]
#
# DIR (or SOURCE_CACHE_MIRRORS) holds local git mirrors of the pinned repositories (owner+name/repo,
# owner+name or owner/name); nothing is fetched from GitHub here. The peers come from PyPI into a venv
# under .build/; promptlint is built in release mode unless PROMPTLINT_BIN names an executable.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

venv="${SOURCE_CACHE_VENV:-$root/.build/source-cache-venv}"
peers="${SOURCE_CACHE_PEERS:-pcdlint==0.3.0 cachedrift==0.1.0}"
if [[ ! -x "$venv/bin/pcdlint" || ! -x "$venv/bin/cachedrift" ]]; then
    python3 -m venv "$venv"
    # shellcheck disable=SC2086
    "$venv/bin/pip" install --quiet $peers
fi

if [[ -n "${PROMPTLINT_BIN:-}" ]]; then
    promptlint="$PROMPTLINT_BIN"
else
    swift build -c release --product promptlint >&2
    promptlint="$(swift build -c release --show-bin-path)/promptlint"
fi

exec python3 Scripts/eval-source-cache.py --promptlint "$promptlint" --rules "$root/Rules" \
    --peer-bin "$venv/bin" "$@"
