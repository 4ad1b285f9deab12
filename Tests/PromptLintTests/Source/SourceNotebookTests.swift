import Foundation
import XCTest

@testable import PromptLint

/// Jupyter notebooks: their Python code cells read as one module, with every finding at its place in the raw
/// `.ipynb` JSON; magics, Markdown cells, other kernels and broken JSON never confuse or crash the read.
final class SourceNotebookTests: XCTestCase {
    private let policy = SourceTest.policy

    /// A notebook as Jupyter writes it (one-space indent, each cell's source a list of lines), of cells
    /// (`code`, `markdown`) given as their text; `asString` writes each source as one string instead.
    static func notebook(_ cells: [(type: String, text: String)], language: String? = "python", asString: Bool = false) -> String {
        func quoted(_ s: String) -> String {
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(c)
                }
            }
            return out + "\""
        }
        var parts: [String] = []
        for cell in cells {
            var source: String
            if asString {
                source = quoted(cell.text)
            } else {
                var lines: [String] = []
                var current = ""
                for c in cell.text {
                    current.append(c)
                    if c == "\n" {
                        lines.append(current)
                        current = ""
                    }
                }
                if !current.isEmpty { lines.append(current) }
                source = "[\n" + lines.map { "    " + quoted($0) }.joined(separator: ",\n") + "\n   ]"
            }
            let extra = cell.type == "code" ? "   \"execution_count\": null,\n" : ""
            let outputs = cell.type == "code" ? "   \"outputs\": [],\n" : ""
            parts.append("  {\n   \"cell_type\": \"\(cell.type)\",\n\(extra)   \"metadata\": {},\n\(outputs)   \"source\": \(source)\n  }")
        }
        let kernel = language.map {
            "  \"kernelspec\": {\n   \"display_name\": \"Kernel\",\n   \"language\": \"\($0)\",\n   \"name\": \"k\"\n  }\n"
        } ?? ""
        return "{\n \"cells\": [\n" + parts.joined(separator: ",\n") + "\n ],\n \"metadata\": {\n" + kernel
            + " },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"
    }

    /// `line:column` (1-based, in characters) of the first occurrence of `needle` in `raw`.
    private func position(of needle: String, in raw: String) -> String {
        for (k, line) in raw.components(separatedBy: "\n").enumerated() {
            if let r = line.range(of: needle) { return "\(k + 1):\(line.distance(from: line.startIndex, to: r.lowerBound) + 1)" }
        }
        XCTFail("\(needle) not in the notebook")
        return "?"
    }

    private let setup = """
        from datetime import datetime
        from openai import OpenAI

        client = OpenAI()
        """

    private var ask: String {
        """
        def ask(question):
            return client.chat.completions.create(model="gpt-4o", messages=[
                {"role": "system", "content": f"Today is {datetime.now():%A}. \(policy)"},
                {"role": "user", "content": question},
            ])
        """
    }

    /// A clock to the second before over 1,000 static tokens: a warning in a whole-folder run too.
    private let askLong = """
        def ask(question):
            system = f\"\"\"Now: {datetime.now().isoformat()}.
        \(SourceTest.longRules)\"\"\"
            return client.chat.completions.create(model="gpt-4o", messages=[
                {"role": "system", "content": system},
                {"role": "user", "content": question},
            ])
        """

    func testDateAtTheTopOfASystemPromptIsFoundAtItsRawLineAndColumn() throws {
        let raw = Self.notebook([
            ("markdown", "# Playing with prompts\nThe date goes {here}.\n"),
            ("code", "%pip install openai\n!ls -la\n" + setup),
            ("code", ask),
            ("code", "ask(\"What's new?\")"),
        ])
        // The same code as a module: one finding at the replacement field.
        XCTAssertEqual(try SourceTest.findings(setup + "\n" + ask), ["PL001@7:50"])
        XCTAssertEqual(try SourceTest.findings(raw, path: "notebooks/prompt_play.ipynb"),
                       ["PL001@" + position(of: "{datetime.now():%A}", in: raw)])
        let t = SourceTest.read(raw, path: "notebooks/prompt_play.ipynb")
        XCTAssertEqual(t.format, .notebook)
        XCTAssertEqual(t.messages.map(\.role), [.system, .user])
    }

    func testEscapesBeforeTheValueShiftItsRawColumn() throws {
        // `\t` and `\"` take two characters in the raw file, one in the code.
        let raw = Self.notebook([
            ("code", setup),
            ("code", "def ask(q):\n    system_prompt = \"\\t\" + f\"\\\"Now\\\": {datetime.now().isoformat()}. \(policy)\"\n"
                + "    return client.chat.completions.create(model=\"m\", messages=[{\"role\": \"system\", \"content\": system_prompt}, {\"role\": \"user\", \"content\": q}])\n"),
        ])
        XCTAssertEqual(try SourceTest.findings(raw, path: "nb.ipynb"), ["PL001@" + position(of: "{datetime.now().isoformat()}", in: raw)])
    }

    func testOutputsAreNeverReadAndKeepPositions() throws {
        var raw = Self.notebook([("code", setup), ("code", ask)])
        // Outputs of the first cell: a stream with brackets and quotes in its text, an image, an attachment-like object.
        let outputs = """
            "outputs": [
               {
                "name": "stdout",
                "output_type": "stream",
                "text": ["]} \\" [ {\\n", "source: \\"x = f'{datetime.now()}'\\"\\n"]
               },
               {"data": {"image/png": "\(String(repeating: "iVBORw0KGgo", count: 2_000))"}, "output_type": "display_data"}
               ],
            """
        raw = raw.replacingOccurrences(of: "\"outputs\": [],", with: outputs, options: [], range: raw.range(of: "\"outputs\": [],"))
        XCTAssertTrue(raw.contains("iVBORw0KGgo"))
        XCTAssertEqual(try SourceTest.findings(raw, path: "nb.ipynb"), ["PL001@" + position(of: "{datetime.now():%A}", in: raw)])
        guard case .python(let module) = NotebookSource.read(SourceText(raw)) else { return XCTFail("not read") }
        XCTAssertFalse(module.text.contains("stdout") || module.text.contains("iVBOR"), module.text)
    }

    /// A literal typed into a notebook's prompt is the same on every request, so PL002 is quiet on it; the value made
    /// per request on a later line of the same string is PL001's, at its raw column.
    func testAValueOnALaterLineOfAMultiLineStringIsAtItsRawColumn() throws {
        let raw = Self.notebook([
            ("code", setup),
            ("code", "def ask(q, history):\n    system = f\"\"\"You are helpful.\nSession started: 2024-05-01 13:45:12 by \\\"ops\\\", now {datetime.now()}.\n\(SourceTest.longRules)\"\"\"\n"
                + "    return client.chat.completions.create(model=\"gpt-4o\", messages=[{\"role\": \"system\", \"content\": system}] + history + [{\"role\": \"user\", \"content\": q}])\n"),
        ])
        XCTAssertEqual(try SourceTest.findings(raw, path: "nb.ipynb"), ["PL001@" + position(of: "{datetime.now()}", in: raw)])
    }

    func testCellSourceGivenAsOneString() throws {
        let raw = Self.notebook([("code", setup), ("code", ask)], asString: true)
        XCTAssertEqual(try SourceTest.findings(raw, path: "nb.ipynb"), ["PL001@" + position(of: "{datetime.now():%A}", in: raw)])
    }

    func testNearMissesStayClean() throws {
        // The date only in the last user message; a date in a Markdown cell and in outputs; a prompt that
        // is not an f-string.
        let raw = Self.notebook([
            ("markdown", "Today is {datetime.now()} in f\"{datetime.now()}\"\n"),
            ("code", setup),
            ("code", """
                SYSTEM = "Today is {datetime.now()}. \(policy)"
                def ask(question):
                    return client.chat.completions.create(model="gpt-4o", messages=[
                        {"role": "system", "content": SYSTEM},
                        {"role": "user", "content": f"{datetime.now():%A}: {question}"},
                    ])
                """),
        ])
        XCTAssertEqual(try SourceTest.findings(raw, path: "nb.ipynb"), [])
    }

    func testMagicsAndShellLinesNeverConfuseTheLexer() throws {
        // A shell line with an open quote, a help request, output assigned from the shell, and a `%%bash` cell
        // whose quotes would open a string that swallows the next cell.
        let raw = Self.notebook([
            ("code", "!echo \"unclosed\n%time x = 1\nfiles = !ls *.txt\nlen?\n" + setup),
            ("code", "%%bash\necho '\"\"\"'\n"),
            ("code", "%%time\n" + ask),
        ])
        XCTAssertEqual(try SourceTest.findings(raw, path: "nb.ipynb"), ["PL001@" + position(of: "{datetime.now():%A}", in: raw)])
        guard case .python(let module) = NotebookSource.read(SourceText(raw)) else { return XCTFail("not read") }
        XCTAssertFalse(module.text.contains("echo"), module.text)
        XCTAssertFalse(module.text.contains("%%time"), module.text)
        XCTAssertTrue(module.text.contains("def ask(question):"), module.text)
    }

    func testALineStartingWithABangInsideATripleQuotedStringIsText() {
        let raw = Self.notebook([("code", "PROMPT = \"\"\"Be brief.\n!important: stay polite\n%s of users\"\"\"\nx = 1\n")])
        guard case .python(let module) = NotebookSource.read(SourceText(raw)) else { return XCTFail("not read") }
        XCTAssertTrue(module.text.contains("!important: stay polite\n%s of users\"\"\""), module.text)
    }

    func testNotebooksOfOtherKernelsAndBrokenJSONAreSkippedWithAReason() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write(Self.notebook([("code", setup), ("code", ask)]), "notebooks/play.ipynb", in: dir)
        try LintTest.write(Self.notebook([("code", "prompt <- paste('Today is', Sys.Date())\n")], language: "R"), "notebooks/r.ipynb", in: dir)
        let broken = String(Self.notebook([("code", setup), ("code", ask)]).dropLast(40))
        try LintTest.write(broken, "notebooks/broken.ipynb", in: dir)
        try LintTest.write(Self.notebook([("code", "import numpy as np\nx = np.zeros(3)\n")]), "notebooks/plain.ipynb", in: dir)
        try LintTest.write(Self.notebook([("code", setup), ("code", ask)]), "tests/test_prompts.ipynb", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(Array(found.read.keys), ["notebooks/play.ipynb"])
        XCTAssertEqual(found.skipped["notebooks/r.ipynb"], "Jupyter notebook in r, not Python; not read")
        XCTAssertEqual(found.skipped["notebooks/broken.ipynb"], "malformed notebook JSON (not valid JSON of a Jupyter notebook); not read")
        XCTAssertEqual(found.skipped["notebooks/plain.ipynb"], NotebookSource.withoutPromptsReason)
        XCTAssertEqual(found.skipped["tests/test_prompts.ipynb"], "test code (in a tests folder)")
        // Only the Python notebook gives a finding, at its raw position, and nothing is an error.
        let play = Self.notebook([("code", "%pip install openai\n" + setup), ("code", askLong)])
        let findings = try SourceTest.folderFindings([
            "notebooks/play.ipynb": play,
            "notebooks/broken.ipynb": broken,
            "notebooks/r.ipynb": Self.notebook([("code", "prompt <- paste('Today is', Sys.time())\n")], language: "R"),
        ])
        XCTAssertEqual(findings.filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line):\($0.column)" },
                       ["notebooks/play.ipynb:" + position(of: "{datetime.now().isoformat()}", in: play)])
        XCTAssertFalse(findings.contains { $0.severity == .error }, findings.map(\.message).joined(separator: "\n"))
        // Read directly, broken JSON and another kernel give no finding.
        XCTAssertEqual(try SourceTest.findings(broken, path: "nb.ipynb"), [])
        XCTAssertEqual(try SourceTest.findings("{\"cells\": 3}", path: "nb.ipynb"), [])
    }

    func testANotebookUsesAPromptOfTheRepositorysModules() throws {
        let findings = try SourceTest.folderFindings([
            "agent/prompts.py": "SYSTEM_PROMPT = \"\"\"Today's date is {date}.\n\(SourceTest.longRules)\"\"\"\n",
            "notebooks/try.ipynb": Self.notebook([
                ("code", "import datetime\nfrom openai import OpenAI\nfrom agent.prompts import SYSTEM_PROMPT\n"),
                ("code", """
                    def run(question):
                        system = SYSTEM_PROMPT.format(date=datetime.datetime.now())
                        return OpenAI().chat.completions.create(model="gpt-4o", messages=[
                            {"role": "system", "content": system}, {"role": "user", "content": question}])
                    """),
            ]),
        ]).filter { ["PL001", "PL002"].contains($0.ruleID) }
        XCTAssertEqual(findings.map(\.path), ["notebooks/try.ipynb"])
    }

    func testDocumentsLoadedOnceInANotebookAreNotRetrievedPerTurn() throws {
        // The notebook sends at its top level (a short-lived program): the documentation it loads once is the
        // same for every call of the session, so the conversation after it is still cached (crewAI-examples
        // `coding_assistant_eval.ipynb`).
        // A LangChain chain whose system message holds `{context}` before static rules and the conversation.
        let codeGenerationChain = """
                from langchain_core.prompts import ChatPromptTemplate
                from langchain_openai import ChatOpenAI
                code_gen_prompt = ChatPromptTemplate.from_messages([
                    ("system", \"\"\"You are a coding assistant. Here is the documentation: {context}
                \(policy)\"\"\"),
                    ("placeholder", "{messages}"),
                ])
                chain = code_gen_prompt | ChatOpenAI(model="gpt-4o")

                """
        let raw = Self.notebook([
            ("code", "docs = loader.load()\nconcatenated_content = \"\\n---\\n\".join([d.page_content for d in docs])\n"),
            ("code", codeGenerationChain + """
                solution = chain.invoke({"context": concatenated_content, "messages": [("user", "How?")]})
                """),
        ])
        // With the default profile, as `promptlint check` runs (the strict test profile still notes a per-run value).
        func warnings(_ text: String) throws -> [String] {
            try SourceTest.folderFindings(["nb.ipynb": text]).filter { $0.ruleID == "PL001" }.map { "\($0.line):\($0.column)" }
        }
        XCTAssertEqual(try warnings(raw), [])
        // Retrieved per question, it is still a break before the conversation.
        let perQuestion = Self.notebook([
            ("code", codeGenerationChain + """
                def answer(question, messages):
                    return chain.invoke({"context": retriever.invoke(question), "messages": messages})
                """),
        ])
        XCTAssertEqual(try warnings(perQuestion), [position(of: "{context}", in: perQuestion)])
    }

    func testHostileNotebooksNeverCrash() {
        let samples = [
            "", "{", "[]", "{\"cells\": [", "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"\\\"\"\"]}]}",
            "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"\\u\"}]}",
            "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"%%\", \"!\", \"?\", \"= !\", \"\\ud83d\"]}]}",
            "{\"worksheets\": [{\"cells\": [{\"cell_type\": \"code\", \"input\": [\"x = '''\\n\"]}]}]}",
            String(repeating: "[", count: 5_000),
        ]
        for s in samples {
            _ = NotebookSource.read(SourceText(s))
            _ = NotebookSource.verdict(Data(s.utf8))
            _ = SourceTest.read(s, path: "x.ipynb")
        }
    }
}
