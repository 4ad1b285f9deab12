import XCTest

@testable import PromptLint

/// A chat request posted in a tool loop whose question is appended before the loop (`messages.append(user)`, then
/// `for _ in range(5):` posting the list and appending the model's reply and the tool results): what the loop
/// appends are this question's own rounds, always after it, so a value in the question is the newest turn, not a
/// prefix of older ones (source-holdout32: a Discord bot put web-search results in the question before such a loop,
/// and dropped the body's empty fields with a dict comprehension before posting). The same value in the system
/// message, before the stored conversation, still breaks it. Own text.
final class QuestionBeforeToolLoopTests: XCTestCase {
    /// A bot answering `question` with `search` results, the system message `system` and the question `asked`,
    /// posting the body (`body`, then the lines `clean`) in a tool loop.
    private func bot(system: String, asked: String, clean: String = "") -> String {
        """
        import requests

        RULES = "You are a friendly helper for a gardening club. Answer in two short paragraphs and cite sources."


        def reply(store, tools, question, search):
            found = search(question)
            messages = [{"role": "system", "content": \(system)}]
            messages.extend(store.history())
            messages.append({"role": "user", "content": \(asked)})
            for _ in range(5):
                payload = {"model": "m", "messages": messages, "tools": tools, "temperature": None}
        \(clean)
                data = requests.post("https://api.example.com/v1/chat/completions", json=payload).json()
                answer = data["choices"][0]["message"]
                messages.append(answer)
                if not answer.get("tool_calls"):
                    return answer["content"]
                for call in answer["tool_calls"]:
                    messages.append({"role": "tool", "tool_call_id": call["id"], "content": tools.run(call)})
        """
    }

    private func pl001(_ text: String) throws -> [String] {
        try SourceTest.findingLines(text).filter { $0.hasPrefix("PL001") }
    }

    func testResultsInTheQuestionBeforeAToolLoopStaySilent() throws {
        XCTAssertEqual(try pl001(bot(system: "RULES", asked: #"f"{question}\n\nSearch results:\n{found}""#)), [])
    }

    func testABodyCopiedWithoutItsEmptyFieldsIsReadAsTheBody() throws {
        let clean = "        payload = {k: v for k, v in payload.items() if v is not None}"
        XCTAssertEqual(try pl001(bot(system: "RULES", asked: #"f"{question}\n\nSearch results:\n{found}""#, clean: clean)), [])
    }

    func testResultsInTheSystemMessageBeforeTheConversationAreReported() throws {
        let clean = "        payload = {k: v for k, v in payload.items() if v is not None}"
        XCTAssertEqual(try pl001(bot(system: #"RULES + f"\n\nSearch results:\n{found}""#, asked: "question", clean: clean)),
                       ["PL001@8"])
    }
}
