import Foundation
import XCTest

@testable import PromptLint

/// `promptlint files` names the dialect `check` reads a file in: a Markdown prompt whose only markers are
/// single braces, in a folder whose other prompts fill `{{name}}` markers, is read in the folder's dialect.
final class FolderDialectListingTests: XCTestCase {
    private func formats(sibling: String) throws -> [String: String] {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("# Coach\n\nReply with: Today {eaten}/{goal} kcal.\n\n" + SourceTest.policy + "\n", "prompts/coach/system.md", in: dir)
        try LintTest.write(sibling, "prompts/coach/context.md", in: dir)
        let report = try DiscoveryReport(paths: ["."], configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        var out: [String: String] = [:]
        for row in report.rows where row.status == "read" { out[row.path] = row.format }
        return out
    }

    func testASingleBracePromptBesideADoubleBracePromptIsListedInTheFoldersDialect() throws {
        let listed = try formats(sibling: "- user: {{user_id}}\n- chat: {{chat_id}}\n")
        XCTAssertEqual(listed["prompts/coach/system.md"], "jinja", "\(listed)")
    }

    func testASingleBracePromptBesideAStrFormatPromptStaysFString() throws {
        let listed = try formats(sibling: "User {user_id} sent {{\"kind\": \"note\"}}.\n")
        XCTAssertEqual(listed["prompts/coach/system.md"], "fstring", "\(listed)")
    }

    /// A subagent definition in an `agents` folder whose siblings fill `{{name}}` markers is still an agent
    /// definition, sent verbatim: its code sample's `${name}` is not a slot, in the listing or in the check.
    func testAnAgentDefinitionBesideADoubleBraceSiblingStaysAnAgentDefinition() throws {
        let agent = "---\nname: Auditor\ndescription: Finds injection bugs\n---\n\n# Purpose\n\n"
            + "A finding names an attack: `SELECT * FROM users WHERE name='${name}'` built by concatenation.\n\n"
            + SourceTest.policy + "\n"
        let files = ["agents/auditor.md": agent,
                     "agents/writer.md": "---\nname: Writer\ndescription: Writes notes\n---\n\nNotes for {{ticket_id}}.\n"]
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in files { try LintTest.write(text, name, in: dir) }
        let report = try DiscoveryReport(paths: ["."], configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        let listed = Dictionary(uniqueKeysWithValues: report.rows.filter { $0.status == "read" }.map { ($0.path, $0.format) })
        XCTAssertEqual(listed["agents/auditor.md"], "agent-definition", "\(listed)")
        let findings = try SourceTest.folderFindings(files).filter { $0.path.hasSuffix("auditor.md") }
        XCTAssertEqual(findings.map(\.ruleID), [], "\(findings)")
    }
}
