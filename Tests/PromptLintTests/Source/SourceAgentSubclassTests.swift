import XCTest

@testable import PromptLint

/// A LiveKit voice agent is a subclass of `Agent` whose constructor hands its instructions to the base class
/// (`class Caller(Agent): def __init__(…): super().__init__(instructions=f"…")`), the framework's documented
/// shape; per-caller values written near the top of those instructions keep the static rules after them out of
/// the cache on every call (source-holdout23: ayush-krim/outbound-caller-python agent.py lines 122-124). A file
/// importing only `livekit.agents` is read. Own text.
final class SourceAgentSubclassTests: XCTestCase {
    private func caller(base: String) -> String {
        """
        from livekit.agents import Agent, JobContext


        class Caller(\(base)):
            def __init__(self, *, account: dict):
                customer_name = account["customer_name"]
                super().__init__(
                    instructions=f\"\"\"You call customers of Acme Bank about an overdue payment.
        Customer: {customer_name}
        \(SourceTest.longRules)\"\"\"
                )
        """
    }

    func testPerCallerValuesInASubclassesInstructionsAreFound() throws {
        let lines = try SourceTest.findingLines(caller(base: "Agent"))
        XCTAssertEqual(lines.filter { $0.hasPrefix("PL001") }, ["PL001@9"], "\(lines)")
    }

    func testSuperInitOfAClassNotDerivedFromAgentIsSilent() throws {
        let lines = try SourceTest.findingLines(caller(base: "Worker"))
        XCTAssertEqual(lines.filter { $0.hasPrefix("PL001") }, [], "\(lines)")
    }

    func testAFileImportingOnlyLiveKitAgentsIsRead() throws {
        let found = try SourceTest.folderFindings(["agent.py": caller(base: "Agent")])
        XCTAssertEqual(found.filter { $0.ruleID == "PL001" }.map(\.line), [9])
    }
}
