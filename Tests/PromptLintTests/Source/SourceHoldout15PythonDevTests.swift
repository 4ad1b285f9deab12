import XCTest

@testable import PromptLint

/// Classes of construct behind Python misses and a false positive of source-holdout15 (session 20): a system
/// message put in front of a conversation the function was given as a copy (`history = messages.copy()`) or
/// read off the graph state it was given (`state.get("messages", [])`, a LangGraph node); a system message
/// returned by a static method of a class of another module (`Builder.build()` returning
/// `Message(role="system", content=…)`); and a window of the last few messages re-sliced per request, which
/// keeps no earlier turn in the prefix.
final class SourceHoldout15PythonDevTests: XCTestCase {
    /// A LangGraph node that replaces the system message at the head of the state's messages with one that
    /// ends in `tail`, reading the list as `read`.
    private func graphNode(_ tail: String, read: String = "state.get(\"messages\", [])") -> String {
        """
        from datetime import datetime, timezone

        from langchain_core.messages import RemoveMessage, SystemMessage


        def stamp_system_message(state: dict) -> dict:
            messages = \(read)
            if not messages or not isinstance(messages[0], SystemMessage):
                return state
            now = datetime.now(timezone.utc)
            text = messages[0].content + \(tail)
            messages.append(RemoveMessage(id=messages[0].id))
            messages.insert(0, SystemMessage(content=text))
            return {"messages": messages}
        """
    }

    func testAClockAppendedToTheSystemMessageOfTheGraphStateBreaksTheConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(graphNode("\" The time in UTC is \" + str(now)")), ["PL001@11"])
        XCTAssertEqual(try SourceTest.findingLines(graphNode("\" The time in UTC is \" + str(now)", read: "state[\"messages\"]")),
                       ["PL001@11"])
    }

    func testAConstantAppendedToTheSystemMessageOfTheGraphStateBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(graphNode("\" Answer in the user's own language.\"")), [])
        // A state entry not named for the conversation is not taken for it.
        XCTAssertEqual(try SourceTest.findingLines(graphNode("\" The time in UTC is \" + str(now)", read: "state.get(\"draft\", [])")), [])
    }

    /// A handler that copies the conversation it is given and puts a system message in front of the copy.
    private func copiedConversation(_ stamp: String, copy: String = "messages.copy()") -> String {
        """
        from datetime import datetime


        class Chat:
            def system_text(self):
                now = \(stamp)
                return f"\(SourceTest.policy) Current time: {now}"

            async def answer(self, messages):
                history = \(copy)
                history.insert(0, {"role": "system", "content": self.system_text()})
                return await self.send_to_model(history)
        """
    }

    func testASystemMessageInsertedBeforeACopyOfTheGivenConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(copiedConversation("datetime.now().strftime('%H:%M:%S')")), ["PL001@7"])
        XCTAssertEqual(try SourceTest.findingLines(copiedConversation("datetime.now().isoformat()", copy: "list(messages)")), ["PL001@7"])
        XCTAssertEqual(try SourceTest.findingLines(copiedConversation("'v2'")), [])
    }

    /// A list the handler makes itself is not the conversation it was given.
    func testACopyOfAListWrittenHereIsNotAGivenConversation() throws {
        let own = copiedConversation("datetime.now().strftime('%H:%M:%S')", copy: "[{\"role\": \"user\", \"content\": \"hi\"}].copy()")
        XCTAssertEqual(try SourceTest.findingLines(own), [])
    }

    /// A builder class in one module whose static method returns the system message, ending in `last`, and a use
    /// case in another that puts it in front of a copy of the messages the client posts.
    private func builderProject(_ last: String) -> [String: String] {
        [
            "chat/__init__.py": "",
            "chat/llm.py": """
                from openai import AsyncOpenAI
                from pydantic import BaseModel


                class Message(BaseModel):
                    role: str
                    content: str


                async def send(messages):
                    return await AsyncOpenAI().chat.completions.create(model="m", messages=[m.model_dump() for m in messages])
                """,
            "chat/system_prompt_builder.py": """
                from datetime import datetime

                from chat.llm import Message

                RULES = "\(SourceTest.policy)"


                class SystemPromptBuilder:
                    @staticmethod
                    def build() -> Message:
                        now = datetime.now()
                        sections = [RULES]
                        sections.append(\(last))
                        return Message(role="system", content="\\n\\n".join(sections))
                """,
            "chat/usecase.py": """
                from chat.llm import send
                from chat.system_prompt_builder import SystemPromptBuilder


                class ChatUseCase:
                    async def run(self, request):
                        return await send(self._prepare(request.messages))

                    def _prepare(self, messages):
                        history = messages.copy()
                        if not any(m.role == "system" for m in history):
                            system_message = SystemPromptBuilder.build()
                            history.insert(0, system_message)
                        return history
                """,
        ]
    }

    private func findings(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    func testAMessageOfAnotherModulesBuilderClassBeforeAGivenConversationIsFoundWhereTheClockEnters() throws {
        XCTAssertEqual(try findings(builderProject("f\"Current time: {now.strftime('%H:%M:%S')}\"")),
                       ["chat/system_prompt_builder.py@13"])
    }

    func testTheSameBuilderWithAConstantLastSectionBreaksNothing() throws {
        XCTAssertEqual(try findings(builderProject("\"Answer in the user's language.\"")), [])
    }

    /// A worker that sends a per-request value at the end of the system message, then `tail` of the stored
    /// messages, then a closing instruction.
    private func window(_ tail: String) -> String {
        """
        from langchain_core.messages import SystemMessage


        def open_topic(model, existing_messages, retrieved_context):
            prompt_messages = [SystemMessage(content="Be brief. " + retrieved_context)]
            prompt_messages.extend(\(tail))
            prompt_messages.append(SystemMessage(content="Ask one question about the topic the patient picked."))
            return model.invoke(prompt_messages)
        """
    }

    func testAValueBeforeTheLastFewMessagesReSlicedPerRequestIsNoConversationBreak() throws {
        XCTAssertEqual(try SourceTest.findingLines(window("existing_messages[-3:]")), [])
    }

    func testAFieldOfAThingNamedForTheConversationIsNotTheConversation() throws {
        let classifier = SlotClassifier()
        XCTAssertNotEqual(classifier.nameClass(of: "conversation_point.title")?.kind, .history)
        XCTAssertNotEqual(classifier.nameClass(of: "history_length")?.kind, .history)
        XCTAssertEqual(classifier.nameClass(of: "chat_history")?.kind, .history)
        XCTAssertEqual(classifier.nameClass(of: "state.messages")?.kind, .history)
        // A closing instruction that names the topic's title is not conversation after the retrieved text.
        let titled = window("existing_messages[-3:]").replacingOccurrences(
            of: "\"Ask one question about the topic the patient picked.\"", with: "f\"Ask one question about {conversation_point.title}.\"")
        let loaded = titled.replacingOccurrences(
            of: "retrieved_context):\n", with: "retrieved_context, slug):\n    conversation_point = load_point(slug)\n")
        XCTAssertEqual(try SourceTest.findingLines(loaded), [])
    }

    func testAValueBeforeTheStoredConversationStillBreaksIt() throws {
        XCTAssertEqual(try SourceTest.findingLines(window("existing_messages")), ["PL001@5"])
        XCTAssertEqual(try SourceTest.findingLines(window("existing_messages[-20:]")), ["PL001@5"])
    }
}
