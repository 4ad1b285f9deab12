import Foundation
import XCTest

@testable import PromptLint

/// An old copy kept beside the file it was copied from (`generate-onboarding-old.ts` beside `generate-onboarding.ts`,
/// holdout28's life-management worker) is not what the code imports: discovery skips it, as it skips a file
/// manager's copy beside its original (`DiscoveryRules.supersededOriginal`). A file named like an old copy with no
/// original beside it, or named for old things, is read.
final class OldCopyDiscoveryTests: TemporaryFolderTestCase {
    func testOldCopiesBesideTheirOriginalAreSkipped() throws {
        for name in ["planner.md", "planner-old.md", "coder.md", "coder_backup.md", "writer.old.md", "critic-old.md", "old.md"] {
            try LintTest.write("Time: {{ now }}\nPlan the work.", "src/prompts/" + name, in: dir)
        }
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertNotNil(found.read["src/prompts/planner.md"])
        XCTAssertEqual(found.skipped["src/prompts/planner-old.md"], "an old copy of planner.md, kept beside it")
        XCTAssertEqual(found.skipped["src/prompts/coder_backup.md"], "an old copy of coder.md, kept beside it")
        XCTAssertNotNil(found.read["src/prompts/writer.old.md"])  // no writer.md beside it
        XCTAssertNotNil(found.read["src/prompts/critic-old.md"])
        XCTAssertNotNil(found.read["src/prompts/old.md"])
    }

    func testOldCopyNames() {
        XCTAssertEqual(DiscoveryRules.supersededOriginal(of: "generate-onboarding-old.ts"), "generate-onboarding.ts")
        XCTAssertEqual(DiscoveryRules.supersededOriginal(of: "agent_OLD.py"), "agent.py")
        XCTAssertEqual(DiscoveryRules.supersededOriginal(of: "system.bak.md"), "system.md")
        XCTAssertNil(DiscoveryRules.supersededOriginal(of: "old.md"))
        XCTAssertNil(DiscoveryRules.supersededOriginal(of: "hold.ts"))
        XCTAssertNil(DiscoveryRules.supersededOriginal(of: "household.py"))
        XCTAssertNil(DiscoveryRules.supersededOriginal(of: "-old.ts"))
    }
}
