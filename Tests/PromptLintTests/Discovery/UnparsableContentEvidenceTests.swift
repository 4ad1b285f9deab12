import Foundation
import XCTest

@testable import PromptLint

/// A YAML or JSON file whose only evidence is a prompt-shaped key found by the text scan is read only when it
/// parses: one that does not is most likely another tool's dialect, so it is skipped with the reason. A prompts
/// folder or a prompt-like name makes the file a prompt whatever its syntax, so it keeps its parse finding.
final class UnparsableContentEvidenceTests: TemporaryFolderTestCase {
    /// A deployment file in a dialect of its own (`key: "a"; key: "b"` items) with a prompt-shaped key.
    private let brokenYAML = """
        service:
          name: "bot"
          default_prompt: "You are a helpful assistant."
          checks:
            - kind: "http"; url: "http://localhost/health"
            - kind: "tcp"; url: "localhost:9000"

        """

    func testUnparsableFileWithOnlyContentEvidenceIsSkipped() throws {
        try LintTest.write(brokenYAML, "deploy/service.yaml", in: dir)
        // A JSON config filled by another template engine.
        try LintTest.write("{\"system_prompt\": \"You are a helpful assistant.\",\n \"port\": <%= port %>}\n",
                           "config/settings.json", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.read, [:])
        XCTAssertTrue(found.skipped["deploy/service.yaml"]?.hasPrefix("does not parse (line 5: ") == true,
                      found.skipped["deploy/service.yaml"] ?? "read")
        XCTAssertTrue(found.skipped["config/settings.json"]?.hasPrefix("does not parse (line 2: ") == true,
                      found.skipped["config/settings.json"] ?? "read")
    }

    func testParsingFileOrLocatedOrNamedPromptIsStillRead() throws {
        try LintTest.write("service:\n  default_prompt: \"You are a helpful assistant.\"\n", "deploy/service.yaml", in: dir)
        try LintTest.write(brokenYAML, "prompts/service.yaml", in: dir)
        try LintTest.write(brokenYAML, "service_prompt.yaml", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.read, [
            "deploy/service.yaml": "prompt-shaped key `default_prompt`",
            "prompts/service.yaml": "in a prompts folder (prompts/)",
            "service_prompt.yaml": "prompt-like file name",
        ])
    }

    func testFileThatIsNotUTF8TextIsReadForItsEncodingFinding() throws {
        let bytes = Array("{\"system_prompt\": \"You are ".utf8) + [0xFF, 0xFE] + Array("\",\n \"port\": <%= port %>}".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/settings.json"))
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.read, ["settings.json": "prompt-shaped key `system_prompt`"])
    }
}
