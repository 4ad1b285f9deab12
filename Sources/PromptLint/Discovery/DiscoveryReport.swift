import Foundation
import SafeIO

/// What `promptlint files` shows: every file discovery reads, with the format it is read as and the
/// evidence, and every candidate skipped, with the reason. Rows keep discovery's order, which is
/// deterministic (paths as given, folders walked in name order).
public struct DiscoveryReport: Sendable {
    /// One listed path.
    public struct Row: Sendable, Hashable {
        /// `read`, `skipped` or `problem`.
        public var status: String
        /// The path as shown (folders end with `/`).
        public var path: String
        /// The format a read file is read as (after dialect choice), else nil.
        public var format: String?
        /// The evidence for a read file, the reason for a skipped one, the problem for a problem.
        public var why: String
    }

    /// The rows.
    public var rows: [Row]
    /// Source files of languages promptlint does not read, met on the way (one line in `text()`; not in
    /// `json()`).
    public var unreadSources = UnreadSources()

    /// Discovers `paths` and reads each chosen file's format (as `check` would).
    /// - Throws: `PromptLintError` for a missing path or an invalid configuration.
    public init(paths: [String], configurations: ConfigurationLoader, workingDirectory: String) throws {
        let (entries, unread) = try FileDiscovery(policy: DiscoveryPolicy(loader: configurations))
            .discoverWithUnread(paths, cwd: workingDirectory)
        unreadSources = unread
        // The folders whose Markdown/text prompts fill `{{name}}` markers, as the lint run finds them.
        let (generic, braceFolders) = FolderDialect.survey(entries.compactMap { if case .read(let file) = $0 { file.absolute } else { nil } })
        rows = try entries.map { entry in
            switch entry {
            case .read(let file):
                let configured = try configurations.configuration(for: file.absolute).format(for: file.absolute)
                let format = (generic[file.absolute] ?? FileManager.default.contents(atPath: file.absolute)).map {
                    let dialect = configured ?? FolderDialect.literalFormat(path: file.absolute, data: $0, folders: braceFolders)
                    return TemplateReading.read(path: file.display, data: $0, format: dialect).format.rawValue
                }
                return Row(status: "read", path: file.display, format: format ?? "unknown", why: file.evidence)
            case .skipped(let skipped):
                return Row(status: "skipped", path: skipped.display, format: nil, why: skipped.reason)
            case .problem(let display, let message):
                return Row(status: "problem", path: display, format: nil, why: message)
            }
        }
    }

    /// Aligned text: status, path, format, evidence or reason (control characters escaped); then a one-line summary.
    public func text() -> String {
        let pathWidth = min(60, rows.map(\.path.count).max() ?? 0)
        let formatWidth = max(1, rows.compactMap(\.format?.count).max() ?? 0)
        var out = ""
        for row in rows {
            let row = Row(status: row.status, path: DisplayText.escaped(row.path), format: row.format, why: DisplayText.escaped(row.why))
            let path = row.path.padding(toLength: max(pathWidth, row.path.count), withPad: " ", startingAt: 0)
            let format = (row.format ?? "-").padding(toLength: formatWidth, withPad: " ", startingAt: 0)
            out += "\(row.status.padding(toLength: 8, withPad: " ", startingAt: 0)) \(path)  \(format)  \(row.why)\n"
        }
        let read = rows.filter { $0.status == "read" }.count
        out += "\(read) file\(read == 1 ? "" : "s") read, \(rows.count - read) skipped or not readable\n"
        if let unread = unreadSources.summary { out += unread + "\n" }
        return out
    }

    /// JSON: `{"files": [{"status", "path", "format", "evidence" | "reason" | "problem"}]}`.
    public func json() -> String {
        let items: [JSONValue] = rows.map { row in
            var object: [String: JSONValue] = ["status": .string(row.status), "path": .string(row.path)]
            switch row.status {
            case "read":
                object["format"] = .string(row.format ?? "unknown")
                object["evidence"] = .string(row.why)
            case "skipped": object["reason"] = .string(row.why)
            default: object["problem"] = .string(row.why)
            }
            return .object(object)
        }
        return JSONValue.object(["files": .array(items)]).serialized() + "\n"
    }
}
