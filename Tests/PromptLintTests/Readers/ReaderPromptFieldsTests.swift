import XCTest

@testable import PromptLint

/// Prompts held in the fields of YAML and JSON data files (`prompt-fields`).
final class ReaderPromptFieldsTests: XCTestCase {
    static let agents = """
        WINDOW: 100
        agents:
          - name: planner
            instruction_template: |
              Current time: {environment_context}
              Look at the last {WINDOW} events and plan the next step for the team.
          - name: coder
            system_prompt: "You write code for {language} projects. Always add tests."
        tasks:
          - content: |
              Summarize the following document in {{ max_words }} words: {{ document }}
        """

    func testYAMLWithPromptKeysIsDetectedAsPromptFields() {
        XCTAssertEqual(TemplateReading.detectFormat(path: "agents.yaml", text: Self.agents), .promptFields)
        XCTAssertEqual(TemplateReading.detectFormat(path: "ci.yml", text: "on: push\njobs:\n  build:\n    runs-on: x\n"), .plainText)
        XCTAssertEqual(TemplateReading.detectFormat(path: "p.json", text: #"[{"id": 1, "prompt": "Tell me about {topic} in two lines."}]"#),
                       .promptFields)
    }

    func testEachFieldIsItsOwnPromptWithPositionsInTheFile() {
        let t = ReaderTest.read(Self.agents, path: "agents.yaml")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertEqual(t.messages.map(\.promptIndex), [0, 1, 2])
        XCTAssertEqual(t.messages.map(\.role), [.system, .system, .unknown])
        XCTAssertEqual(PromptLinter.requests(in: t).count, 3)
        let slots = t.slots
        XCTAssertEqual(slots.map(\.source), ["{environment_context}", "{WINDOW}", "{language}", "{{ max_words }}", "{{ document }}"])
        // Line 5 is `      Current time: {environment_context}`: the slot starts at column 21.
        XCTAssertEqual(slots[0].position.line, 5)
        XCTAssertEqual(slots[0].position.column, 21)
        XCTAssertEqual(slots[2].position.line, 8)
        XCTAssertTrue(ReaderTest.text(t.messages[0]).contains("plan the next step"))
        XCTAssertFalse(ReaderTest.text(t.messages[0]).contains("name:"), "YAML keys are not prompt text")
    }

    func testAConstantSetInTheFileResolvesTheSlotWithItsLine() throws {
        let t = ReaderTest.read(Self.agents, path: "agents.yaml")
        let window = try XCTUnwrap(t.slots.first { $0.source == "{WINDOW}" })
        XCTAssertEqual(window.provenance?.volatility, .constant)
        XCTAssertEqual(window.provenance?.reason, "`WINDOW` is set to `100` in this file (line 1)")
        XCTAssertNil(t.slots.first { $0.source == "{language}" }?.provenance)
    }

    func testVariablesOfASiblingListItemDoNotResolveAnotherItem() {
        let yaml = """
            prompts:
              - prompt: "Answer the question {question} in one short paragraph please."
            tests:
              - vars:
                  question: "What is two plus two?"
            """
        let t = ReaderTest.read(yaml, path: "promptfooconfig.yaml")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertEqual(t.slots.map(\.source), ["{question}"])
        XCTAssertNil(t.slots[0].provenance, "test-case vars are samples, not constants")
    }

    func testMessageListsAndRoleObjectsAreOnePromptEach() {
        let yaml = """
            - name: review
              messages:
                - role: system
                  content: "You review pull requests for style and correctness, briefly."
                - role: user
                  content: "{{ diff }}"
            - name: chat
              prompt:
                system: "You are a friendly assistant who answers in one sentence."
                user: "{question}"
            """
        let t = ReaderTest.read(yaml, path: "tasks.yaml")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertEqual(t.messages.map(\.promptIndex), [0, 0, 1, 1])
        XCTAssertEqual(t.messages.map(\.role), [.system, .user, .system, .user])
        XCTAssertEqual(t.slots.map(\.source), ["{{ diff }}", "{question}"])
    }

    func testCrewAIAgentsAndTasksAreOnePromptEach() {
        let agents = """
            researcher:
              role: >
                {topic} Senior Data Researcher
              goal: >
                Uncover cutting-edge developments in {topic}
              backstory: >
                You're a seasoned researcher with a knack for uncovering the latest developments.
              verbose: true
            reporting_analyst:
              role: Reporting Analyst
              goal: Create detailed reports based on {topic} data analysis and research findings
              backstory: You're a meticulous analyst with a keen eye for detail.
            """
        let t = ReaderTest.read(agents, path: "config/agents.yaml")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertEqual(t.messages.map(\.promptIndex), [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(Set(t.messages.map(\.role)), [.system])
        XCTAssertEqual(t.slots.map(\.source), ["{topic}", "{topic}", "{topic}"])
        let tasks = "research_task:\n  description: Research {topic} thoroughly and list ten findings.\n  expected_output: A list of ten bullet points.\n"
        let r = ReaderTest.read(tasks, path: "config/tasks.yaml")
        XCTAssertEqual(r.format, .promptFields)
        XCTAssertEqual(r.messages.map(\.role), [.user, .user])
    }

    func testJSONFieldsMapPositionsThroughEscapes() throws {
        let json = #"{"name": "x", "system_prompt": "Line one.\nIt is {{ now() }} and you help with billing questions."}"#
        let t = ReaderTest.read(json, path: "agent.json")
        XCTAssertEqual(t.format, .promptFields)
        let slot = try XCTUnwrap(t.slots.first)
        XCTAssertEqual(slot.source, "{{ now() }}")
        let file = Array(json.utf8)
        XCTAssertEqual(String(decoding: file[slot.position.offset..<(slot.position.offset + 11)], as: UTF8.self), "{{ now() }}")
    }

    func testFStringFieldProblemsAreNotParseErrors() {
        let yaml = "summary_prompt: |\n  Summarize {text} as JSON like {\"title\": ...} please, briefly and clearly.\n"
        let t = ReaderTest.read(yaml, path: "p.yaml")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertTrue(t.issues.isEmpty, "\(t.issues)")
    }

    func testTheConstantMakesNoFindingWhileTheTimestampDoes() throws {
        let policy = String(repeating: "Check every step against the written policy before you act on it. ", count: 6)
        let yaml = """
            WINDOW: 100
            planner_prompt: |
              Events in window: {WINDOW}
              \(policy)
            reporter_prompt: |
              Generated at {{ now() }}.
              \(policy)
            """
        let findings = try LintTest.linter().lint(text: yaml, path: "agents.yaml").findings.filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map(\.line), [6])
        XCTAssertEqual(findings.first?.severity, .warning, "`now()` is evidence, not a name guess")
    }
}
