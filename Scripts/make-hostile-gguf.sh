#!/usr/bin/env bash
# Builds the hostile GGUF set: Tests/GGUFTests/Support/HostileGGUF.swift (one case per way a header can lie,
# plus the valid file they start from) written to OUT_DIR as <case>.gguf, with OUT_DIR/expected.tsv.
# usage: Scripts/make-hostile-gguf.sh OUT_DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: make-hostile-gguf.sh OUT_DIR}"
build="$root/.build-fuzz/hostile-gen"
mkdir -p "$build"
safeio=("$root"/Sources/SafeIO/*.swift)  # GGUF's file policy: built first as its own module
sources=("$root"/Sources/GGUF/*.swift "$root"/Sources/GGUF/*/*.swift
    "$root"/Tests/GGUFTests/Support/HostileGGUF.swift "$root"/Tests/GGUFTests/Support/TinyGGUFWriter.swift
    "$root"/Fuzz/MakeHostileGGUF/main.swift)
stamp="$build/make-hostile-gguf"
if [[ ! -x "$stamp" ]] || [[ -n "$(find "${sources[@]}" "${safeio[@]}" -newer "$stamp" 2>/dev/null)" ]]; then
    swiftc -O -parse-as-library -module-name SafeIO -emit-module -emit-module-path "$build/SafeIO.swiftmodule" \
        -emit-library -static -o "$build/libSafeIO.a" "${safeio[@]}"
    # One module named GGUF, so the support files' `import GGUF` is their own module (a warning, not an error).
    swiftc -O -module-name GGUF -I "$build" "${sources[@]}" "$build/libSafeIO.a" -o "$stamp" 2>&1 | grep -v "ignoring import\|^.*import GGUF\|^ *|\|^ *[0-9]* |" >&2 || true
fi
"$stamp" "$out"
