import XCTest

@testable import PromptLint

/// A retriever's search called by the names LangChain gives it besides `getRelevantDocuments`: the method a
/// subclass implements (`_getRelevantDocuments`, `_get_relevant_documents`) and the runnable's `invoke`. The
/// documents are picked per question, so a system message holding them breaks the conversation after it. Written here.
final class SourceRetrieverCallTests: XCTestCase {
    /// A chat module that retrieves notes with `search` and writes them `where` ("system": a system message before
    /// the stored conversation; "user": the new user turn after it).
    private func chat(search: String, where place: String = "system") -> String {
        let notes = "{ role: \"system\", content: `Notes from earlier sessions: ${notes}` },"
        return """
            import OpenAI from "openai";

            const client = new OpenAI();

            export async function reply(notesRetriever, history, question) {
              const found = await \(search);
              const notes = found.map((d) => d.pageContent).join("\\n");
              return client.chat.completions.create({
                model: "gpt-4o",
                messages: [
                  { role: "system", content: "\(SourceTest.policy)" },
                  \(place == "system" ? notes : "")
                  ...history,
                  { role: "user", content: \(place == "user" ? "`${notes}\\n\\n${question}`" : "question") }
                ]
              });
            }

            """
    }

    private func pl001(_ module: String) throws -> [String] {
        try SourceTest.folderFindings(["chat.js": module]).filter { $0.ruleID == "PL001" }.map { "PL001@\($0.line)" }
    }

    func testTheRetrieversOwnSearchMethodRetrievesPerQuestion() throws {
        XCTAssertEqual(try pl001(chat(search: "notesRetriever._getRelevantDocuments(question)")), ["PL001@12"])
    }

    func testARetrieversInvokeRetrievesPerQuestion() throws {
        XCTAssertEqual(try pl001(chat(search: "notesRetriever.invoke(question)")), ["PL001@12"])
    }

    func testRetrievedNotesInTheNewTurnLeaveThePrefixClean() throws {
        // Near miss: the documents come after the conversation, in the question's own turn.
        XCTAssertEqual(try pl001(chat(search: "notesRetriever.invoke(question)", where: "user")), [])
    }

    func testInvokeOnAnotherObjectIsNoSearch() throws {
        // Near miss: `invoke` of something not named a retriever (a chain, a tool) is not read as a search.
        XCTAssertEqual(try pl001(chat(search: "notesChain.invoke({ topic: \"sessions\" })")), [])
    }
}
