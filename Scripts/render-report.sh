#!/usr/bin/env bash
# Renders a promptlint HTML report in headless Chromium and saves a screenshot, so the page is known to render.
#   bash Scripts/render-report.sh report.html [screenshot.png] [width] [height]
# Without a report argument it builds one from Samples/templates first (needs a built promptlint:
# PROMPTLINT_BIN, else .build-savings/debug/promptlint, else `swift build --show-bin-path`).
# Exit status: 0 when the screenshot was written and the page's table and chart are in Chromium's DOM dump.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
html="${1:-}"
png="${2:-}"
width="${3:-1400}"
height="${4:-2000}"

browser=""
for b in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$b" >/dev/null 2>&1; then browser="$b"; break; fi
done
if [ -z "$browser" ]; then
    echo "render-report: no Chromium found; install it (apt-get install -y chromium)" >&2
    exit 2
fi

if [ -z "$html" ]; then
    bin="${PROMPTLINT_BIN:-}"
    if [ -z "$bin" ]; then
        if [ -x "$root/.build-savings/debug/promptlint" ]; then bin="$root/.build-savings/debug/promptlint"
        else bin="$(cd "$root" && swift build --show-bin-path)/promptlint"; fi
    fi
    html="$(mktemp -d)/samples-report.html"
    (cd "$root" && "$bin" report Samples/templates --provider deepseek --html "$html")
fi
[ -f "$html" ] || { echo "render-report: no such file: $html" >&2; exit 2; }
[ -n "$png" ] || png="${html%.html}.png"

abs_html="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir="$profile"
       --hide-scrollbars --window-size="$width,$height")
"$browser" "${flags[@]}" --screenshot="$png" "file://$abs_html" >/dev/null 2>&1 || true
[ -s "$png" ] || { echo "render-report: Chromium wrote no screenshot" >&2; exit 1; }

# The DOM after scripts ran: the sortable table must be there and sorted (a heading carries asc/desc),
# and the chart must be an SVG with bars.
dom="$("$browser" "${flags[@]}" --dump-dom "file://$abs_html" 2>/dev/null || true)"
grep -q 'id="templates"' <<<"$dom" || { echo "render-report: table missing from the rendered DOM" >&2; exit 1; }
grep -Eq 'class="(asc|desc)"' <<<"$dom" || { echo "render-report: table not sorted by the page script" >&2; exit 1; }
grep -q '<svg id="chart"' <<<"$dom" || { echo "render-report: chart missing from the rendered DOM" >&2; exit 1; }
echo "rendered $html -> $png"
