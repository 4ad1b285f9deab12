#!/usr/bin/env bash
# The second command of the README (and what CI runs): install what is missing, then run every test in
# release mode (the model tests run the real model; they fail, never skip, when it is missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash Scripts/install-deps.sh
swift build -c release
swift test -c release -Xswiftc -enable-testing "$@"
bash Scripts/fuzz.sh 30
