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
}
