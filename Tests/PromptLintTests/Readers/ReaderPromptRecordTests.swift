import Foundation
import XCTest

@testable import PromptLint

/// Prompt-library records (an MCP prompt server's JSON: `content` with `{{name}}` slots and the
/// `variables` the caller fills): the content is a prompt even at the top level of the file, its declared
/// arguments are per-invocation inputs, and single braces in it are code, not fields.
final class ReaderPromptRecordTests: XCTestCase {
    private func record(_ content: String, extra: String = "\"variables\": [\"project_name\", \"node_version\"]") -> String {
        """
        {
          "id": "guide",
          "isTemplate": true,
          "content": \(jsonString(content)),
          \(extra)
        }
        """
    }

    private func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    func testTopLevelRecordContentIsOnePromptWithDeclaredArguments() {
        let text = record("# Guide for {{project_name}}\n\n```ts\nimport { A, B } from './x';\n```\nUse node {{node_version}} and {{unknown}}.")
        let t = ReaderTest.read(text, path: "data/prompts/guide.json")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertEqual(t.messages.count, 1)
        XCTAssertEqual(t.slots.map(\.expression), ["project_name", "node_version", "unknown"])
        XCTAssertEqual(t.slots.map { $0.provenance?.volatility }, [.perRequest, .perRequest, nil])
        XCTAssertEqual(t.slots.first?.provenance?.kind, .input)
        XCTAssertEqual(t.slots.first?.provenance?.reason,
                       "`project_name` is an argument the prompt record declares (`variables`, line 5), filled by the caller each time the prompt is used")
        XCTAssertEqual(t.slots.first?.position.line, 4)
    }

    func testArgumentsDeclaredAsObjectsAndWithoutTheTemplateFlag() {
        let text = """
            {"name": "review", "content": "Review {{file_path}} carefully.\\nThen list issues.",
             "arguments": [{"name": "file_path", "required": true}]}
            """
        let t = ReaderTest.read(text, path: "prompts/review.json")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertEqual(t.slots.map(\.expression), ["file_path"])
        XCTAssertEqual(t.slots.first?.provenance?.volatility, .perRequest)
    }

    func testAnObjectWithContentButNoDeclarationIsNotARecord() throws {
        let root = try XCTUnwrap(readJSON("{\"content\": \"Some text with {{x}} in it.\\nMore.\", \"author\": \"me\"}"))
        XCTAssertFalse(PromptRecord.isRecord(root))
        let declared = try XCTUnwrap(readJSON("{\"content\": \"Some text with {{x}} in it.\\nMore.\", \"variables\": [\"x\"]}"))
        XCTAssertTrue(PromptRecord.isRecord(declared))
        // A list of sentences is not a list of argument names.
        let sentences = try XCTUnwrap(readJSON("{\"content\": \"Text {{x}}.\\nMore.\", \"variables\": [\"the user's name\"]}"))
        XCTAssertFalse(PromptRecord.isRecord(sentences))
    }

    func testDeclaredArgumentBeforeLongGuideIsAWarningAndAtTheEndIsNot() throws {
        let rules = SourceTest.longRules
        let findings = try SourceTest.folderFindings([
            "prompts/early.json": record("# Guide for {{project_name}}\n\n\(rules)"),
            "prompts/late.json": record("\(rules)\nProject: {{project_name}}"),
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line):\($0.severity.rawValue)" }, ["prompts/early.json@4:warning"])
    }

    private func readJSON(_ text: String) -> DocValue? {
        var issues: [ParseIssue] = []
        return JSONScanner.parse(SourceText(text), issues: &issues)
    }
}
