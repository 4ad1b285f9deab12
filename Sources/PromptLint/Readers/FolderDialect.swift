import Foundation
import SafeIO

/// The placeholder syntax the prompt files of one folder share. Code that fills `{{name}}` markers (a Jinja or
/// Mustache loader, `text.replace("{{" + key + "}}", value)`) fills them in every file it loads from the
/// folder, so when a Markdown or text prompt there has `{{name}}` markers, the single braces of a sibling
/// without any (`{total}/{target} kcal` in an output format shown to the model) are literal text, not
/// `str.format` fields.
enum FolderDialect {
    /// The largest file read to learn a folder's dialect.
    static let readLimit = 1 << 20
    /// Extensions whose dialect is chosen by content.
    private static let generic: Set<String> = ["md", "markdown", "txt"]

    /// True for a file whose dialect is chosen by content (`.md`, `.txt`).
    static func isGeneric(_ path: String) -> Bool {
        generic.contains((path as NSString).pathExtension.lowercased())
    }

    /// Reads the generic text files among `paths` (absolute) for their folders' dialect, as `check` and
    /// `files` both do: each one's bytes (unreadable ones left out) and the folders that fill `{{name}}` markers.
    static func survey(_ paths: [String]) -> (data: [String: Data], folders: Set<String>) {
        var data: [String: Data] = [:]
        for path in paths where isGeneric(path) { data[path] = try? FileReadPolicy.read(path, limit: readLimit) }
        return (data, doubleBraceFolders(data.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }))
    }

    /// The folders of the generic text files among `files` (path and text) that fill `{{name}}` markers.
    static func doubleBraceFolders(_ files: [(path: String, text: String)]) -> Set<String> {
        var out: Set<String> = []
        for file in files where isGeneric(file.path) && fillsDoubleBraces(file.text) {
            out.insert((file.path as NSString).deletingLastPathComponent)
        }
        return out
    }

    /// The format to read `data` in when it is a generic text file of one of `folders` whose only markers are
    /// single braces: the folder's double-brace dialect (Jinja), in which a text without `{{`, `{%` or `{#`
    /// is all literal; nil otherwise (the dialect is chosen by its content). Decodes only files of such folders.
    /// A coding agent's definition is not one of them: the agent sends it verbatim, whatever its siblings use.
    static func literalFormat(path: String, data: Data, folders: Set<String>) -> TemplateFormat? {
        guard isGeneric(path), folders.contains((path as NSString).deletingLastPathComponent) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard !["{{", "{%", "{#"].contains(where: text.contains), FormatDetection.sniff(text, markdown: true) == .fstring,
              !AgentFileEvidence.isAgentDefinition(path: path, text: text)
        else { return nil }
        return .jinja
    }

    /// True when `text` has a `{{name}}` marker and no single-brace field (a `str.format` template escapes
    /// literal braces as `{{`, but then it has fields too).
    static func fillsDoubleBraces(_ text: String) -> Bool {
        guard text.range(of: #"\{\{\s*\$?[A-Za-z_][A-Za-z0-9_.]*\s*\}\}"#, options: .regularExpression) != nil else { return false }
        return [.jinja, .semanticKernelPrompt].contains(FormatDetection.sniff(text, markdown: true))
    }
}
