/// Reads a coding agent's command file (a Claude Code slash command: Markdown in a `commands` folder,
/// optional YAML front matter, then the instructions). The front matter (`description`, `allowed-tools`,
/// `argument-hint`) is metadata the agent strips, not prompt text. In the body the agent substitutes, on
/// every invocation, `$ARGUMENTS` (also `$ARGUMENTS[N]`) and `$1`..`$9` (what the user typed after the command) and `` !`cmd` ``
/// (the output of a shell command it runs first): those are per-request slots, on the evidence of the
/// format itself. Nothing else is a placeholder (`{x}` in a command is literal text).
enum AgentCommandReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        let bytes = source.bytes
        return SubstitutionBody.read(source, format: format) { i, limit in
            guard let (end, isShell) = marker(bytes, i, limit: limit) else { return nil }
            let whole = source.string(i..<end)
            let name = isShell ? String(whole.dropFirst(2).dropLast()) : String(whole.dropFirst())
            let provenance = isShell
                ? (Self.readsCheckoutOnly(name)
                    ? SlotClass(volatility: .constant, kind: .value,
                                reason: "the output of a command that only reads the checkout's files (`\(name)`), the same at every invocation until they change")
                    : SlotClass(volatility: .perRequest, kind: .value,
                                reason: "the output of a shell command the agent runs at each invocation of the command"))
                : SlotClass(volatility: .perRequest, kind: .input,
                            reason: "the arguments typed after the command, substituted at each invocation")
            return SubstitutionBody.Marker(end: end, expression: name, variable: isShell ? nil : name, provenance: provenance)
        }
    }

    /// A skill that takes arguments (filled like a command), or Markdown in a `commands` folder that uses a
    /// command's substitutions or front matter.
    static func claims(_ file: FileCandidate) -> Bool {
        if file.name == AgentFileEvidence.skillFileName.lowercased() {
            return looksLikeCommand(file.text) && AgentFileEvidence.skillTakesArguments(file.text)
        }
        return file.ext == "md" && isInCommandsFolder(file.path) && looksLikeCommand(file.text)
    }

    /// True when a folder on `path` (above the file) is named `commands`, where coding agents keep their
    /// command files (`.claude/commands/x.md`, a plugin's `commands/x.md`, namespaced `commands/git/x.md`).
    static func isInCommandsFolder(_ path: String) -> Bool {
        path.split(separator: "/").dropLast().contains { $0.lowercased() == "commands" }
    }

    /// True when `text` uses a substitution only agent commands have (`$ARGUMENTS`, `$1`..`$9`,
    /// `` !`cmd` ``) or opens with front matter: with a `commands` folder on its path, a command file.
    static func looksLikeCommand(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.starts(with: Array("---\n".utf8)) || bytes.starts(with: Array("---\r\n".utf8)) { return true }
        var i = 0
        while i < bytes.count {
            if marker(bytes, i, limit: bytes.count) != nil { return true }
            i += 1
        }
        return false
    }

    /// Commands whose output is the content or listing of files: the same on every invocation while the
    /// checkout does not change (unlike `git log`, `git status`, `date` or a test run).
    private static let fileReadingCommands: Set<String> = [
        "ls", "cat", "head", "tail", "tree", "find", "wc", "grep", "rg", "echo", "sort", "uniq", "cut", "basename",
        "dirname", "realpath", "pwd",
    ]

    /// True when every step of a shell command (split at `|`, `&&`, `||` and `;`) starts with a file-reading
    /// command (`ls src/`, `cat package.json | head -35`, `ls x 2>/dev/null || echo none`).
    static func readsCheckoutOnly(_ command: String) -> Bool {
        var steps: [Substring] = [Substring(command)]
        for separator in ["&&", "||", "|", ";"] {
            steps = steps.flatMap { $0.components(separatedBy: separator).map { Substring($0) } }
        }
        return steps.allSatisfy { step in
            guard let word = step.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else { return false }
            return fileReadingCommands.contains(String(word))
        }
    }

    /// The end of a substitution starting at `i` and whether it is a shell command, or nil: `$ARGUMENTS`,
    /// `$1`..`$9` (not followed by a digit or name character), or `` !`cmd` `` on one line.
    private static func marker(_ bytes: [UInt8], _ i: Int, limit: Int) -> (Int, Bool)? {
        let b = bytes[i]
        if b == UInt8(ascii: "!") {
            guard i + 1 < limit, bytes[i + 1] == UInt8(ascii: "`") else { return nil }
            var j = i + 2
            while j < limit, bytes[j] != UInt8(ascii: "`"), bytes[j] != 0x0A { j += 1 }
            return j < limit && bytes[j] == UInt8(ascii: "`") && j > i + 2 ? (j + 1, true) : nil
        }
        guard b == UInt8(ascii: "$"), i + 1 < limit else { return nil }
        if i > 0, isNameByte(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: "$") { return nil }
        let next = bytes[i + 1]
        if next >= UInt8(ascii: "1") && next <= UInt8(ascii: "9") {
            return i + 2 < limit && isNameByte(bytes[i + 2]) ? nil : (i + 2, false)
        }
        let word = Array("ARGUMENTS".utf8)
        guard i + 1 + word.count <= limit, Array(bytes[(i + 1)..<(i + 1 + word.count)]) == word else { return nil }
        var end = i + 1 + word.count
        if end < limit, isNameByte(bytes[end]) { return nil }
        // `$ARGUMENTS[0]`: one argument by index (skills and commands).
        if end + 2 < limit, bytes[end] == UInt8(ascii: "[") {
            var j = end + 1
            while j < limit, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9") { j += 1 }
            if j > end + 1, j < limit, bytes[j] == UInt8(ascii: "]") { end = j + 1 }
        }
        return (end, false)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == UInt8(ascii: "_") || (b >= 0x30 && b <= 0x39)
    }
}
