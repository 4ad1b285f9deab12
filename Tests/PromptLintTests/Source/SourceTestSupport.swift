import Foundation

@testable import PromptLint

enum SourceTest {
    /// Static instructions long enough to be worth caching after a slot.
    static let policy = "You are a support agent for Acme Cloud. Answer in a friendly, concise tone. Never reveal internal "
        + "ticket numbers. Always cite the knowledge-base article you used, and escalate billing disputes to a human "
        + "agent instead of promising refunds."

    /// Static text under PL001's 512-token threshold but over half of it: a per-session or per-day value
    /// before it is noted (`info`); before a shorter tail it would not be.
    static let nearThresholdPolicy = String(repeating: policy + " ", count: 8)

    /// Twenty lines of `policy` (over 1,000 static tokens): instructions long enough that a value before them is
    /// a warning under the default threshold.
    static let longRules = String(repeating: policy + "\n", count: 20)

    /// About 300 static tokens: over `min_static_tokens_after_traced` (256), so a value shown to change per
    /// request before it is noted (`info`), and far enough under the 512-token threshold that a value judged
    /// by its name alone before it is not reported at all.
    static let notedPolicy = String(repeating: policy + " ", count: 5)

    /// A Python entry point appended to a file whose prompt is built at module level: the module is a
    /// short-lived program, so values it reads at import differ per run (`SourceLifetime`).
    static let scriptMain = "\nif __name__ == \"__main__\":\n    main()\n"
    /// The same for a script module (it reads its command line).
    static let scriptArgv = "\nmain(process.argv);\n"

    /// A Python module whose `reply(history)` sends the constant `name` (the triple-quoted `system`, which may
    /// hold `\(...)` text of the caller) as the system message before the conversation.
    static func pythonSystemBeforeHistory(_ system: String, name: String = "SYSTEM") -> String {
        """
        from openai import OpenAI

        client = OpenAI()
        \(name) = \"\"\"\(system)\"\"\"


        def reply(history):
            return client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": \(name)}] + history)
        """
    }

    /// `RULE@line:column` for each finding of `text` read as the file `path`.
    ///
    /// Lints under `LintTest.strictConfiguration`, not the default profile: per-user values and values judged by
    /// their name alone are reported here although `promptlint check` with no configuration keeps them quiet
    /// (use `folderFindings` to see what a user's default run reports).
    static func findings(_ text: String, path: String = "app.py") throws -> [String] {
        let linter = try LintTest.linter()
        return linter.lint(text: text, path: path, format: nil).findings
            .filter { ["PL001", "PL002", "PL007", "PL008"].contains($0.ruleID) }
            .map { "\($0.ruleID)@\($0.line):\($0.column)" }
    }

    /// `RULE@line` for each finding of `text` read as the file `path` (`findings` without the column; the strict
    /// profile, as `findings`).
    static func findingLines(_ text: String, path: String = "app.py") throws -> [String] {
        try findings(text, path: path).map { $0.split(separator: ":").first.map(String.init) ?? "" }
    }

    /// The template read from `text` as the file `path`.
    static func read(_ text: String, path: String = "app.py") -> PromptTemplate {
        TemplateReading.read(path: path, text: text)
    }

    /// The findings of `promptlint check .` on a fresh folder holding `files` (relative path → text).
    static func folderFindings(_ files: [String: String]) throws -> [Finding] {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in files { try LintTest.write(text, name, in: dir) }
        let runner = LintRunner(ruleDirectories: [], configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        return try runner.run(["."]).findings
    }
}
