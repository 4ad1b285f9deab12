#!/usr/bin/env python3
"""Three-tool comparison on the labelled source-file set (Eval/source-cache, issue 13 item 5).

Checks out the pinned public files from local git mirrors (never from the network), copies the files
written here next to them, runs promptlint, pcdlint and cachedrift (or the ones named by --tools) on the
same folder and prints, per tool, file-level and line-level precision and recall and the wall time per file.

A file counts as flagged when the tool reports at least one finding of a cache-break rule on it
(rule sets below). A line-level hit is a finding on one of the labelled lines (the volatile value's
own line, or the line where it enters the prompt).

Standard library only; run it through Scripts/eval-source-cache.sh, which sets up the peers.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# Rules that report a value breaking the cacheable prefix. Everything else (prefix too short, ordering
# advice, parse errors, suppression hygiene, model-swap and whitespace notes) does not count.
CACHE_BREAK_RULES = {
    "promptlint": {"PL001", "PL002", "PL004", "PL007"},
    # All five pcdlint rules are cache-break rules (pcdlint README, rule reference).
    "pcdlint": {"PCL001", "PCL002", "PCL003", "PCL004", "PCL005"},
    # cachedrift's fail and warn rules; CD09 (strip) and CD10 (model from env) are info notes.
    "cachedrift": {"CD01", "CD02", "CD03", "CD04", "CD05", "CD06", "CD07", "CD08"},
}
SOURCE_SUFFIXES = (".py", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs")
TOOLS = ("promptlint", "pcdlint", "cachedrift")


class EvalError(Exception):
    """A one-line problem with the inputs (missing mirror, commit, file or tool)."""


@dataclass
class Item:
    origin: str
    path: str
    has_break: bool
    lines: set[int]
    kind: str
    local: str  # path relative to the work folder


@dataclass
class ToolRun:
    name: str
    seconds: list[float] = field(default_factory=list)
    findings: dict[str, set[tuple[str, int]]] = field(default_factory=dict)  # local path -> {(rule, line)}
    note: str = ""


def read_labels(path: Path) -> list[Item]:
    items = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            if row["has_break"] not in ("yes", "no"):
                raise EvalError(f"{path}:{number}: has_break must be yes or no")
            lines = {int(x) for x in row["break_lines"].split(",") if x.strip()}
            if row["has_break"] == "yes" and not lines:
                raise EvalError(f"{path}:{number}: a break needs its line numbers")
            if row["origin"] == "written":
                local = f"written/{row['path']}"
            else:
                repo, _, commit = row["origin"].partition("@")
                if "/" not in repo or len(commit) != 40:
                    raise EvalError(f"{path}:{number}: origin must be owner/name@<40-hex commit> or written")
                local = f"fetched/{repo.replace('/', '+')}/{row['path']}"
            items.append(Item(row["origin"], row["path"], row["has_break"] == "yes", lines, row["kind"], local))
    return items


def mirror_gitdir(mirrors: Path, repo: str) -> Path:
    """The bare git dir of `repo` under the mirror folder (layouts: owner+name/repo, owner+name, owner/name)."""
    owner, name = repo.split("/", 1)
    for candidate in (mirrors / f"{owner}+{name}" / "repo", mirrors / f"{owner}+{name}", mirrors / owner / name):
        if (candidate / "HEAD").is_file() or (candidate / ".git").exists():
            return candidate
    raise EvalError(f"no mirror of {repo} under {mirrors} (fetch github:{repo} first)")


def check_out(items: list[Item], mirrors: Path, written: Path, work: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    for item in items:
        target = work / item.local
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.origin == "written":
            source = written / item.path
            if not source.is_file():
                raise EvalError(f"written file missing: {source}")
            shutil.copyfile(source, target)
            continue
        repo, _, commit = item.origin.partition("@")
        gitdir = mirror_gitdir(mirrors, repo)
        shown = subprocess.run(["git", "--git-dir", str(gitdir), "show", f"{commit}:{item.path}"],
                               capture_output=True)
        if shown.returncode != 0:
            reason = shown.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["git show failed"]
            raise EvalError(f"{repo}@{commit[:12]}:{item.path}: {reason[0]} (refetch the mirror)")
        target.write_bytes(shown.stdout)


def check_out_repositories(items: list[Item], mirrors: Path, work: Path, max_bytes: int = 1 << 20) -> int:
    """Writes every file (under `max_bytes`) of each labelled public file's repository at its pinned commit
    next to the labelled files, so tools see the modules a prompt is imported from or filled in.

    Blobs the mirror lacks (snapshots may omit their largest files) are skipped. Returns the files written.
    """
    written = 0
    for origin in sorted({i.origin for i in items if i.origin != "written"}):
        repo, _, commit = origin.partition("@")
        gitdir = mirror_gitdir(mirrors, repo)
        root = work / "fetched" / repo.replace("/", "+")
        listing = subprocess.run(["git", "--git-dir", str(gitdir), "ls-tree", "-r", "-l", "-z", commit],
                                 capture_output=True, check=True).stdout.decode("utf-8", "surrogateescape")
        wanted = []
        for entry in filter(None, listing.split("\0")):
            meta, _, path = entry.partition("\t")
            mode, kind, sha, size = meta.split()  # size is "BAD" for a blob the snapshot lacks
            if kind == "blob" and mode != "120000" and size.isdigit() and int(size) <= max_bytes:
                wanted.append((sha, path))
        batch = subprocess.run(["git", "--git-dir", str(gitdir), "cat-file", "--batch"],
                               input="".join(f"{sha}\n" for sha, _ in wanted).encode(),
                               capture_output=True, check=True).stdout
        offset = 0
        for sha, path in wanted:
            end = batch.index(b"\n", offset)
            header = batch[offset:end].split()
            offset = end + 1
            if len(header) < 3 or header[1] == b"missing":
                continue
            size = int(header[2])
            target = root / item_path_guard(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.write_bytes(batch[offset:offset + size])
                written += 1
            offset += size + 1
    return written


def item_path_guard(path: str) -> str:
    """A repository path with no parent references (git never stores them; checked all the same)."""
    return "/".join(part for part in path.split("/") if part not in ("", ".", ".."))


def normalize(path: str, work: Path) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(work)
        except ValueError:
            p = Path(os.path.relpath(p, work))
    return os.path.normpath(str(p)).replace(os.sep, "/")


SOURCE_SUFFIXES = (".py", ".pyi", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")


def parse_promptlint(stdout: str, work: Path) -> dict[str, set[tuple[str, int]]]:
    found: dict[str, set[tuple[str, int]]] = {}
    for entry in json.loads(stdout).get("files", []):
        local = normalize(entry["path"], work)
        for f in entry.get("findings", []):
            found.setdefault(local, set()).add((f["rule_id"], int(f.get("line") or 0)))
            # A finding on a template file (not source code) names, as a related location in another file, the
            # call that passes the value to it: the file and line where the value enters, as the labels put it.
            # (A finding in source code names instead the prompt slot it fills elsewhere: not credited there.)
            if local.endswith(SOURCE_SUFFIXES):
                continue
            for r in f.get("related", []):
                if r.get("path"):
                    found.setdefault(normalize(r["path"], work), set()).add((f["rule_id"], int(r.get("line") or 0)))
    return found


def parse_pcdlint(stdout: str, work: Path) -> dict[str, set[tuple[str, int]]]:
    found: dict[str, set[tuple[str, int]]] = {}
    for f in json.loads(stdout or "[]"):
        local = normalize(f["file_path"], work)
        found.setdefault(local, set()).add((f["rule_id"], int(f.get("lineno") or 0)))
    return found


def parse_cachedrift(stdout: str, work: Path) -> dict[str, set[tuple[str, int]]]:
    found: dict[str, set[tuple[str, int]]] = {}
    for f in json.loads(stdout).get("findings", []):
        local = normalize(f["file"], work)
        found.setdefault(local, set()).add((f["rule"], int(f.get("line") or 0)))
    return found


def run_tool(name: str, command: list[str], parse, work: Path, repeat: int, ok_codes: set[int],
             partial_codes: frozenset[int] = frozenset()) -> ToolRun:
    """Runs `command` in `work` `repeat` times; exit codes in `partial_codes` mean some files went unread."""
    run = ToolRun(name)
    for attempt in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=work, capture_output=True, text=True)
        run.seconds.append(time.perf_counter() - start)
        if done.returncode not in ok_codes:
            first = (done.stderr.strip() or done.stdout.strip()).splitlines()[:1] or ["no output"]
            raise EvalError(f"{name} exited with {done.returncode}: {first[0]}")
        if attempt == 0:
            try:
                run.findings = parse(done.stdout, work)
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise EvalError(f"{name}: unreadable JSON output ({error})") from error
            if done.returncode in partial_codes:
                run.note = f"exit {done.returncode}: some files not analysed"
    return run


@dataclass
class Score:
    flagged_break: int
    flagged_clean: int
    breaks: int
    cleans: int
    line_hits: int
    findings: int
    findings_on_labelled: int

    @staticmethod
    def ratio(num: int, den: int) -> str:
        return "n/a" if den == 0 else f"{num / den:.2f}"


def score(items: list[Item], found: dict[str, set[tuple[str, int]]], rules: set[str]) -> Score:
    s = Score(0, 0, 0, 0, 0, 0, 0)
    for item in items:
        hits = {(rule, line) for rule, line in found.get(item.local, set()) if rule in rules}
        lines = {line for _, line in hits}
        s.findings += len(lines)
        if item.has_break:
            s.breaks += 1
            s.flagged_break += bool(hits)
            on_label = lines & item.lines
            s.line_hits += bool(on_label)
            s.findings_on_labelled += len(on_label)
        else:
            s.cleans += 1
            s.flagged_clean += bool(hits)
    return s


def table(title: str, items: list[Item], runs: list[ToolRun], files_in_run: int) -> str:
    head = ["tool", "flagged", "precision", "recall", "line prec", "line recall", "ms/file"]
    rows = []
    for run in runs:
        s = score(items, run.findings, CACHE_BREAK_RULES[run.name])
        per_file = statistics.median(run.seconds) * 1000 / max(files_in_run, 1)
        rows.append([
            run.name + (f" ({run.note})" if run.note else ""),
            f"{s.flagged_break}+{s.flagged_clean}",
            Score.ratio(s.flagged_break, s.flagged_break + s.flagged_clean),
            Score.ratio(s.flagged_break, s.breaks),
            Score.ratio(s.findings_on_labelled, s.findings),
            Score.ratio(s.line_hits, s.breaks),
            f"{per_file:.1f}",
        ])
    breaks = sum(i.has_break for i in items)
    widths = [max(len(r[c]) for r in rows + [head]) for c in range(len(head))]
    out = [f"{title}: {len(items)} files, {breaks} with a cache break, {len(items) - breaks} clean"]
    for r in [head] + rows:
        out.append("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(r)).rstrip())
    return "\n".join(out)


def details(items: list[Item], runs: list[ToolRun]) -> str:
    out = []
    for item in items:
        marks = []
        for run in runs:
            hits = sorted((r, l) for r, l in run.findings.get(item.local, set()) if r in CACHE_BREAK_RULES[run.name])
            marks.append(f"{run.name}=" + (",".join(f"{r}:{l}" for r, l in hits) or "-"))
        verdict = "break" if item.has_break else "clean"
        out.append(f"{verdict:5} {item.local} [{','.join(map(str, sorted(item.lines)))}] " + " ".join(marks))
    return "\n".join(out)


def parse_tools(value: str) -> list[str]:
    """The tools named in a --tools value (comma-separated), in the fixed report order, each once."""
    named = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in named if name not in TOOLS]
    if unknown:
        raise EvalError(f"--tools: unknown tool {unknown[0]!r} (choose from {', '.join(TOOLS)})")
    if not named:
        raise EvalError(f"--tools: name at least one of {', '.join(TOOLS)}")
    return [name for name in TOOLS if name in named]


def tool_runs(tools: list[str], args: argparse.Namespace, items: list[Item], work: Path) -> list[ToolRun]:
    """Runs the chosen tools on the work folder, in report order."""
    peer = Path(args.peer_bin) if args.peer_bin else None  # only the peers need it (checked in main)
    runs = []
    for name in tools:
        if name == "promptlint":
            lint_targets = ["."] if args.promptlint_args == "folder" else sorted(i.local for i in items)
            runs.append(run_tool("promptlint", [str(Path(args.promptlint).resolve()), "check", "--format", "json",
                                                "--rules", str(Path(args.rules).resolve()), *lint_targets],
                                 parse_promptlint, work, args.repeat, {0, 1}))
        elif name == "pcdlint":
            runs.append(run_tool("pcdlint", [str(peer / "pcdlint"), "--format", "json", "."],
                                 parse_pcdlint, work, args.repeat, {0, 1, 2}, frozenset({2})))
        else:
            runs.append(run_tool("cachedrift", [str(peer / "cachedrift"), "--format", "json", "--min-severity",
                                                "info", "."],
                                 parse_cachedrift, work, args.repeat, {0, 1, 2}))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", default=os.environ.get("SOURCE_CACHE_MIRRORS"),
                        help="folder holding the git mirrors (env SOURCE_CACHE_MIRRORS)")
    parser.add_argument("--labels", default="Eval/source-cache/labels.tsv")
    parser.add_argument("--written", default="Eval/source-cache/written")
    parser.add_argument("--work", default=".build/source-cache-eval", help="scratch folder (recreated)")
    parser.add_argument("--promptlint", help="promptlint executable (needed when promptlint is among --tools)")
    parser.add_argument("--rules", help="promptlint Rules folder (needed when promptlint is among --tools)")
    parser.add_argument("--peer-bin", help="bin folder of the venv holding pcdlint and cachedrift "
                                           "(needed when a peer is among --tools)")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help="comma-separated tools to run, e.g. pcdlint,cachedrift to leave promptlint out "
                             "(default: all three)")
    parser.add_argument("--promptlint-args", choices=("folder", "files"), default="folder",
                        help="give promptlint the folder (as `promptlint check .`) or every file by name")
    parser.add_argument("--context", choices=("file", "repo"), default="file",
                        help="check out only the labelled files, or each public file's whole repository "
                             "(files up to 1 MB) as a user's `check .` sees it; only labelled files are scored")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool (median is reported)")
    parser.add_argument("--details", action="store_true", help="print every file's findings")
    args = parser.parse_args()
    try:
        tools = parse_tools(args.tools)
        if "promptlint" in tools and not (args.promptlint and args.rules):
            raise EvalError("promptlint is among --tools: pass --promptlint and --rules")
        if set(tools) - {"promptlint"} and not args.peer_bin:
            raise EvalError("a peer is among --tools: pass --peer-bin")
        if not args.mirrors:
            raise EvalError("no mirror folder: pass --mirrors DIR or set SOURCE_CACHE_MIRRORS")
        mirrors, work = Path(args.mirrors), Path(args.work).resolve()
        if not mirrors.is_dir():
            raise EvalError(f"mirror folder {mirrors} does not exist")
        items = read_labels(Path(args.labels))
        check_out(items, mirrors, Path(args.written), work)
        extra = check_out_repositories(items, mirrors, work) if args.context == "repo" else 0
        runs = tool_runs(tools, args, items, work)
    except EvalError as error:
        print(f"eval-source-cache: {error}", file=sys.stderr)
        return 2
    n = len(items)
    python = [i for i in items if i.local.endswith(".py")]
    context = f"; context: whole repositories ({extra} more files in the run)" if args.context == "repo" else ""
    given = f"promptlint given: {args.promptlint_args}" if "promptlint" in tools else f"tools: {', '.join(tools)}"
    print(f"{given}{context}; time is the median of {args.repeat} runs, divided by the {n} labelled files")
    print(table("All files", items, runs, n))
    print()
    print(table("Python files only (pcdlint reads no other language; time still per file of the whole set)",
                python, runs, n))
    public = [i for i in items if i.origin != "written"]
    print()
    print(table("Public files only (nobody here wrote them)", public, runs, n))
    if args.details:
        print()
        print(details(items, runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
