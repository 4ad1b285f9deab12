import XCTest

@testable import PromptLint

/// A prompt field rendered off a dict the class was handed (`PromptTemplate.from_template(self.prompts["persona"],
/// template_format="jinja2").format(now=…)`), where another module loads the dict from one of several YAML files
/// chosen at run time: the YAML files whose top-level keys include every key the class reads are the ones it
/// renders, so their clock slot gets the value passed and the conversation sent after the system message
/// (holdout32: dimitree54/tg_lila_bot). One key read says too little to pick files; a constant passed, or the
/// rendered text after the conversation, stays quiet. Own text.
final class ReceivedPromptFieldsTests: XCTestCase {
    /// A persona prompt file ending with the clock slot, with a greeting and a second prompt (a summary
    /// instruction, sent in another request) after it.
    private func persona(_ who: String) -> String {
        """
        persona: |
          You are \(who), a calm companion who keeps the conversation natural and friendly.
          Answer in the user's language and ask one question back when it helps.

          The time now is {{now}}

        greeting: Hello! Tell me about your day.
        summary_prompt: |
          Summarize the conversation so far in three short sentences for \(who)'s notes.
          Keep names, dates and plans; leave out small talk.
        """
    }

    /// A class that renders the persona handed to it with `value` and lays out `messages` around it.
    private func companion(value: String = "clock()", keys: [String] = ["persona", "greeting"], messages: String? = nil) -> String {
        let layout = messages ?? """
                    SystemMessage(content=system),
                    MessagesPlaceholder(variable_name="chat_history"),
                    HumanMessagePromptTemplate.from_template("{{input}}", "jinja2"),
            """
        let reads = keys.dropFirst().map { "        self.\($0) = prompts[\"\($0)\"]\n" }.joined()
        return """
            from datetime import datetime
            from langchain.prompts import PromptTemplate, ChatPromptTemplate, MessagesPlaceholder, HumanMessagePromptTemplate
            from langchain.schema import SystemMessage


            def clock():
                return datetime.now().strftime("%Y-%m-%d %H:%M")


            class Companion:
                def __init__(self, prompts):
                    self.prompts = prompts
            \(reads.replacingOccurrences(of: "prompts[", with: "self.prompts["))
                def prompt(self):
                    system = PromptTemplate.from_template(self.prompts["\(keys[0])"], template_format="jinja2").format(
                        now=\(value)
                    )
                    messages = [
            \(layout)
                    ]
                    return ChatPromptTemplate.from_messages(messages=messages)
            """
    }

    private func findings(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }.sorted()
    }

    private var files: [String: String] {
        ["prompts/friend.yaml": persona("Ada"), "prompts/mentor.yaml": persona("Max"), "agents/companion.py": companion()]
    }

    func testTheClockSlotOfEveryFileWithTheKeysReadIsReportedBeforeTheConversation() throws {
        let found = try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path):\($0.line)" }.sorted(), ["prompts/friend.yaml:5", "prompts/mentor.yaml:5"])
        XCTAssertTrue(found.first?.message.contains("agents/companion.py line") == true, found.first?.message ?? "no finding")
    }

    func testAFileWithoutEveryKeyReadIsNotTheOneRendered() throws {
        var other = files
        other["prompts/researcher.yaml"] = persona("Rex").replacingOccurrences(of: "greeting:", with: "tool_intro:")
        XCTAssertEqual(try findings(other), ["prompts/friend.yaml:5", "prompts/mentor.yaml:5"])
    }

    func testOneKeyReadLinksNoFile() throws {
        var other = files
        other["agents/companion.py"] = companion(keys: ["persona"])
        XCTAssertEqual(try findings(other), [])
    }

    func testAConstantPassedForTheClockSlotIsQuiet() throws {
        var other = files
        other["agents/companion.py"] = companion(value: "\"the evening\"")
        XCTAssertEqual(try findings(other), [])
    }

    func testTheRenderedTextAfterTheConversationIsQuiet() throws {
        var other = files
        other["agents/companion.py"] = companion(messages: """
                    MessagesPlaceholder(variable_name="chat_history"),
                    SystemMessage(content=system),
            """)
        XCTAssertEqual(try findings(other), [])
    }
}
