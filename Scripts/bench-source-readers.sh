#!/usr/bin/env bash
# Throughput of the Python and TS/JS source readers: generates a large module of each language (functions,
# f-strings/template literals, requests, comments, regex literals; MEGABYTES each, default 8) in a temporary
# directory, runs `promptlint check --format json` on it, and prints bytes per second (CPU time of the process).
# usage: Scripts/bench-source-readers.sh [MEGABYTES] [CONFIGURATION: release|debug]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
megabytes="${1:-8}"
configuration="${2:-release}"
swift build --package-path "$root" -c "$configuration" --product promptlint >/dev/null
bin="$(swift build --package-path "$root" -c "$configuration" --show-bin-path)/promptlint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$megabytes" <<'PY'
import sys
out, mb = sys.argv[1], int(sys.argv[2])
py = '''
# helper {i}: it's a "comment"
def build_system_prompt_{i}(user_name, question):
    now = datetime.now()
    rules = "\\n".join(["Be brief.", f"Cite {{source!r:>10}}", 'it\\'s fine'])
    return f"""Today is {{now:%A}}. You help {{user_name}}.
{{rules}} {{", ".join(f"{{k}}={{v}}" for k, v in sorted(opts.items()))}}"""

def ask_{i}(client, question):
    return client.chat.completions.create(model="m", messages=[
        {{"role": "system", "content": build_system_prompt_{i}("x", question)}},
        {{"role": "user", "content": question}}], metadata={{"id": str(uuid.uuid4())}})
'''
ts = '''
// helper {i}: it's a `comment`
const re{i} = /["'`]+/g; const half{i} = total / 2 / 3;
export async function ask{i}(prompt: string): Promise<string> {{
  const cwd = process.cwd();
  const system = `Working in ${{cwd}} at ${{new Date().toISOString()}} ${{items.map((x) => `- ${{x}}`).join("\\n")}}`;
  return (await generateText({{ model, system, messages: [{{ role: "user", content: prompt }}] }})).text;
}}
'''
for name, block in (("big.py", py), ("big.ts", ts)):
    parts, size, i = [], 0, 0
    while size < mb * 1_000_000:
        s = block.format(i=i)
        parts.append(s)
        size += len(s.encode())
        i += 1
    open(f"{out}/{name}", "w").write("".join(parts))
PY
for f in big.py big.ts; do
    bytes=$(wc -c <"$work/$f")
    set +e
    /usr/bin/time -f "%U %S %M" -o "$work/time" "$bin" check --format json "$work/$f" >"$work/out.json"
    set -e
    read -r user sys rss <"$work/time"
    findings=$(python3 -c 'import json,sys; print(sum(len(f["findings"]) for f in json.load(open(sys.argv[1]))["files"]))' "$work/out.json")
    python3 -c 'import sys; b,u,s,r,f,n=sys.argv[1:]; t=float(u)+float(s); print(f"{n}: {int(b)/1e6:.1f} MB in {t:.2f} s CPU = {int(b)/t/1e6:.2f} MB/s, max RSS {int(r)/1024:.0f} MiB, {f} findings")' \
        "$bytes" "$user" "$sys" "$rss" "$findings" "$f ($configuration)"
done
