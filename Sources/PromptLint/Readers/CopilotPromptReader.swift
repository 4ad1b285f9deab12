/// Reads a VS Code Copilot prompt file (`*.prompt.md`, usually in `.github/prompts`): optional YAML front
/// matter (`description`, `agent`/`mode`, `model`, `tools`), metadata the editor strips, then the prompt,
/// which becomes the user's turn when the prompt is run as a slash command.
///
/// In the body the editor substitutes its own variables (VS Code documentation, "Use prompt files in VS
/// Code", section "Variables"): `${input:name}` and `${input:name:placeholder}` (typed by the user),
/// `${selection}`/`${selectedText}` and `${file}`, `${fileBasename}`, `${fileDirname}`,
/// `${fileBasenameNoExtension}` (the editor's state at each run), `${workspaceFolder}` and
/// `${workspaceFolderBasename}` (the same for every run in a workspace: constant). Nothing else is a placeholder: `{x}` and a
/// code sample's `${name}` are literal text.
enum CopilotPromptReader {
    /// The file name suffix of prompt files.
    static let fileSuffix = ".prompt.md"

    /// A Copilot prompt file (see `isPromptFile`).
    static func claims(_ file: FileCandidate) -> Bool { isPromptFile(path: file.path, text: file.text) }

    /// True when the file at `path` with the text `text` is a Copilot prompt file: a `*.prompt.md` in a
    /// `.github/prompts` folder (where VS Code looks for them), or one anywhere that uses an editor
    /// variable. Other `*.prompt.md` files (a project's own naming for prompts its code fills) are read by
    /// content like any Markdown file.
    static func isPromptFile(path: String, text: String) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(fileSuffix) else { return false }
        if ("/" + lower).contains("/.github/prompts/") { return true }
        let bytes = Array(text.utf8)
        var from = 0
        while let open = ByteSearch.find(UInt8(ascii: "$"), in: bytes, from: from) {
            if let (_, name) = variable(bytes, at: open, limit: bytes.count), provenance(of: name) != nil { return true }
            from = open + 1
        }
        return false
    }

    /// Editor variables that change with the editor's state at every run.
    static let editorVariables: Set<String> = [
        "selection", "selectedText", "file", "fileBasename", "fileDirname", "fileBasenameNoExtension",
    ]

    /// Editor variables that are the same for every run in one workspace.
    static let workspaceVariables: Set<String> = ["workspaceFolder", "workspaceFolderBasename"]

    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        let bytes = source.bytes
        return SubstitutionBody.read(source, format: format) { i, limit in
            guard bytes[i] == UInt8(ascii: "$"), let (end, name) = variable(bytes, at: i, limit: limit),
                let provenance = provenance(of: name)
            else { return nil }
            let variable = name.hasPrefix("input:") ? String(name.dropFirst(6).prefix { $0 != ":" }) : name
            return SubstitutionBody.Marker(end: end, expression: name, variable: variable, provenance: provenance)
        }
    }

    /// What fills the editor variable `name`, or nil when it is not one (then `${name}` is literal text).
    static func provenance(of name: String) -> SlotClass? {
        if name.hasPrefix("input:"), name.count > 6 {
            return SlotClass(volatility: .perRequest, kind: .input,
                             reason: "a value the user types each time the prompt file is run (`${\(name)}`)")
        }
        if editorVariables.contains(name) {
            return SlotClass(volatility: .perRequest, kind: .input,
                             reason: "the editor's selection or open file when the prompt file is run (`${\(name)}`)")
        }
        if workspaceVariables.contains(name) {
            return SlotClass(volatility: .constant, kind: .value,
                             reason: "the workspace the prompt file is run in (`${\(name)}`), the same for every run there")
        }
        return nil
    }

    /// `${...}` on one line starting at `i`: its end and the text between the braces.
    private static func variable(_ bytes: [UInt8], at i: Int, limit: Int) -> (Int, String)? {
        guard i + 2 < limit, bytes[i + 1] == UInt8(ascii: "{") else { return nil }
        var j = i + 2
        while j < limit, j - i < 200, bytes[j] != UInt8(ascii: "}"), bytes[j] != 0x0A { j += 1 }
        guard j < limit, bytes[j] == UInt8(ascii: "}"), j > i + 2 else { return nil }
        return (j + 1, String(decoding: bytes[(i + 2)..<j], as: UTF8.self))
    }
}
