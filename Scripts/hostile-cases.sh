#!/usr/bin/env bash
# Every case of issue 18 (hostile or careless input) against built binaries, one table row per case:
#   bash Scripts/hostile-cases.sh BIN_DIR [CASE_PATTERN]
# BIN_DIR holds promptlint, promptcompress and promptbench (e.g. .build/release). Inputs are generated in a
# temporary folder, removed at the end. Each case runs under `timeout 120` and `/usr/bin/time`; the row gives
# case, exit code, wall time (s), CPU time (user + system, s: on a shared machine the comparable figure), peak RSS
# (MB) and a one-word verdict: ok (the expected clean result or one-line
# error), FAIL (anything else), timeout, or skipped (needs root for a private device node). Nothing is written
# under /dev: device cases use private nodes made with mknod in the temporary folder. The model cases need the
# model (PROMPTLINT_MODEL or the setup script's cache). CASE_PATTERN (a bash regex) runs only matching cases.
# HOSTILE_TIMEOUT (seconds, default 120) changes the cap, e.g. on a loaded machine where wall time is not CPU time.
set -uo pipefail

BIN=$(cd "${1:?usage: hostile-cases.sh BIN_DIR [CASE_PATTERN]}" && pwd)
ONLY=${2:-}
CAP=${HOSTILE_TIMEOUT:-120}
LINT=$BIN/promptlint
COMPRESS=$BIN/promptcompress
BENCH=$BIN/promptbench
for tool in "$LINT" "$COMPRESS" "$BENCH"; do
    [[ -x $tool ]] || { echo "hostile-cases.sh: $tool is not an executable" >&2; exit 2; }
done
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hostile-cases.XXXXXX")
# Deep chains cannot be removed by path beyond PATH_MAX; rm -rf walks relative to open folders.
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2
ROOT=no
[[ $(id -u) == 0 ]] && ROOT=yes

# ---- inputs ----------------------------------------------------------------------------------------------
printf 'Hello {{ name }}\n' > t.j2
printf 'Summarise the meeting notes below in three bullet points, keeping every date and name.\n' > t.txt
if [[ $ROOT == yes ]]; then
    mknod -m 666 null c 1 3   # like /dev/null
    mknod -m 666 full c 1 7   # like /dev/full
fi
echo old > real.json && ln -s real.json link.json
mkdir -p big/prompts mid/prompts
truncate -s 3G huge.bin && ln -s ../../huge.bin big/prompts/big.txt
head -c 66000000 /dev/zero | tr '\0' 'a' > mid.bin && ln -s ../../mid.bin mid/prompts/mid.txt
python3 - <<'PY'
import json, os
n = 100_000
open("deep.json", "w").write("[" * n + "]" * n)
open("deep-request.json", "w").write('{"messages": [{"role": "user", "content": ' + "[" * n + "]" * n + "}]}")
open("deep.mustache", "w").write("".join("{{#s%d}}" % i for i in range(5000)) + "x"
                                 + "".join("{{/s%d}}" % i for i in reversed(range(5000))))
open("stacked.txt", "w").write("a" + "\u0301" * 20_000 + " and then some ordinary words to keep or drop.\n")
open("brackets.txt", "w").write("Look: " + "[" * 100_000 + "x" + "]" * 100_000 + " and more words.\n")
open("big-layout.j2", "w").write(("Hello {{ name }} " * 3_000_000)[:50_000_000])
open("json-prose.txt", "w").write(
    "Please call the tool with exactly these arguments and nothing else, then report what it returned to the user "
    "in one short friendly sentence. The arguments are {\"city\": \"Paris\", \"units\": \"metric\", \"days\": 3} "
    "and the fallback list is [\"Lyon\", \"Nice\", \"Lille\"] if the first city has no forecast available today.\n")
examples = [{"input": "Example question number %d about topic %d?" % (i, i % 37), "output": "answer %d" % (i % 11)}
            for i in range(1000)]
json.dump(examples, open("pool-1000.json", "w"))
messages = [{"role": "user" if i % 2 == 0 else "assistant", "content": "Message %d: please keep the order id 4711 "
             "and tell me when the parcel ships." % i} for i in range(10_000)]
json.dump({"model": "m", "messages": messages}, open("request-10000.json", "w"))
open("one-word.txt", "w").write("Hello\n")
open("poml-entity.poml", "w").write('<!DOCTYPE poml [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                                    "<poml><system-msg>Hello &e; and more {{ question }}</system-msg></poml>\n")
os.makedirs("utf8/prompts")
open(b"utf8/prompts/bad\xff.j2", "wb").write(b"Hello {{ x }}")
os.makedirs("esc")
open("esc/t.j2", "w").write("You are a bot. Today is {{ current_date\x1b[2J }} and {{ datetime.now()\x1b]0;pwned\x07 }}.\n"
                            + "Rest of the long static system prompt, with rules and examples. " * 300 + "\n")
open("esc/chat\x1b[31m.j2", "w").write("Hi {{ x }}\n")
os.makedirs("regex/extra")
open("regex/extra/PX900-backtracking.yml", "w").write(
    "id: PX900\nname: backtracking\nseverity: warning\ncheck: regex\nsummary: A pattern a pull request could ship.\n"
    'message: "matched {match}"\nrationale: test\nfix: test\nparameters:\n  pattern: \'(x+x+)+y\'\n  scope: source\n')
open("regex/.promptlint.yml", "w").write("rules-dirs:\n  - extra\n")
open("regex/xs.txt", "w").write("x" * 2000 + "\n")
open("split.txt", "w").write("x" * 5000 + "\n")
os.makedirs("yaml")
open("yaml/.promptlint.yml", "w").write("rules-dirs: [a, b\n  broken: : :\n")
open("yaml/t.j2", "w").write("Hello {{ name }}\n")
os.makedirs("prices")
open("prices/acme.yml", "w").write("provider: acme\nmodels:\n  - id: m1\n    input: 1e308\n    output: 2.0\n"
                                   "    cached-read: 0.1\n    min-cacheable-tokens: 1024\n    ttl-minutes: 5\n"
                                   "    source: https://example.com/prices\n    date: 2026-01-02\n")
def chain(root, depth):
    # Made relative to open folders: no path-based call reaches the bottom of a chain beyond PATH_MAX.
    os.makedirs(root)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    for level in range(1, depth + 1):
        os.mkdir("d", 0o755, dir_fd=fd)
        nxt = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = nxt
        if level % 100 == 0:
            f = os.open("p.j2", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
            os.write(f, b"Hi {{ x }}\n")
            os.close(f)
    os.close(fd)
for depth in (500, 1000, 2000, 4000):
    chain("chain%d" % depth, depth)
PY
mkdir norules
mkfifo model.fifo
QUESTION=$(printf 'why %.0s' $(seq 2000))

# ---- runner ----------------------------------------------------------------------------------------------
printf '%-34s %5s %8s %8s %8s  %s\n' case exit time_s cpu_s rss_MB verdict
# run_case NAME EXPECTED_EXITS CHECK SHELL_COMMAND: runs the command (in $WORK, through bash, so redirections
# apply to the tool), then CHECK (a shell condition on $OUT, $ERR and files) decides ok or FAIL.
run_case() {
    local name=$1 expected=$2 check=$3 command=$4
    [[ -n $ONLY && ! $name =~ $ONLY ]] && return
    if [[ $command == *'$WORK/null'* || $command == *'$WORK/full'* ]] && [[ $ROOT != yes ]]; then
        printf '%-34s %5s %8s %8s %8s  %s\n' "$name" - - - - skipped
        return
    fi
    OUT=$WORK/out.$name ERR=$WORK/err.$name
    local stats=$WORK/time.$name
    # `time` outside `timeout`, so that a run stopped at 120 s still has its time and peak RSS (of the largest
    # process waited for: the tool).
    /usr/bin/time -o "$stats" -f '%x %e %U %S %M' timeout "$CAP" bash -c "$command" > "$OUT" 2> "$ERR"
    local exit_code=$? seconds=- cpu=- rss=- user system
    if [[ -s $stats ]]; then
        read -r exit_code seconds user system rss < <(tail -1 "$stats")
        rss=$((rss / 1024))
        cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
    fi
    # The shell's exit: the tool's, 128+signal when the tool was killed, 124 when stopped at 120 s.
    local verdict=FAIL
    if [[ $exit_code == 124 ]]; then
        verdict=timeout
    elif [[ " $expected " == *" $exit_code "* ]] && eval "$check"; then
        verdict=ok
    fi
    printf '%-34s %5s %8s %8s %8s  %s\n' "$name" "$exit_code" "$seconds" "$cpu" "$rss" "$verdict"
}
one_line() { [[ $(wc -l < "$ERR") -eq 1 ]]; }
is_char() { [[ -c $1 ]]; }

# Damage outside the tool: outputs to device nodes and through links.
run_case output-device 0 'is_char null' "$LINT check t.j2 --format text --output $WORK/null"
run_case write-baseline-device 0 'is_char null' "$LINT check t.j2 --write-baseline $WORK/null"
run_case report-html-device 0 'is_char null' "$LINT report t.j2 --html $WORK/null"
run_case output-through-symlink 0 '[[ -L link.json ]] && grep -q "\"files\"" real.json' \
    "$LINT check t.j2 --format json --output link.json"
# I/O errors on standard streams.
run_case lint-stdout-full 2 one_line "$LINT check t.j2 > $WORK/full"
run_case lint-stdout-closed 2 one_line "$LINT layout t.j2 >&-"
run_case bench-stdout-full 2 one_line "$BENCH --help > $WORK/full"
run_case compress-stdout-full 2 one_line "$COMPRESS --ratio 0.5 t.txt > $WORK/full"
run_case compress-stdin-closed 2 one_line "$COMPRESS --ratio 0.5 <&-"
run_case compress-stderr-closed 0 '[[ -s $OUT ]]' "$COMPRESS --ratio 0.5 t.txt 2>&-"
# Size limits on the link's target.
run_case check-link-to-3GB 1 'grep -q PL009 "$OUT"' "$LINT check big"
run_case check-link-to-66MB 1 'grep -q PL009 "$OUT"' "$LINT check mid"
# Stack depth.
run_case compress-json-100k-deep 2 one_line "$COMPRESS --ratio 0.5 deep.json"
run_case messages-100k-deep 2 one_line "$COMPRESS --ratio 0.5 --messages deep-request.json"
# Untrusted configuration and regexes.
run_case rule-regex-backtracking 1 'grep -qi budget "$OUT"' "cd regex && $LINT check xs.txt"
run_case fewshot-split-backtracking 2 one_line "$COMPRESS fewshot --keep 2 --split '(x+x+)+y' split.txt"
# Hangs and unbounded work.
run_case model-fifo 2 one_line "$COMPRESS --ratio 0.5 t.txt --model model.fifo"
run_case mustache-5000-distinct-sections '0 1' true "$LINT check deep.mustache"
for depth in 500 1000 2000 4000; do
    run_case "files-chain-$depth" 0 'grep -q "files read" "$OUT"' "$LINT files chain$depth"
done
run_case check-chain-4000-beyond-PATH_MAX 1 'grep -q PATH_MAX "$OUT"' "$LINT check chain4000"
run_case layout-50MB 2 one_line "$LINT layout big-layout.j2"
run_case compress-20000-combining-marks 0 '[[ -s $OUT ]]' "$COMPRESS --ratio 0.5 stacked.txt"
run_case compress-100000-brackets 0 '[[ -s $OUT ]]' "$COMPRESS --ratio 1 brackets.txt"
run_case question-8KB 2 one_line "$COMPRESS --ratio 0.5 t.txt --question '$QUESTION'"
# Silent wrong results.
run_case poml-external-entity 1 'grep -q PL008 "$OUT"' "$LINT check poml-entity.poml"
run_case non-utf8-file-name 1 'grep -q "not valid UTF-8" "$OUT"' "$LINT check utf8/prompts"
run_case empty-rules-folder 2 one_line "$LINT check t.j2 --rules norules"
# Long inputs (each example or message costs model time). 10,000 messages are 348,900 tokens for the model
# to read, above the default --max-tokens (32,768): refused in one line before any scoring.
run_case fewshot-1000-examples 0 '[[ -s $OUT ]]' "$COMPRESS fewshot --keep 8 pool-1000.json"
run_case messages-10000 2 'one_line && grep -q max-tokens "$ERR"' "$COMPRESS --ratio 0.5 --messages request-10000.json"
# Broken promises.
run_case json-in-prose-stays-valid 0 \
    'python3 -c "import re,sys,json; t=open(sys.argv[1]).read(); [json.loads(m) for m in re.findall(r\"[{\\[][^{}\\[\\]]*[}\\]]\", t)]" "$OUT"' \
    "$COMPRESS --ratio 0.5 json-prose.txt"
run_case ratio-0.0001 2 one_line "$COMPRESS --ratio 0.0001 t.txt"
run_case one-word-ratio-0.5 0 'grep -q Hello "$OUT"' "$COMPRESS --ratio 0.5 one-word.txt"
# Absurd numbers, control characters, YAML errors.
run_case requests-per-day-1e300 2 one_line "$LINT check t.j2 --savings --requests-per-day 1e300"
run_case price-1e308 2 one_line "$LINT check t.j2 --savings --pricing prices"
run_case escape-in-name-and-slot '0 1' '! grep -q $'"'"'\x1b'"'"' "$OUT" && grep -q "u{1B}" "$OUT"' "$LINT check esc"
run_case escape-github-format '0 1' '! grep -q $'"'"'\x1b'"'"' "$OUT"' "$LINT check esc --format github"
run_case yaml-error-one-line 2 one_line "cd yaml && $LINT check t.j2"
exit 0
