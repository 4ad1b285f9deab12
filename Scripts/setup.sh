#!/usr/bin/env bash
# The first command of the README: install what is missing, build in release mode, run the main jobs on the
# bundled samples (lint the sample templates, compress a sample prompt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash Scripts/install-deps.sh
swift build -c release
bin="$(swift build -c release --show-bin-path)"
echo
echo "== promptlint check Samples/templates =="
"$bin/promptlint" check Samples/templates || true
if [ -f Samples/prompts/support_policy.txt ] && "$bin/promptcompress" --help 2>/dev/null | grep -q -- "--ratio"; then
    echo
    echo "== promptcompress --ratio 0.5 Samples/prompts/support_policy.txt =="
    "$bin/promptcompress" --ratio 0.5 Samples/prompts/support_policy.txt
else
    echo
    echo "== promptcompress score Samples/prompts/hello.txt =="
    "$bin/promptcompress" score Samples/prompts/hello.txt
fi
