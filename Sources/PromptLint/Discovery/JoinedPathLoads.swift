import Foundation
import SafeIO

/// Markdown and text files that prompt-building source reads by joining their own name to a folder:
/// `BUILTIN_DIR / "persona.md"`, `os.path.join(base, "rules.txt")`, `path.join(__dirname, 'intro.md')`.
/// Such a file sits where nothing else says it is a prompt (a `builtin/` folder, a plain name) and is skipped
/// for want of evidence; the source that opens it by name, and imports an LLM SDK or names a prompt, is the
/// evidence. A name that only appears in a list or a message (files to copy, a log line) is not a read.
enum JoinedPathLoads {
    /// The extensions of files that may be promoted.
    static let extensions: Set<String> = ["md", "txt"]

    /// Most source files read for the names they join.
    static let sourceLimit = 5_000

    /// Largest source file read for the names it joins.
    static let sourceBytes = 1_048_576

    /// Bytes looked back from a literal for the `join(` call it is an argument of.
    private static let callWindow = 160

    /// Turns each skipped entry (`candidates`: absolute paths by path as shown) whose name a read prompt
    /// source joins to a folder path (with the literal's folders, if any, ending the file's folder) into a
    /// read entry.
    static func promote(_ entries: inout [DiscoveryEntry], candidates: [String: String], sourceEvidence: String) {
        guard !candidates.isEmpty else { return }
        // Joined literals by their file name, each with the first source that joins it.
        var joined: [String: [(literal: String, loader: String)]] = [:]
        var read = 0
        for entry in entries {
            guard case .read(let file) = entry, file.evidence == sourceEvidence, read < sourceLimit else { continue }
            read += 1
            guard let data = try? FileReadPolicy.head(file.absolute, count: sourceBytes) else { continue }
            for literal in joinedLiterals(String(decoding: data, as: UTF8.self)).sorted() {
                let name = literal.split(separator: "/").last.map(String.init) ?? literal
                if joined[name]?.contains(where: { $0.literal == literal }) != true { joined[name, default: []].append((literal, file.display)) }
            }
        }
        guard !joined.isEmpty else { return }
        for index in entries.indices {
            guard case .skipped(let skipped) = entries[index], let absolute = candidates[skipped.display] else { continue }
            let path = skipped.display.split(separator: "/").map(String.init)
            guard let name = path.last, let loader = joined[name]?.first(where: { names($0.literal, path: path) })?.loader else { continue }
            entries[index] = .read(DiscoveredFile(
                absolute: absolute, display: skipped.display, size: Walk.size(absolute),
                evidence: "read by name by \(loader) (joined to a folder path)"))
        }
    }

    /// True when `literal` (`TELEGRAM.md`, `builtin/TELEGRAM.md`) names the end of `path`.
    static func names(_ literal: String, path: [String]) -> Bool {
        let parts = literal.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
        guard !parts.isEmpty, parts.count <= path.count else { return false }
        return Array(path.suffix(parts.count)) == parts
    }

    /// The string literals of `text` ending in a promoted extension that are joined to a folder path: the
    /// operand after a `/` (pathlib), or an argument of a `join(`, `joinpath(` or `resolve(` call.
    static func joinedLiterals(_ text: String) -> Set<String> {
        var out: Set<String> = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let quote = bytes[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { i += 1; continue }
            var end = i + 1
            while end < bytes.count, end - i < 200, bytes[end] != quote, bytes[end] != 0x0A, bytes[end] != UInt8(ascii: "\\") { end += 1 }
            guard end < bytes.count, bytes[end] == quote else { i = end; continue }
            let literal = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
            let ext = literal.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if literal.contains("."), extensions.contains(ext), !literal.contains(" "), isJoined(bytes, before: i) {
                out.insert(literal)
            }
            i = end + 1
        }
        return out
    }

    /// True when the literal opening at `start` follows a `/` operator or is an argument of a path-joining call.
    private static func isJoined(_ bytes: [UInt8], before start: Int) -> Bool {
        var j = start - 1
        while j >= 0, bytes[j] == 0x20 || bytes[j] == 0x09 { j -= 1 }
        guard j >= 0 else { return false }
        if bytes[j] == UInt8(ascii: "/") { return j == 0 || bytes[j - 1] != UInt8(ascii: "/") }
        guard bytes[j] == UInt8(ascii: ",") || bytes[j] == UInt8(ascii: "(") || bytes[j] == 0x0A else { return false }
        // The innermost call still open at the literal.
        var k = start - 1, depth = 0
        while k >= max(0, start - callWindow) {
            if bytes[k] == UInt8(ascii: ")") { depth += 1 }
            if bytes[k] == UInt8(ascii: "(") { if depth == 0 { break }; depth -= 1 }
            k -= 1
        }
        guard k >= max(0, start - callWindow), k > 0 else { return false }
        var nameStart = k
        while nameStart > 0, bytes[nameStart - 1] == UInt8(ascii: "_") || (bytes[nameStart - 1] | 0x20 >= UInt8(ascii: "a") && bytes[nameStart - 1] | 0x20 <= UInt8(ascii: "z")) {
            nameStart -= 1
        }
        let callee = String(decoding: bytes[nameStart..<k], as: UTF8.self)
        return ["join", "joinpath", "resolve"].contains(callee)
    }
}
