import XCTest

@testable import PromptLint

/// Classes of construct behind misses of source-holdout14 (session 20, issue 13): a message list a helper
/// builds with `append`/`extend` and returns (retrieved passages first, then the agent prompt, then the
/// conversation); a system text joined from parts, whose retrieved memories come before the recent turns
/// it embeds; and a count of the conversation's rounds inside a prompt built in one module and sent, through
/// the other module's request wrapper, before the conversation. Each with near misses that stay clean.
final class SourceAppendedListTests: XCTestCase {
    /// `path@line` of the PL001 findings of `promptlint check` (default profile) on a folder holding `text` as `app.py`.
    private func lines(_ text: String) throws -> [String] {
        try SourceTest.folderFindings(["app.py": text]).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }.sorted()
    }

    /// A LiteLLM assistant whose `_compose` helper fills `out` with `parts` (Python statements, one per line,
    /// indented for the helper's body) and returns it; `answer` sends what it returns.
    private func composer(_ parts: String) -> String {
        """
        import litellm

        RULES = \"\"\"\(SourceTest.notedPolicy)\"\"\"


        class Assistant:
            async def answer(self, model, history, persona, question, passages=None):
                request = self._compose(history, persona, question, passages)
                result = await litellm.acompletion(model=model, messages=request)
                return result.choices[0].message.content

            def _compose(self, history, persona, question, passages=None):
                out = []
                extra = "Reference notes for this question:\\n\\n"
                for note in passages or []:
                    extra += f"## {note.title}\\n{note.body}\\n\\n"
        \(parts)
                return out
        """
    }

    func testRetrievedPassagesAppendedBeforeTheConversationAreFoundWhereTheLoopAddsThem() throws {
        let text = composer("""
                    out.append({"role": "system", "content": extra})
                    out.append({"role": "system", "content": persona + RULES})
                    out.extend(history)
                    out.append({"role": "user", "content": question})
            """)
        XCTAssertEqual(try lines(text), ["app.py@16"])
    }

    func testFewShotPairsAppendedInALoopKeepTheSystemMessagesBeforeThem() throws {
        // Example pairs replayed in a loop read as turns; the retrieved system message before them still opens the list.
        let text = composer("""
                    out.append({"role": "system", "content": extra})
                    out.append({"role": "system", "content": persona + RULES})
                    for pair in persona.examples:
                        out.append({"role": "user", "content": pair.question})
                        out.append({"role": "assistant", "content": pair.answer})
                    out.extend(history)
            """)
        XCTAssertEqual(try lines(text), ["app.py@16"])
    }

    func testRetrievedPassagesOnlyInTheNewestUserMessageAreClean() throws {
        // The list gets the static prompt, the conversation, and last the question with its passages.
        let text = composer("""
                    out.append({"role": "system", "content": persona + RULES})
                    out.extend(history)
                    out.append({"role": "user", "content": question + "\\n\\n" + extra})
            """)
        XCTAssertEqual(try lines(text), [])
    }

    func testRetrievedPassagesAfterAllStaticTextWithNoConversationAreClean() throws {
        let text = composer("""
                    out.append({"role": "system", "content": RULES + "\\n\\n" + extra})
                    out.append({"role": "user", "content": question})
            """)
        XCTAssertEqual(try lines(text), [])
    }

    /// A digital-twin builder: the system text is the owner line, the memories retrieved for this message,
    /// then (with `recent`) the recent turns, then rules, joined from a list of parts; `payload` returns it
    /// with the new message.
    private func twin(withRecentTurns recent: Bool) -> String {
        """
        RULES = \"\"\"\(SourceTest.notedPolicy)\"\"\"


        class TwinPrompt:
            def _recall(self, memories):
                if not memories:
                    return "Nothing relevant comes to mind."
                lines = ["Things you remember:"]
                for i, m in enumerate(memories, start=1):
                    lines.append(f"{i}. {m.get('question', '')} -> {m.get('answer', '')}")
                return "\\n".join(lines)

            def _recent(self, earlier_messages):
                lines = ["Recent exchange:"]
                for t in earlier_messages[-8:]:
                    lines.append(f"{t['role']}: {t['content']}")
                return "\\n".join(lines)

            def system_text(self, owner, memories, earlier_messages=None):
                parts = [f"You speak for {owner}.", self._recall(memories)]
        \(recent ? "        if earlier_messages:\n            parts.append(self._recent(earlier_messages))" : "")
                parts.append(RULES)
                return "\\n\\n".join(parts)

            def payload(self, owner, memories, text, earlier_messages=None):
                return [
                    {"role": "system", "content": self.system_text(owner, memories, earlier_messages)},
                    {"role": "user", "content": text},
                ]
        """
    }

    func testRetrievedMemoriesBeforeTheRecentTurnsOfTheSameSystemTextAreFound() throws {
        XCTAssertEqual(try lines(twin(withRecentTurns: true)), ["app.py@10"])
    }

    func testRetrievedMemoriesFollowedOnlyByShortRulesAreClean() throws {
        // No conversation after the memories, and the rules after them are under the threshold.
        XCTAssertEqual(try lines(twin(withRecentTurns: false)), [])
    }

    /// A role-play coach: `coach/prompt.py` builds the system prompt with `value` in its rules section, and
    /// `coach/service.py` sends it through its own retry wrapper before the stored conversation.
    private func coach(_ value: String) -> [String: String] {
        [
            "coach/prompt.py": """
                SCORING = \"\"\"\(SourceTest.notedPolicy)\"\"\"


                class CoachPrompt:
                    def _rules(self, course, round_count, max_rounds=5):
                        return f\"\"\"Conversation rules
                1. Play the applicant and ask the trainee about the job.
                2. \(value)
                3. End early only when the trainee is rude.\"\"\"

                    def build_system_prompt(self, course, round_count: int = 0) -> str:
                        sections = ["You are a role-play partner for new recruiters.", self._rules(course, round_count), SCORING]
                        return "\\n\\n---\\n\\n".join([s for s in sections if s])
                """,
            "coach/service.py": """
                import anthropic

                from coach.prompt import CoachPrompt


                class CoachService:
                    def __init__(self):
                        self.client = anthropic.Anthropic()
                        self.builder = CoachPrompt()

                    def _send(self, **kwargs):
                        for attempt in range(3):
                            try:
                                return self.client.messages.create(**kwargs)
                            except anthropic.APIStatusError:
                                continue

                    def reply(self, course, text, round_count=0, history=None):
                        system_prompt = self.builder.build_system_prompt(course, round_count=round_count)
                        messages = list(history or [])
                        messages.append({"role": "user", "content": text})
                        response = self._send(model="claude-sonnet-4-5", max_tokens=800, system=system_prompt, messages=messages)
                        return response.content[0].text
                """,
        ]
    }

    func testACountOfTheRoundsPlayedBeforeTheConversationIsFoundInTheBuildersModule() throws {
        let found = try SourceTest.folderFindings(coach("Rounds played so far: {round_count}"))
            .filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
        XCTAssertEqual(found, ["coach/prompt.py@8"])
    }

    func testAConfiguredBoundOnTheRoundsIsClean() throws {
        // `max_rounds` is a setting, the same on every turn.
        let found = try SourceTest.folderFindings(coach("Give the final score after {max_rounds} rounds."))
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, [])
    }

    func testCountersOfTheConversationAreToldFromConfiguredCounts() {
        for name in ["round_count", "turn_number", "turnIndex", "rounds_played"] {
            XCTAssertTrue(SlotClassifier.countsConversation(name), name)
        }
        for name in ["max_rounds", "num_turns", "rounds", "turn", "max_turn_count", "return_count"] {
            let reason = SlotClassifier().nameClass(of: name)?.reason ?? ""
            XCTAssertFalse(reason.contains("counts the conversation's rounds"), name)
        }
    }
}
