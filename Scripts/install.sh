#!/usr/bin/env bash
# Puts promptlint, promptcompress and promptbench on PATH: builds them in release mode and copies them into
# PREFIX/bin (default PREFIX: $HOME/.local). The binaries carry the built-in rules and pricing; the model and the
# cl100k rank file are found in ${XDG_CACHE_HOME:-$HOME/.cache}/promptlint (Scripts/install-deps.sh puts them there),
# so every README command then works from any directory.
#
# usage: bash Scripts/install.sh [PREFIX]        e.g. bash Scripts/install.sh /usr/local
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${1:-$HOME/.local}"
case "$prefix" in
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
esac
cd "$root"
bash Scripts/install-deps.sh
swift build -c release
bin="$(swift build -c release --show-bin-path)"
mkdir -p "$prefix/bin"
for tool in promptlint promptcompress promptbench; do
    # Copy to a temporary name, then rename: a running copy is never overwritten in place.
    install -m 0755 "$bin/$tool" "$prefix/bin/.$tool.new"
    mv -f "$prefix/bin/.$tool.new" "$prefix/bin/$tool"
    echo "installed $prefix/bin/$tool ($("$prefix/bin/$tool" --version))"
done
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
