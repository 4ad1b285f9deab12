#!/usr/bin/env bash
# promptlint, pcdlint and cachedrift side by side on the labelled source-file set (Eval/source-cache).
#
#   bash Scripts/eval-source-cache.sh --mirrors DIR [--details] [--promptlint-args files] [--repeat N]
#                                     [--tools pcdlint,cachedrift]
#
# DIR (or SOURCE_CACHE_MIRRORS) holds local git mirrors of the pinned repositories (owner+name/repo,
# owner+name or owner/name); nothing is fetched from GitHub here. The peers come from PyPI into a venv
# under .build/; promptlint is built in release mode unless PROMPTLINT_BIN names an executable.
# --tools names the tools to run (default promptlint,pcdlint,cachedrift); without promptlint in it nothing
# is built, so a new labelled set can be measured with the peers before promptlint ever reads it.
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

tools="promptlint,pcdlint,cachedrift"
previous=""
for argument in "$@"; do
    if [[ "$previous" == "--tools" ]]; then tools="$argument"; fi
    if [[ "$argument" == --tools=* ]]; then tools="${argument#--tools=}"; fi
    previous="$argument"
done
tools="${tools// /}"

promptlint_args=()
if [[ ",$tools," == *",promptlint,"* ]]; then
    if [[ -n "${PROMPTLINT_BIN:-}" ]]; then
        promptlint="$PROMPTLINT_BIN"
    else
        swift build -c release --product promptlint >&2
        promptlint="$(swift build -c release --show-bin-path)/promptlint"
    fi
    promptlint_args=(--promptlint "$promptlint")
fi

exec python3 Scripts/eval-source-cache.py ${promptlint_args[@]+"${promptlint_args[@]}"} --rules "$root/Rules" \
    --peer-bin "$venv/bin" "$@"
