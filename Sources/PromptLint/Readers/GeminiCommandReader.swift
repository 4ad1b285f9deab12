import Foundation

/// Reads a Gemini CLI custom command: a TOML file (`.gemini/commands/x.toml`, namespaced by its folders:
/// `git/commit.toml` is `/git:commit`) with a `prompt` string, usually a multi-line `"""` string, and an
/// optional `description`. The prompt is the user's turn of the invocation; `description` is metadata.
///
/// Gemini CLI substitutes, at every invocation (Gemini CLI documentation, "Custom commands"):
/// `{{args}}` (the text typed after the command), `!{command}` (the output of a shell command it runs,
/// braces inside balanced; the command may read environment variables, as CI workflows that set
/// `$PULL_REQUEST_NUMBER` and run the command do) and `@{path}` (the content of a file or folder, read
/// when the command runs). Nothing else is a placeholder: the braces of jq, JSON or code in the text are
/// literal, so the file never fails to parse.
///
/// What the values are: `{{args}}` and a shell command's output are per request, except a command that
/// only reads the checkout (`!{cat package.json}`, as for Claude Code commands) or echoes a variable that
/// names the repository or the triggering event type (`!{echo $REPOSITORY}`). A `@{path}` is read like an
/// included partial: a file the repository holds (a style guide) is the same at every invocation until
/// the checkout changes, so its text counts as static text; a file the repository does not hold is
/// written before each run (a CI step's `.gemini/context.json` with the issue to handle), so it is a
/// per-run value. A folder (`@{src/}`) is the checkout's content: constant.
enum GeminiCommandReader {
    /// The keys a Gemini CLI command file may have.
    static let commandKeys: Set<String> = ["prompt", "description"]

    /// A Gemini CLI command: a `.toml` whose top-level `prompt` is a string, in a `commands` folder of
    /// `.gemini` (the documented place), or anywhere when its keys are only `prompt` and `description`
    /// and either it sits in a `commands` folder or its prompt uses a substitution (`{{args}}`, `!{`, `@{`).
    static func claims(_ file: FileCandidate) -> Bool { isCommand(path: file.path, text: file.text) }

    /// See `claims`.
    static func isCommand(path: String, text: String) -> Bool {
        let lower = "/" + path.lowercased()
        guard lower.hasSuffix(".toml") else { return false }
        let source = SourceText(String(text.prefix(262_144)))
        let keys = TOMLTopLevel.keys(source)
        guard let prompt = keys.first(where: { $0.key == "prompt" }), prompt.isString else { return false }
        if lower.contains("/.gemini/commands/") { return true }
        guard Set(keys.map(\.key)).isSubset(of: commandKeys), keys.count == Set(keys.map(\.key)).count else { return false }
        if AgentCommandReader.isInCommandsFolder(path) { return true }
        let bytes = source.bytes
        var i = prompt.value.lowerBound
        while i < prompt.value.upperBound {
            if marker(bytes, i, limit: prompt.value.upperBound) != nil { return true }
            i += 1
        }
        return false
    }

    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        let keys = TOMLTopLevel.keys(source)
        var metadata: [String: String] = [:]
        for key in keys where key.isString && key.key != "prompt" {
            metadata[key.key] = source.string(key.value)
        }
        guard let prompt = keys.first(where: { $0.key == "prompt" && $0.isString }) else {
            var sink = TemplateSink(defaultRole: .user)
            return sink.template(source, format: format, metadata: metadata)
        }
        let bytes = source.bytes
        return SubstitutionBody.read(source, body: prompt.value, metadata: metadata, format: format) { i, limit in
            guard let (end, kind) = marker(bytes, i, limit: limit) else { return nil }
            let whole = source.string(i..<end)
            switch kind {
            case .arguments:
                return SubstitutionBody.Marker(
                    end: end, expression: "args", variable: "args",
                    provenance: SlotClass(volatility: .perRequest, kind: .input,
                                          reason: "the arguments typed after the command, substituted by Gemini CLI at each invocation"))
            case .shell:
                let command = String(whole.dropFirst(2).dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
                return SubstitutionBody.Marker(end: end, expression: command, variable: nil, provenance: shellProvenance(command))
            case .file:
                let path = String(whole.dropFirst(2).dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
                return fileMarker(path, end: end)
            }
        }
    }

    /// What a `!{command}` yields.
    static func shellProvenance(_ command: String) -> SlotClass {
        if command.contains("{{args}}") {
            return SlotClass(volatility: .perRequest, kind: .input,
                             reason: "the output of a shell command given the arguments typed after the command, run by Gemini CLI at each invocation")
        }
        let variables = environmentVariables(command)
        if !variables.isEmpty {
            if variables.allSatisfy({ constantVariables.contains($0) }), AgentCommandReader.readsCheckoutOnly(command) {
                return SlotClass(volatility: .constant, kind: .value,
                                 reason: "the environment variable \(variables.map { "`$\($0)`" }.joined(separator: ", ")) names the repository or the kind of event, the same for every run of one kind")
            }
            return SlotClass(volatility: .perRequest, kind: .input,
                             reason: "`\(command)` at each invocation: the environment of the run, which a CI workflow sets from the triggering event")
        }
        if AgentCommandReader.readsCheckoutOnly(command) {
            return SlotClass(volatility: .constant, kind: .value,
                             reason: "the output of a command that only reads the checkout's files (`\(command)`), the same at every invocation until they change")
        }
        return SlotClass(volatility: .perRequest, kind: .value,
                         reason: "the output of a shell command Gemini CLI runs at each invocation of the command (`\(command)`)")
    }

    /// Environment variables that name the repository, its host or the kind of triggering event: the same
    /// for every run of one kind (a handful of event kinds are a handful of cacheable variants).
    static let constantVariables: Set<String> = [
        "REPOSITORY", "REPO", "REPO_NAME", "REPOSITORY_NAME", "REPO_OWNER", "OWNER", "GITHUB_REPOSITORY",
        "GITHUB_REPOSITORY_OWNER", "GITHUB_SERVER_URL", "GITHUB_API_URL", "GITHUB_WORKSPACE", "GITHUB_WORKFLOW",
        "EVENT_NAME", "GITHUB_EVENT_NAME", "HOME", "PWD",
    ]

    /// The `$NAME` and `${NAME}` variables a shell command reads.
    static func environmentVariables(_ command: String) -> [String] {
        let bytes = Array(command.utf8)
        var names: [String] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "$") else {
                i += 1
                continue
            }
            var j = i + 1
            let braced = j < bytes.count && bytes[j] == UInt8(ascii: "{")
            if braced { j += 1 }
            let start = j
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            if j > start, !(bytes[start] >= 0x30 && bytes[start] <= 0x39) {
                names.append(String(decoding: bytes[start..<j], as: UTF8.self))
            }
            i = max(j, i + 1)
        }
        return names
    }

    /// The marker for `@{path}`: the file, read like a partial (see the type's description).
    private static func fileMarker(_ path: String, end: Int) -> SubstitutionBody.Marker {
        let quoted = "`\(path)`"
        if path.contains("{{args}}") {
            return SubstitutionBody.Marker(
                end: end, expression: "@" + path, variable: nil,
                provenance: SlotClass(volatility: .perRequest, kind: .input,
                                      reason: "the content of a file named by the arguments typed after the command (\(quoted))"))
        }
        if LineIncludes.importedName("@" + path) == nil {
            return SubstitutionBody.Marker(
                end: end, expression: "@" + path, variable: nil,
                provenance: SlotClass(volatility: .constant, kind: .value,
                                      reason: "the files of the checkout at \(quoted), the same at every invocation until they change"))
        }
        return SubstitutionBody.Marker(
            end: end, expression: "@" + path, variable: nil,
            provenance: SlotClass(volatility: .perRequest, kind: .input,
                                  reason: "the content of \(quoted), which the repository does not hold: written before each run (a CI step's context file) and read by Gemini CLI at each invocation"),
            isInclude: true)
    }

    enum Kind { case arguments, shell, file }

    /// A substitution starting at `i`: `{{args}}`, or `!{…}`/`@{…}` with balanced braces inside (at most
    /// 4,000 bytes), and where it ends.
    static func marker(_ bytes: [UInt8], _ i: Int, limit: Int) -> (Int, Kind)? {
        let b = bytes[i]
        if b == UInt8(ascii: "{") {
            let word = Array("{{args}}".utf8)
            guard i + word.count <= limit, bytes[i..<(i + word.count)].elementsEqual(word) else { return nil }
            return (i + word.count, .arguments)
        }
        guard b == UInt8(ascii: "!") || b == UInt8(ascii: "@"), i + 2 < limit, bytes[i + 1] == UInt8(ascii: "{") else {
            return nil
        }
        var depth = 1
        var j = i + 2
        while j < limit, j - i < 4_000 {
            if bytes[j] == UInt8(ascii: "{") { depth += 1 }
            if bytes[j] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { break }
            }
            j += 1
        }
        guard j < limit, depth == 0, j > i + 2 else { return nil }
        return (j + 1, b == UInt8(ascii: "!") ? .shell : .file)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == UInt8(ascii: "_") || (b >= 0x30 && b <= 0x39)
    }
}
