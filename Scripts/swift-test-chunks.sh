#!/usr/bin/env bash
# Runs `swift test` over the package's tests in chunks of whole test classes, so that no chunk's list of test names
# reaches Linux's 128 KiB cap on one argument (MAX_ARG_STRLEN): with --filter or --skip, swift test hands every
# selected name to the test binary as one comma-separated argument, and above the cap the run dies with
# "posix_spawn error: Argument list too long" before any test runs (the suite passed that size in session 37).
#
# usage: Scripts/swift-test-chunks.sh [--filter REGEX] [--skip REGEX] [SWIFT_TEST_ARGUMENTS...]
#   --filter / --skip (extended regular expressions, as swift test's) select from `swift test list`; the other
#   arguments (e.g. -c release -Xswiftc -enable-testing) go to every swift test call. Every chunk runs, even after
#   a failing one; the exit status is 1 when any chunk failed or no test was selected.
set -uo pipefail
filter='' skip='' pass=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    # Several of either add up, as with swift test: a name matching any filter, and none of the skips.
    --filter) filter="${filter:+$filter|}($2)"; shift 2 ;;
    --skip) skip="${skip:+$skip|}($2)"; shift 2 ;;
    *) pass+=("$1"); shift ;;
    esac
done
# At most this many bytes of test names per chunk (SWIFT_TEST_CHUNK_BYTES; default half the cap, so a chunk stays
# well under it as tests are added).
limit="${SWIFT_TEST_CHUNK_BYTES:-65536}"
all="$(mktemp)" names="$(mktemp)"
trap 'rm -f "$all" "$names"' EXIT
swift build --build-tests "${pass[@]}" >&2 || exit 1
swift test list --skip-build "${pass[@]}" | grep -E '^[A-Za-z0-9_]+\.[A-Za-z0-9_]+/[A-Za-z0-9_]+$' > "$all"
[[ -s "$all" ]] || { echo "swift-test-chunks: swift test list named no test" >&2; exit 1; }
{ if [[ -n "$filter" ]]; then grep -E -- "$filter" "$all"; else cat "$all"; fi; } \
    | { if [[ -n "$skip" ]]; then grep -vE -- "$skip"; else cat; fi; } > "$names"
total=$(wc -l < "$names")
# Selecting nothing is a mistake in the arguments, never a green run.
if [[ "$total" -eq 0 ]]; then echo "swift-test-chunks: no test matches the --filter and --skip given" >&2; exit 1; fi
# One line per chunk: an anchored alternation (`^(A\.B/|A\.C/test1$|A\.C/test2$)`) naming a class whose every test
# is selected by the class, and the selected tests of any other class one by one.
mapfile -t chunks < <(awk -F/ -v limit="$limit" '
    FNR == NR { count[$1]++; next }
    { size[$1] += length($0) + 1; picked[$1]++; tests[$1] = tests[$1] (tests[$1] == "" ? "" : " ") $2
      if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
    END {
        bytes = 0; line = ""
        for (i = 1; i <= n; i++) {
            c = order[i]; e = c; gsub(/\./, "\\.", e)
            if (picked[c] == count[c]) { part = e "/" }
            else { k = split(tests[c], t, " "); part = ""; for (j = 1; j <= k; j++) part = part (j > 1 ? "|" : "") e "/" t[j] "$" }
            if (line != "" && bytes + size[c] > limit) { print "^(" line ")"; line = ""; bytes = 0 }
            line = (line == "" ? part : line "|" part); bytes += size[c]
        }
        if (line != "") print "^(" line ")"
    }' "$all" "$names")
echo "swift-test-chunks: $total tests in ${#chunks[@]} chunks" >&2
status=0
for i in "${!chunks[@]}"; do
    echo "swift-test-chunks: chunk $((i + 1)) of ${#chunks[@]}" >&2
    swift test --skip-build "${pass[@]}" --filter "${chunks[$i]}" || status=1
done
exit "$status"
