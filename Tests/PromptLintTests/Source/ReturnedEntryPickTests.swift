import XCTest

@testable import PromptLint

/// A field read by its key from a record a function returns written out (`profile["summary"]` where
/// `get_profile` ends `return {"summary": summary, "last_seen": now}`) is that entry only: the clock
/// stamped in another field does not reach the prompt (source-holdout31, JustJulyDredd/lulu3, session 38).
/// The field that holds the clock is still traced to it.
final class ReturnedEntryPickTests: XCTestCase {
    private let database = """
        import time

        def get_profile(user_id):
            now = time.time()
            summary = "A new acquaintance."
            return {"user_id": user_id, "summary": summary, "last_seen": now}
        """

    private func bot(_ field: String) -> String {
        """
        import database
        from openai import OpenAI

        client = OpenAI()

        def reply(user_id, history, text):
            profile = database.get_profile(user_id)
            system = f"What you remember: {profile['\(field)']}\\n\(SourceTest.notedPolicy)"
            messages = [{"role": "system", "content": system}] + history + [{"role": "user", "content": text}]
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    private func pl001(_ field: String) throws -> [String] {
        try SourceTest.folderFindings(["database.py": database, "bot.py": bot(field)])
            .filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testAFieldBesideAClockStampIsNotTheClock() throws {
        XCTAssertEqual(try pl001("summary"), [])
    }

    func testTheFieldHoldingTheClockIsStillTraced() throws {
        XCTAssertEqual(try pl001("last_seen"), ["bot.py:8"])
    }
}
