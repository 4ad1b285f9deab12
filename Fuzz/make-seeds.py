#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the project's own samples, rules and test fixtures.

usage: make-seeds.py OUT_DIR   (writes OUT_DIR/<target>/seed-NNNN; the GGUF seeds come from make-hostile-gguf.sh)

Each PromptLint target reads a selector byte first (see Fuzz/Sources/*/): the seeds carry the selector that
matches the text's format, so the fuzzer starts inside each reader.
"""
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1]

# Must match FuzzTemplates.swift: TemplateFormat.allCases order, then the detection names.
FORMATS = ["text", "markdown", "jinja", "mustache", "handlebars", "fstring", "dotprompt", "prompty", "poml",
           "semantic-kernel-yaml", "semantic-kernel", "promptfoo", "langchain-hub", "openai-request",
           "anthropic-request", "python", "typescript"]
NAMES = ["p.txt", "p.md", "p.j2", "p.jinja", "p.mustache", "p.hbs", "p.prompt", "p.prompty", "p.poml", "p.yaml",
         "skprompt.txt", "promptfooconfig.yaml", "p.json", "request.json", "p.py", "p"]
BY_TEST = {"Dotprompt": "dotprompt", "FString": "fstring", "Jinja": "jinja", "LangChain": "langchain-hub",
           "Mustache": "mustache", "POML": "poml", "Promptfoo": "promptfoo", "Prompty": "prompty",
           "RequestJSON": "openai-request", "SemanticKernel": "semantic-kernel-yaml", "PlainText": "text"}
BY_EXT = {".j2": "jinja", ".mustache": "mustache", ".prompt": "dotprompt", ".prompty": "prompty",
          ".txt": "text", ".json": "openai-request", ".jsonl": "text", ".yml": "promptfoo", "": "jinja"}


def swift_literals(path):
    """The string literals of a Swift test file (triple-quoted ones, and one-line ones with a newline escape)."""
    text = open(path, encoding="utf-8").read()
    out = []
    for m in re.finditer(r'"""\n(.*?)\n([ \t]*)"""', text, re.S):
        indent = m.group(2)
        lines = [l[len(indent):] if l.startswith(indent) else l.lstrip() for l in m.group(1).split("\n")]
        out.append("\n".join(lines))
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*\\n(?:[^"\\\n]|\\.)*)"', text):
        out.append(m.group(1))
    cleaned = []
    for s in out:
        s = re.sub(r"\\\(.*?\)", "x", s)  # interpolations
        s = s.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")
        cleaned.append(s.encode("utf-8"))
    return cleaned


def write(target, payload):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    name = "seed-" + hashlib.sha1(payload).hexdigest()[:12]
    with open(os.path.join(d, name), "wb") as f:
        f.write(payload)


def files(*dirs):
    for base in dirs:
        for dirpath, _, names in os.walk(os.path.join(ROOT, base)):
            for n in sorted(names):
                yield os.path.join(dirpath, n)


# Templates: every sample file and every reader test's literals, once with its format, once through detection.
texts = []
for path in files("Samples"):
    ext = os.path.splitext(path)[1]
    texts.append((open(path, "rb").read(), BY_EXT.get(ext, "text"), os.path.basename(path)))
for path in files("Tests/PromptLintTests/Readers", "Tests/PromptLintTests/Lint"):
    if not path.endswith(".swift"):
        continue
    m = re.match(r"Reader(\w+)Tests\.swift", os.path.basename(path))
    fmt = BY_TEST.get(m.group(1), "jinja") if m else "jinja"
    for lit in swift_literals(path):
        texts.append((lit, fmt, None))
for body, fmt, name in texts:
    write("templates", bytes([FORMATS.index(fmt)]) + body)
    guess = {"jinja": "p.j2", "mustache": "p.mustache", "dotprompt": "p.prompt", "prompty": "p.prompty",
             "poml": "p.poml", "promptfoo": "promptfooconfig.yaml", "openai-request": "request.json",
             "semantic-kernel-yaml": "p.yaml", "langchain-hub": "p.json"}.get(fmt, "p.txt")
    write("templates", bytes([len(FORMATS) + NAMES.index(guess)]) + body)
    write("tokenizers", body)

# Requests: the JSON samples and the request-reader test literals, for both providers.
for body, fmt, name in texts:
    if body.lstrip().startswith((b"{", b"[")):
        write("request", b"\x00" + body)
        write("request", b"\x01" + body)

# Configuration and rules: every rule file (odd selector), pricing files and configuration literals (even).
for path in files("Rules"):
    if path.endswith((".yml", ".yaml")):
        data = open(path, "rb").read()
        write("config", (b"\x01" if "/pricing" not in path else b"\x00") + data)
config_tests = os.path.join(ROOT, "Tests/PromptLintTests/Lint/ConfigurationTests.swift")
for lit in swift_literals(config_tests):
    write("config", b"\x00" + lit)
write("config", b"\x00rules: {PL001: error}\nexclude: [\"vendor/**\"]\nper-file-ignores: {\"a/**\": [PL002]}\n")

# Compression inputs (selector: auto, text, json), requests for --messages, and rule patterns over text.
for body, fmt, name in texts:
    write("compress", b"\x00" + body)
    if body.lstrip().startswith((b"{", b"[")):
        write("compress", b"\x02" + body)
        write("messages", b"\x00" + body)
for pattern in [rb"\b\d{4}-\d{2}-\d{2}", rb"(?i)today is \w+", rb"(x+x+)+y", rb"(a|aa)*b", rb"^\s*#+ .*$"]:
    for body, fmt, name in texts[:40]:
        write("regex", pattern + b"\n" + body)
    write("regex", pattern + b"\n" + b"x" * 200)

for target in ("templates", "tokenizers", "request", "config", "compress", "messages", "regex"):
    print(f"{target}: {len(os.listdir(os.path.join(OUT, target)))} seeds")

# Source readers: the source-reader tests' literals (by the path they are read as), and Python/TS/JS files in
# Samples. The harnesses take the whole input as the file (no selector byte).
for path in files("Tests/PromptLintTests/Source"):
    if not path.endswith(".swift"):
        continue
    for lit in swift_literals(path):
        is_script = any(k in lit for k in (b"const ", b"=>", b"`", b"await "))
        write("script" if is_script else "python", lit)
for path in files("Samples"):
    ext = os.path.splitext(path)[1]
    if ext == ".py":
        write("python", open(path, "rb").read())
    elif ext in (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"):
        write("script", open(path, "rb").read())
for target in ("python", "script"):
    print(f"{target}: {len(os.listdir(os.path.join(OUT, target)))} seeds")

# Jupyter notebooks: the Python seeds as code cells (source as a list of lines, and as one string), between a
# Markdown cell and a cell of magics, in nbformat 4 and 3, plus a notebook of another kernel and broken JSON.
import json
python_dir = os.path.join(OUT, "python")
magics = ["%pip install openai\n", "!ls -la\n", "files = !ls\n", "len?\n", "x = 1\n"]
for k, seed in enumerate(sorted(os.listdir(python_dir))):
    code = open(os.path.join(python_dir, seed), "rb").read().decode("utf-8", "replace")
    lines = code.splitlines(keepends=True)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Notes {x}\n", "Today is {datetime.now()}"]},
             {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": magics},
             {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [],
              "source": lines if k % 2 == 0 else code}]
    if k % 5 == 0:
        cells.insert(1, {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["%%bash\n", "echo '\"\"\"'\n"]})
    kernel = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    doc = {"cells": cells, "metadata": kernel, "nbformat": 4, "nbformat_minor": 5}
    if k % 7 == 3:
        doc = {"worksheets": [{"cells": [{"cell_type": "code", "language": "python", "input": lines, "outputs": []}]}],
               "metadata": {}, "nbformat": 3}
    text = json.dumps(doc, indent=1, ensure_ascii=(k % 3 == 0))
    write("notebook", text.encode("utf-8"))
    if k % 11 == 0:
        write("notebook", text.encode("utf-8")[: len(text) // 2])
write("notebook", json.dumps({"cells": [{"cell_type": "code", "source": "x <- Sys.time()"}],
                              "metadata": {"kernelspec": {"language": "R", "name": "ir"}}}).encode())
print(f"notebook: {len(os.listdir(os.path.join(OUT, 'notebook')))} seeds")
