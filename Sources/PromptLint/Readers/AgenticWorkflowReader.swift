import Foundation

/// Reads a GitHub agentic workflow (gh-aw): a Markdown file in `.github/workflows` whose YAML front matter
/// has an `on:` trigger (compiled by `gh aw compile` into a GitHub Actions `*.lock.yml` beside it, which
/// stays a CI file) and whose Markdown body is the prompt an AI agent receives at each run.
///
/// In the body gh-aw substitutes GitHub Actions expressions `${{ … }}` when the workflow runs; it allows
/// only some there (gh-aw documentation, "Templating", section "GitHub Actions Expressions", and
/// "Workflow Structure": https://github.github.io/gh-aw/reference/templating). Per run: `github.event.*`
/// (the triggering issue or pull request), `github.run_id`/`github.run_number`, `steps.*` and `needs.*`
/// outputs; per actor: `github.actor`; the same for every run: `github.repository`, `github.owner`,
/// `github.server_url`, `github.workspace`, `github.workflow`, `github.job`, and `vars.*`, `secrets.*`,
/// `env.*` (configuration). Anything else is of unknown provenance. Expressions in the front matter are
/// workflow configuration, not prompt text.
enum AgenticWorkflowReader {
    /// True when `file` is an agentic workflow: a `.md` file directly in a `.github/workflows` folder
    /// whose front matter sets an `on:` trigger.
    static func claims(_ file: FileCandidate) -> Bool { isWorkflow(path: file.path, text: file.text) }

    /// See `claims`.
    static func isWorkflow(path: String, text: String) -> Bool {
        let lower = "/" + path.lowercased()
        guard lower.hasSuffix(".md"), let folder = lower.range(of: "/.github/workflows/", options: .backwards),
            !lower[folder.upperBound...].contains("/")
        else { return false }
        return hasTrigger(text)
    }

    /// True when the text opens with front matter (a first line `---`) that has a top-level `on:` key
    /// before its closing `---` (or the end of `text`, which may be only the file's head).
    static func hasTrigger(_ text: String) -> Bool {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard lines.next()?.trimmingCharacters(in: .whitespacesAndNewlines) == "---" else { return false }
        while let line = lines.next() {
            if line.trimmingCharacters(in: .whitespacesAndNewlines) == "---" { return false }
            if line.hasPrefix("on:") || line.hasPrefix("\"on\":") || line.hasPrefix("'on':") { return true }
        }
        return false
    }

    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        let bytes = source.bytes
        return SubstitutionBody.read(source, format: format) { i, limit in
            guard bytes[i] == UInt8(ascii: "$"), let (end, expression) = expression(bytes, at: i, limit: limit) else { return nil }
            return SubstitutionBody.Marker(end: end, expression: expression, variable: expression,
                                           provenance: provenance(of: expression))
        }
    }

    /// Context values that are the same for every run of the workflow in one repository.
    static let repositoryContext: Set<String> = [
        "github.repository", "github.owner", "github.repository_owner", "github.server_url", "github.workspace",
        "github.workflow", "github.job", "github.api_url", "github.graphql_url",
    ]

    /// What fills the expression, or nil when gh-aw's rules do not say (then it is classified like any slot).
    static func provenance(of expression: String) -> SlotClass? {
        let name = expression.trimmingCharacters(in: .whitespaces)
        let quoted = "`${{ \(name) }}`"
        if name.hasPrefix("github.event.") || name.hasPrefix("inputs.") {
            return SlotClass(volatility: .perRequest, kind: .input,
                             reason: "the event that triggered the run (\(quoted)), substituted by gh-aw at each run")
        }
        if name.hasPrefix("steps.") || name.hasPrefix("needs.") || name == "github.run_id" || name == "github.run_number"
            || name == "github.run_attempt"
        {
            return SlotClass(volatility: .perRequest, kind: .value,
                             reason: "a value of this run (\(quoted)), substituted by gh-aw at each run")
        }
        if name == "github.actor" || name == "github.triggering_actor" {
            return SlotClass(volatility: .perUser, kind: .value,
                             reason: "the user who triggered the run (\(quoted))")
        }
        if repositoryContext.contains(name) || name.hasPrefix("vars.") || name.hasPrefix("secrets.") || name.hasPrefix("env.") {
            return SlotClass(volatility: .constant, kind: .value,
                             reason: "repository context or configuration (\(quoted)), the same for every run")
        }
        return nil
    }

    /// `${{ … }}` on one line starting at `i`: its end and the expression inside, trimmed.
    private static func expression(_ bytes: [UInt8], at i: Int, limit: Int) -> (Int, String)? {
        guard i + 3 < limit, bytes[i + 1] == UInt8(ascii: "{"), bytes[i + 2] == UInt8(ascii: "{") else { return nil }
        var j = i + 3
        while j + 1 < limit, j - i < 300, bytes[j] != 0x0A, !(bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}")) {
            j += 1
        }
        guard j + 1 < limit, bytes[j] == UInt8(ascii: "}"), bytes[j + 1] == UInt8(ascii: "}") else { return nil }
        let inner = String(decoding: bytes[(i + 3)..<j], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return inner.isEmpty ? nil : (j + 2, inner)
    }
}
