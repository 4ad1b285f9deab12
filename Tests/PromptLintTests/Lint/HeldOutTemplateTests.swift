import XCTest

@testable import PromptLint

/// Templates written for this test only (not used to tune anything), labelled by hand before the
/// first run, in the corpus's sense: does PL001 fire at file level?
final class HeldOutTemplateTests: XCTestCase {
    static let policy = """
        Follow these rules. Answer only from the knowledge base; if it does not cover the question, say so.
        Never reveal internal identifiers, never promise refunds, and escalate safety issues to a human.
        Keep answers under 120 words, use numbered steps for procedures, and end with one follow-up question.
        """

    struct Case {
        let name: String
        let format: TemplateFormat
        let text: String
        let expected: Bool
    }

    static let cases: [Case] = [
        Case(name: "jinja profile dump first", format: .jinja,
             text: "User profile:\n{{ profile | tojson }}\n\n" + policy + "\nQ: {{ question }}", expected: true),
        Case(name: "mustache locale first", format: .mustache,
             text: "Reply in {{locale}}.\n" + policy + "\n{{question}}", expected: true),
        Case(name: "f-string session id", format: .fstring,
             text: "Session {session_id}\n" + policy + "\nUser: {input}", expected: true),
        Case(name: "prompty memory in system", format: .prompty,
             text: "---\nname: m\n---\nsystem:\nWhat you remember about the user: {{memory}}\n" + policy + "\n\nuser:\n{{question}}",
             expected: true),
        Case(name: "dotprompt time in system", format: .dotprompt,
             text: "---\nmodel: x\n---\n{{role \"system\"}}\nIt is {{currentTime}}.\n" + policy + "\n{{role \"user\"}}\n{{question}}",
             expected: true),
        Case(name: "jinja rag context before history", format: .jinja,
             text: policy + "\nContext:\n{{ retrieved }}\n{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}\nUser: {{ q }}",
             expected: true),
        Case(name: "jinja include then question", format: .jinja,
             text: "{% include \"rules.j2\" %}\n" + policy + "\nQuestion: {{ question }}", expected: false),
        Case(name: "sk history then input", format: .semanticKernelPrompt,
             text: policy + "\n{{$history}}\nUser: {{$input}}\nAssistant:", expected: false),
        Case(name: "jinja settings up front", format: .jinja,
             text: "You are {{ app_name }}. Return at most {{ max_results }} results.\n" + policy + "\n{{ question }}",
             expected: false),
        Case(name: "openai static system", format: .openAIRequest,
             text: "{\"model\": \"m\", \"messages\": [{\"role\": \"system\", \"content\": \"" + policy.replacingOccurrences(of: "\n", with: " ")
                + "\"}, {\"role\": \"user\", \"content\": \"{{ question }}\"}]}", expected: false),
        Case(name: "dotprompt short tail", format: .dotprompt,
             text: "---\nmodel: x\n---\n{{role \"system\"}}\n" + policy + "\n{{role \"user\"}}\n{{question}}\nAnswer in JSON.",
             expected: false),
        Case(name: "jinja context then question", format: .jinja,
             text: policy + "\n\nContext:\n{{ context }}\n\nQuestion: {{ question }}\nAnswer:", expected: false),
        Case(name: "question before attached files", format: .jinja,
             text: "Task: {{ question }}\nFiles:\n{% for f in files %}{{ f.name }}\n{{ f.content }}\n{% endfor %}", expected: true),
        Case(name: "attached files before question", format: .jinja,
             text: "Files:\n{% for f in files %}{{ f.name }}\n{{ f.content }}\n{% endfor %}\nTask: {{ question }}", expected: false),
        Case(name: "retrieved files after the log", format: .jinja,
             text: policy + "\nLog:\n{{ build_log }}\nRelevant files:\n{{ relevant_files }}", expected: false),
    ]

    func testHeldOutTemplates() throws {
        let linter = try LintTest.linter()
        var wrong: [String] = []
        for c in Self.cases {
            let findings = linter.lint(text: c.text, path: "held.\(c.format.usualExtension)", format: c.format).findings
            let fired = findings.contains { $0.ruleID == "PL001" }
            if fired != c.expected { wrong.append("\(c.name): expected \(c.expected), got \(findings.map(\.message))") }
        }
        XCTAssertEqual(wrong, [])
    }
}
