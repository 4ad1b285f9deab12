#!/usr/bin/env bash
# LLMLingua through the peer tool (../shared/tools/peers) on the items of `promptbench compression-eval`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PEER_PYTHON:-${PEER_VENV:-$root/.peer-venv}/bin/python}"
exec "$python" Scripts/llmlingua-compare.py "$@"
