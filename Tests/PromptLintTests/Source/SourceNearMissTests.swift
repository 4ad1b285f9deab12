import XCTest

@testable import PromptLint

/// Files that must stay clean: volatile values that never reach the cacheable prefix.
final class SourceNearMissTests: XCTestCase {
    private let policy = SourceTest.policy

    func testDateOnlyInTheLastUserMessage() throws {
        let text = """
            from datetime import datetime
            client.chat.completions.create(model="m", messages=[
                {"role": "system", "content": "\(policy)"},
                {"role": "user", "content": f"Today is {datetime.now():%Y-%m-%d}. \(policy) {question}"},
            ])
            """
        XCTAssertEqual(try SourceTest.findings(text), [])
    }

    func testUUIDOnlyInMetadataAndHeaders() throws {
        let text = """
            import uuid
            client.chat.completions.create(model="m",
                messages=[{"role": "system", "content": "\(policy)"}, {"role": "user", "content": q}],
                metadata={"request_id": str(uuid.uuid4())}, extra_headers={"X-Request-Id": str(uuid.uuid4())})
            """
        XCTAssertEqual(try SourceTest.findings(text), [])
    }

    func testSortedJSON() throws {
        let text = "import json\nSYSTEM_PROMPT = \"Schema: \" + json.dumps(SCHEMA, sort_keys=True, indent=2) + \"\\n\(policy)\"\n"
        XCTAssertEqual(try SourceTest.findings(text), [])
    }

    func testNowInAStringThatIsNotAnFString() throws {
        let text = "SYSTEM_PROMPT = \"Use {datetime.now()} literally. \(policy)\"\nOTHER_PROMPT = '{uuid.uuid4()} \(policy)'\n"
        XCTAssertEqual(try SourceTest.findings(text), [])
        XCTAssertEqual(SourceTest.read(text).slots, [])
    }

    func testLoggingAndPrintCalls() throws {
        let text = """
            import logging, time
            from datetime import datetime
            logger = logging.getLogger(__name__)
            logger.info(f"started at {datetime.now()} \(policy)")
            print(f"{time.time()} \(policy)")
            log_message = f"{datetime.now()}: request done"
            """
        XCTAssertEqual(try SourceTest.findings(text), [])
    }

    func testConstantsAndParametersOfUnknownVolatilityStayClean() throws {
        let text = """
            APP = "Acme"
            def build_system_prompt(flavour):
                return f"You are {flavour} for {APP}. \(policy)"
            """
        XCTAssertEqual(try SourceTest.findings(text), [])
    }

    func testFilesWithoutPromptsHaveNoMessagesAndNoIssues() {
        for (text, path) in [
            ("def add(a, b):\n    return a + b\nx = f'{a!r} {{b}}'\n", "m.py"),
            ("export const add = (a: number, b: number) => a / b / 2;\nconst r = /'/g;\n", "m.ts"),
            ("def broken(:\n    s = 'unterminated\n    t = f\"{x\n", "broken.py"),
            ("const s = `open ${ never closed\n", "broken.js"),
        ] {
            let t = SourceTest.read(text, path: path)
            XCTAssertEqual(t.messages, [], path)
            XCTAssertEqual(t.issues, [], path)
        }
    }

    func testFixedDateInScriptIsClean() throws {
        let text = "const SYSTEM_PROMPT = `Launched ${new Date(2020, 1, 1).getFullYear()}. \(policy)`;\n"
        XCTAssertEqual(try SourceTest.findings(text, path: "p.ts"), [])
    }
}
