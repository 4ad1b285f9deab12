import XCTest

@testable import PromptLint

/// A conversation summary or a memory about the user that the code rewrites from a model's output after the
/// reply and reads back into the next request's system prompt, before the conversation (holdout29
/// ali-bibak/zyme, holdout31 rajukr9824/SaathiAI, holdout32 ric9176/chief-joy-officer): the value differs from
/// one request to the next although the write comes after the read in the code. A field set once (a reset, a
/// profile value), another object's field of the same name, a write in a file that does not import the prompt's,
/// or a summary placed after the conversation stays quiet. Own text.
final class RewrittenMemoryTests: XCTestCase {
    /// A reply that puts the stored `conv.summary` in the system message (before or after the conversation, as
    /// `history` orders them) and then stores `write` as the new summary.
    private func reply(write: String, history: String = "system, *conv.history") -> String {
        """
        from openai import OpenAI

        client = OpenAI()


        def reply(conv, user_text):
            system = {"role": "system", "content": f"You are a cheerful cooking assistant.\\nEarlier: {conv.summary}"}
            answer = client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[\(history), {"role": "user", "content": user_text}],
            ).choices[0].message.content
            conv.summary = \(write)
            return answer
        """
    }

    private let modelWrite = """
        client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": "Summarize briefly: " + answer}],
            ).choices[0].message.content
        """

    func testASummaryRewrittenByTheModelBeforeTheConversationIsReported() throws {
        XCTAssertEqual(try SourceTest.findingLines(reply(write: modelWrite)).filter { $0.hasPrefix("PL001") }, ["PL001@7"])
    }

    func testASummaryResetByTheCodeStaysQuiet() throws {
        XCTAssertEqual(try SourceTest.findingLines(reply(write: "\"\"")).filter { $0.hasPrefix("PL001") }, [])
    }

    func testASummaryAfterTheConversationStaysQuiet() throws {
        let text = reply(write: modelWrite, history: "*conv.history, system")
        XCTAssertEqual(try SourceTest.findingLines(text).filter { $0.hasPrefix("PL001") }, [])
    }

    /// A graph whose model node reads the traveller's memory from a store by key and whose memory node stores
    /// `value` under that key (after `prepare`).
    private func graph(prepare: String, value: String) -> String {
        """
        from langchain_core.messages import SystemMessage
        from langchain_openai import ChatOpenAI

        model = ChatOpenAI(model="gpt-4o-mini")

        PROMPT = \"\"\"You are a friendly travel planner.
        What you know about the traveller:
        {memory}
        Suggest trips that fit their budget.\"\"\"


        def call_model(state, store):
            saved = store.get(("memory", state["user_id"]), "traveller_memory")
            memory = saved.value["text"] if saved else "Nothing yet."
            return {"messages": [model.invoke([SystemMessage(content=PROMPT.format(memory=memory))] + state["messages"])]}


        def write_memory(state, store):
            \(prepare)
            store.put(("memory", state["user_id"]), "traveller_memory", {"text": \(value)})
            return state
        """
    }

    func testAStoredMemoryTheModelRewritesIsReported() throws {
        let text = graph(
            prepare: "notes = model.invoke([SystemMessage(content=\"Update the notes.\")] + state[\"messages\"])",
            value: "notes.content")
        XCTAssertEqual(try SourceTest.findingLines(text).filter { $0.hasPrefix("PL001") }, ["PL001@8"])
    }

    func testAStoredMemoryCopiedFromAProfileStaysQuiet() throws {
        let text = graph(prepare: "city = state[\"home_city\"]", value: "city")
        XCTAssertEqual(try SourceTest.findingLines(text).filter { $0.hasPrefix("PL001") }, [])
    }

    /// A memory prompt built by another module as the second system message of a list handed to a sender the
    /// folder does not hold, before the history; the handler then stores `write` in `field` (the reader's summary).
    private func library(write: String, field: String = "reader.readingSummary") -> [String: String] {
        let prompt = """
            export const buildMemoryPrompt = (reader) => `What you know about this reader:
            - Notes so far: ${reader.readingSummary || "none"}
            Recommend books they have not read yet.`;
            """
        let handler = """
            import { callLLM } from "./llm.js";
            import { summarizeNotes } from "./notes.js";
            import { buildMemoryPrompt } from "./memory.js";

            const SYSTEM = "You are a librarian who recommends books.";

            export async function chat(reader, history) {
              const messages = [
                { role: "system", content: SYSTEM },
                { role: "system", content: buildMemoryPrompt(reader) },
                ...history,
              ];
              const reply = await callLLM(messages);
              \(field) = \(write);
              await reader.save();
              return reply;
            }
            """
        return ["memory.js": prompt, "chat.js": handler]
    }

    func testASecondSystemMessageWithARewrittenSummaryIsReportedInItsModule() throws {
        let found = try SourceTest.folderFindings(library(write: "await summarizeNotes(history, callLLM)")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["memory.js@2"])
    }

    func testAnotherObjectsSummaryOfTheSameNameStaysQuiet() throws {
        let files = library(write: "await summarizeNotes(history, callLLM)", field: "reader.shelf.readingSummary")
        let found = try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, [])
    }

    func testTheSameFieldRewrittenByAFileThatDoesNotImportThePromptStaysQuiet() throws {
        var files = library(write: "\"\"")
        files["digest.js"] = """
            import OpenAI from "openai";
            import { summarizeNotes } from "./notes.js";
            export async function digest(reader, history) {
              reader.readingSummary = await summarizeNotes(history);
            }
            """
        let found = try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, [])
    }

    func testASecondSystemMessageWithASummaryTheCodeClearsStaysQuiet() throws {
        let found = try SourceTest.folderFindings(library(write: "\"\"")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, [])
    }
}
