import XCTest

@testable import PromptLint

/// The newest message of a conversation read off its end (`history[-1]["content"]`) and written before that
/// conversation in one prompt string: the message is new on every request, so the turns after it are never read
/// from the cache (holdout31: Luke-lab2002/MistralChemistryChatBot template/chatTemplate.py put `{query}`, the
/// last message its caller picked off the client's conversation, before `{chat_history}`). The conversation's
/// opening message, the same on every turn, stays quiet there, and the newest message at the end of the prompt is
/// the usual layout. Own text.
final class NewestMessageBeforeConversationTests: XCTestCase {
    /// A module answering from the conversation `history` with the prompt `layout` sent as one string.
    private func answer(_ layout: String) -> String {
        """
        from langchain_openai import ChatOpenAI

        llm = ChatOpenAI(model="gpt-4o-mini")


        def answer(history):
            question = history[-1]["content"]
            prompt = (
                "You are a patient chemistry tutor. Explain each step and check units.\\n\\n"
        \(layout)
            )
            return llm.invoke(prompt).content
        """
    }

    func testTheNewestMessageBeforeTheConversationIsReported() throws {
        let text = answer("""
                    f"Question:\\n{question}\\n\\n"
                    f"Conversation so far:\\n{history}\\n\\n"
                    "Answer:"
            """)
        XCTAssertEqual(try SourceTest.findingLines(text).filter { $0.hasPrefix("PL001") }, ["PL001@10"])
    }

    func testTheNewestMessageAtTheEndStaysSilent() throws {
        let text = answer("""
                    f"Conversation so far:\\n{history}\\n\\n"
                    f"Question:\\n{question}\\n\\n"
                    "Answer:"
            """)
        XCTAssertEqual(try SourceTest.findingLines(text).filter { $0.hasPrefix("PL001") }, [])
    }

    func testTheNewestMessageWithoutTheConversationStaysSilent() throws {
        let text = answer("""
                    f"Question:\\n{question}\\n\\n"
                    "Answer in two sentences."
            """)
        XCTAssertEqual(try SourceTest.findingLines(text).filter { $0.hasPrefix("PL001") }, [])
    }

    /// A template function in one module, filled by another that picks the newest message (`pick`) off the conversation.
    private func folder(query pick: String) -> [String: String] {
        let template = """
            def tutor_prompt(query, chat_history):
                return (
                    "You are a patient chemistry tutor. Explain each step and check units.\\n\\n"
                    f"Question:\\n{query}\\n\\n"
                    f"Conversation so far:\\n{chat_history}\\n\\n"
                    "Answer:"
                )
            """
        let caller = """
            from flask import Flask, request
            from langchain_openai import ChatOpenAI
            from prompts import tutor_prompt

            app = Flask(__name__)
            llm = ChatOpenAI(model="gpt-4o-mini")


            @app.post("/ask")
            def ask():
                chat_history = request.get_json()["conversation"]
                query = \(pick)
                return {"answer": llm.invoke(tutor_prompt(query=query, chat_history=chat_history)).content}
            """
        return ["prompts.py": template, "app.py": caller]
    }

    func testTheNewestMessageACallerPassesIsReportedInTheTemplate() throws {
        let found = try SourceTest.folderFindings(folder(query: "chat_history[-1][\"content\"]")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["prompts.py@4"])
    }

    func testTheOpeningMessageACallerPassesStaysSilent() throws {
        let found = try SourceTest.folderFindings(folder(query: "chat_history[0][\"content\"]")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, [])
    }

    /// A function sending the conversation `messages` with the newest one (`pick`) written into the system message first.
    private func sender(newest pick: String) -> String {
        """
        import OpenAI from "openai";
        const openai = new OpenAI();
        export async function reply(messages: { role: string; content: string }[]) {
          const latest = \(pick);
          const system = `You are a patient chemistry tutor. The student now asks: ${latest}. Explain each step.`;
          const completion = await openai.chat.completions.create({
            model: "gpt-4o-mini",
            messages: [{ role: "system", content: system }, ...messages],
          });
          return completion.choices[0].message;
        }
        """
    }

    func testTheNewestMessageBeforeTheSentConversationIsReportedInScript() throws {
        let text = sender(newest: "messages[messages.length - 1].content")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "route.ts").filter { $0.hasPrefix("PL001") }, ["PL001@5"])
    }

    func testTheOpeningMessageBeforeTheSentConversationStaysSilentInScript() throws {
        let text = sender(newest: "messages[0].content")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "route.ts").filter { $0.hasPrefix("PL001") }, [])
    }
}
