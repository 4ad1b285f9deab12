import XCTest

@testable import PromptLint

/// PL007 fires only where order can vary between requests (issue 12 item 6, issue 13): sets and data
/// decoded from input, not dicts built the same way on every call. Near misses on both sides.
final class OrderStabilityTests: XCTestCase {
    private let policy = SourceTest.policy

    /// A module that puts `value` into the system prompt of an Anthropic call, after `setup` lines.
    private func module(_ setup: String, _ value: String) -> String {
        """
        import json, requests
        from anthropic import Anthropic
        \(setup)
        def ask(client: Anthropic, question, body):
            system = "Context: " + \(value) + " \(policy)"
            return client.messages.create(model="m", system=system, messages=[{"role": "user", "content": question}])
        """
    }

    private func pl007(_ setup: String, _ value: String) throws -> [Finding] {
        try LintTest.linter().lint(text: module(setup, value), path: "app.py", format: nil).findings.filter { $0.ruleID == "PL007" }
    }

    func testDictsBuiltInCodeAreStable() throws {
        XCTAssertEqual(try pl007("TOOLS = {\"b\": 1, \"a\": 2}", "json.dumps(TOOLS)").count, 0)
        XCTAssertEqual(try pl007("def tools():\n    d = {}\n    d[\"search\"] = 1\n    return d", "json.dumps(tools())").count, 0)
        XCTAssertEqual(try pl007("CONFIG = json.loads(open(\"tools.json\").read())", "json.dumps(CONFIG)").count, 0)
        XCTAssertEqual(try pl007("CONFIG = json.loads('{\"b\": 1, \"a\": 2}')", "json.dumps(CONFIG)").count, 0)
    }

    func testDecodedDataAndSetsCanVary() throws {
        let fetched = try pl007("SCHEMA = requests.get(SCHEMA_URL).json()", "json.dumps(SCHEMA)")
        XCTAssertEqual(fetched.count, 1)
        XCTAssertTrue(fetched.first?.message.contains("decoded from a response or input") == true, fetched.first?.message ?? "")
        let fromSet = try pl007("TAGS = {\"a\", \"b\", \"c\"}", "json.dumps(list(TAGS))")
        XCTAssertEqual(fromSet.count, 1)
        let joined = try pl007("TAGS = {\"a\", \"b\", \"c\"}", "\", \".join(TAGS)")
        XCTAssertTrue(joined.first?.message.contains("randomised per process") == true, joined.first?.message ?? "")
        XCTAssertEqual(try pl007("TAGS = {\"a\", \"b\", \"c\"}", "\", \".join(sorted(TAGS))").count, 0)
        XCTAssertEqual(try pl007("SCHEMA = requests.get(SCHEMA_URL).json()", "json.dumps(SCHEMA, sort_keys=True)").count, 0)
    }

    /// A record's JSON column read back (`row["bible_json"]`) was written by this application's own serializer:
    /// its key order is the writer's, fixed. A field of a response (`resp.raw_json`) is still the sender's.
    func testStoredJSONColumnsKeepTheirOrder() throws {
        XCTAssertEqual(try pl007("ROW = db.execute(\"select bible_json from c\").fetchone()", "json.dumps(json.loads(ROW[\"bible_json\"]))").count, 0)
        XCTAssertEqual(try pl007("ROW = load_character()", "json.dumps(json.loads(ROW.settingsJson))").count, 0)
        XCTAssertEqual(try pl007("RESP = requests.get(URL)", "json.dumps(json.loads(RESP.raw_json))").count, 1)
        XCTAssertEqual(try pl007("RAW = requests.get(URL).text", "json.dumps(json.loads(RAW))").count, 1)
        XCTAssertTrue(SourceAnalysis.storesJSON("c.bible_json"))
        XCTAssertFalse(SourceAnalysis.storesJSON("body_json"))
        XCTAssertFalse(SourceAnalysis.storesJSON("req.body_json"))
        XCTAssertFalse(SourceAnalysis.storesJSON("load(c).bible_json"))
    }

    func testOrderAfterAPerRequestValueCostsNothing() throws {
        let text = module("SCHEMA = requests.get(SCHEMA_URL).json()", "question + json.dumps(SCHEMA)")
        let findings = try LintTest.linter().lint(text: text, path: "app.py", format: nil).findings
        XCTAssertFalse(findings.contains { $0.ruleID == "PL007" }, "\(findings.map(\.message))")
    }

    func testTemplateMappingLoopsAndDumpsAreStable() throws {
        let tail = "\n" + ProvenanceCountingTests.policy
        for text in ["{% for k, v in tools.items() %}{{ k }}: {{ v }}\n{% endfor %}", "Schema: {{ schema | dump }}",
                     "Schema: {{ schema | tojson }}"] {
            XCTAssertFalse(try LintTest.ruleIDs(text + tail, format: .jinja).contains("PL007"), text)
        }
    }
}
