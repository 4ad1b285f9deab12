import Foundation
import SafeIO

/// The placeholder syntax the prompt files of one folder share. Code that fills `{{name}}` markers (a Jinja or
/// Mustache loader, `text.replace("{{" + key + "}}", value)`) fills them in every file it loads from the
/// folder, so when a Markdown or text prompt there has `{{name}}` markers, the single braces of a sibling
/// without any (`{total}/{target} kcal` in an output format shown to the model) are literal text, not
/// `str.format` fields. The same holds for the prompt files such code loads from nearby folders: a
/// `partials` (or any) subfolder of the folder (parts concatenated into its prompt), and files of the same name in
/// sibling folders (`examples/chat/prompt.md` beside `examples/dashboard/prompt.md`, one loader for each).
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

    /// The folders of the generic text files among `files` (path and text) that fill `{{name}}` markers, and
    /// their families (`familyKey`: the same file name in a sibling folder).
    static func doubleBraceFolders(_ files: [(path: String, text: String)]) -> Set<String> {
        var out: Set<String> = []
        for file in files where isGeneric(file.path) && fillsDoubleBraces(file.text) {
            out.insert((file.path as NSString).deletingLastPathComponent)
            if let family = familyKey(file.path) { out.insert(family) }
        }
        return out
    }

    /// The key of the files named like `path` in the sibling folders of its folder (`examples/*/prompt.md`); nil
    /// for a file at the top of a tree.
    static func familyKey(_ path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let parent = (folder as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !parent.isEmpty, parent != folder, parent != "/" else { return nil }
        return parent + "/*/" + (path as NSString).lastPathComponent.lowercased()
    }

    /// True when the prompt files of `path`'s folder are filled as `{{name}}` markers: the folder's own, its
    /// parent's (a subfolder of parts the parent's prompt is assembled from) or those of its family.
    static func inDoubleBraceFolder(_ path: String, folders: Set<String>) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        if folders.contains(folder) { return true }
        let parent = (folder as NSString).deletingLastPathComponent
        // Not a repository's top folder: whatever its own prompt uses, its subfolders are projects' own folders.
        if !parent.isEmpty, parent != folder, folders.contains(parent),
            !FileManager.default.fileExists(atPath: (parent as NSString).appendingPathComponent(".git"))
        {
            return true
        }
        return familyKey(path).map(folders.contains) ?? false
    }

    /// The format to read `data` in when it is a generic text file of one of `folders` (or of a subfolder or
    /// a sibling family of one, `inDoubleBraceFolder`) whose single braces are not fields: the folder's
    /// double-brace dialect, in which a text without `{{`, `{%` or `{#` is all literal (Mustache when the text
    /// writes `${name}`, which alone would make Jinja read the `${…}` variable syntax, not what the folder's
    /// loader uses); and a text whose `{{name}}` markers sit beside single braces (`PUT /tasks/{id}`) is read as
    /// Jinja when it parses as Jinja. Nil otherwise (the dialect is chosen by its content). Decodes only files of
    /// such folders. A coding agent's definition is not one of them: the agent sends it verbatim, whatever its
    /// siblings use.
    static func literalFormat(path: String, data: Data, folders: Set<String>) -> TemplateFormat? {
        guard isGeneric(path), inDoubleBraceFolder(path, folders: folders) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let sniffed = FormatDetection.sniff(text, markdown: true)
        guard !AgentFileEvidence.isAgentDefinition(path: path, text: text) else { return nil }
        if !["{{", "{%", "{#"].contains(where: text.contains) {
            guard sniffed == .fstring else { return nil }
            return DollarVariables.isDialect(Array(data)) ? .mustache : .jinja
        }
        guard sniffed == .fstring, text.range(of: doubleBraceMarker, options: .regularExpression) != nil,
            TemplateReading.read(SourceText(text), format: .jinja).issues.isEmpty
        else { return nil }
        return .jinja
    }

    /// A `{{name}}` marker.
    private static let doubleBraceMarker = #"\{\{\s*\$?[A-Za-z_][A-Za-z0-9_.]*\s*\}\}"#

    /// True when `text` has a `{{name}}` marker and no single-brace field (a `str.format` template escapes
    /// literal braces as `{{`, but then it has fields too).
    static func fillsDoubleBraces(_ text: String) -> Bool {
        guard text.range(of: doubleBraceMarker, options: .regularExpression) != nil else { return false }
        return [.jinja, .semanticKernelPrompt].contains(FormatDetection.sniff(text, markdown: true))
    }
}
