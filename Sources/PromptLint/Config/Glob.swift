import Foundation

/// `.gitignore`-style glob matching for config `exclude` and per-path ignores.
///
/// `*` matches within a path segment, `**` across segments, `?` one character, `[abc]` a class.
/// A pattern without a slash matches a name at any depth; a leading `/` anchors it to the config's
/// directory; a trailing `/` matches directories only (so everything below them). A pattern also
/// matches every file below a directory it matches.
public struct Glob: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    private let regex: String
    private let directoryOnly: Bool

    /// Compiles a pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern.trimmingCharacters(in: .whitespaces)
        directoryOnly = p.hasSuffix("/")
        if directoryOnly { p.removeLast() }
        let anchored = p.hasPrefix("/") || p.dropLast().contains("/")
        if p.hasPrefix("/") { p.removeFirst() }
        if p.hasPrefix("./") { p.removeFirst(2) }
        regex = "^" + (anchored ? "" : "(?:.*/)?") + Glob.translate(p) + "$"
    }

    /// True when `relativePath` (slash-separated, relative to the config's directory) matches.
    public func matches(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return false }
        for end in stride(from: parts.count, through: 1, by: -1) {
            if directoryOnly && end == parts.count { continue }
            let candidate = parts[0..<end].joined(separator: "/")
            if candidate.range(of: regex, options: .regularExpression) != nil { return true }
        }
        return false
    }

    /// True when `pattern` could match a path below `folder` (both relative to the config's folder):
    /// unanchored patterns and `**` always could; anchored ones when their leading segments match.
    public static func mayMatchBelow(_ pattern: String, folder: String) -> Bool {
        var p = pattern.trimmingCharacters(in: .whitespaces)
        if p.hasSuffix("/") { p.removeLast() }
        guard p.contains("/") else { return true }
        if p.hasPrefix("/") { p.removeFirst() }
        if p.hasPrefix("./") { p.removeFirst(2) }
        let patternParts = p.split(separator: "/").map(String.init)
        for (i, part) in folder.split(separator: "/").enumerated() {
            guard i < patternParts.count, patternParts[i] != "**" else { return true }
            if String(part).range(of: "^" + translate(patternParts[i]) + "$", options: .regularExpression) == nil {
                return false
            }
        }
        return true
    }

    static func translate(_ glob: String) -> String {
        var out = ""
        var chars = Array(glob)[...]
        while let c = chars.popFirst() {
            switch c {
            case "*":
                if chars.first == "*" {
                    chars.removeFirst()
                    if chars.first == "/" {
                        chars.removeFirst()
                        out += "(?:.*/)?"
                    } else {
                        out += ".*"
                    }
                } else {
                    out += "[^/]*"
                }
            case "?": out += "[^/]"
            case "[":
                var cls = "["
                while let d = chars.popFirst() {
                    if d == "]" { break }
                    cls += d == "!" && cls == "[" ? "^" : (d == "\\" ? "\\\\" : String(d))
                }
                out += cls + "]"
            default:
                out += NSRegularExpression.escapedPattern(for: String(c))
            }
        }
        return out
    }
}

/// An ordered list of globs with `!` negation: the last matching pattern decides.
public struct GlobList: Sendable, Hashable {
    private let entries: [(negated: Bool, glob: Glob)]

    /// Creates a list from patterns as written.
    public init(_ patterns: [String]) {
        entries = patterns.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }.map {
            $0.hasPrefix("!") ? (true, Glob(String($0.dropFirst()))) : (false, Glob($0))
        }
    }

    /// True when the last matching pattern is not negated.
    public func matches(_ relativePath: String) -> Bool {
        var result = false
        for entry in entries where entry.glob.matches(relativePath) { result = !entry.negated }
        return result
    }

    /// True when there are no patterns.
    public var isEmpty: Bool { entries.isEmpty }

    /// Compares by patterns.
    public static func == (a: GlobList, b: GlobList) -> Bool {
        a.entries.map { "\($0.negated)\($0.glob.pattern)" } == b.entries.map { "\($0.negated)\($0.glob.pattern)" }
    }

    /// Hashes the patterns.
    public func hash(into hasher: inout Hasher) {
        for e in entries { hasher.combine(e.negated); hasher.combine(e.glob.pattern) }
    }
}
