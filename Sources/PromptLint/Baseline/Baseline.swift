import Foundation

/// Findings accepted as known: keyed by rule, path and a hash of the offending snippet (not the line),
/// so edits elsewhere in a file keep them matched.
public struct Baseline: Sendable, Hashable, Codable {
    /// One accepted finding (with a count, for identical snippets in one file).
    public struct Entry: Sendable, Hashable, Codable {
        /// Rule id.
        public var ruleID: String
        /// Path as reported.
        public var path: String
        /// FNV-1a 64-bit hash of the normalized snippet, hex.
        public var hash: String
        /// How many findings with this key are accepted.
        public var count: Int

        enum CodingKeys: String, CodingKey {
            case ruleID = "rule_id", path, hash, count
        }
    }

    /// Format version.
    public var version: Int
    /// Entries, sorted.
    public var entries: [Entry]

    /// A baseline accepting `findings`.
    public init(findings: [Finding]) {
        var counts: [String: Entry] = [:]
        for f in findings {
            let key = Self.key(f)
            counts[key, default: Entry(ruleID: f.ruleID, path: f.path, hash: Self.hash(f.snippet), count: 0)].count += 1
        }
        version = 1
        entries = counts.values.sorted { ($0.path, $0.ruleID, $0.hash) < ($1.path, $1.ruleID, $1.hash) }
    }

    /// Reads a baseline file.
    /// - Throws: `PromptLintError.invalidBaseline`.
    public static func load(path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PromptLintError.invalidBaseline(path: path, reason: "cannot read file")
        }
        do { return try JSONDecoder().decode(Baseline.self, from: data) } catch {
            throw PromptLintError.invalidBaseline(path: path, reason: "not a promptlint baseline: \(error.localizedDescription)")
        }
    }

    /// The baseline as pretty, key-sorted JSON.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// Writes the baseline atomically.
    /// - Throws: `PromptLintError.writeFailed`.
    public func write(to path: String) throws {
        try AtomicFile.write(encoded(), to: path)
    }

    /// `findings` minus those the baseline accepts (each entry absorbs up to `count` findings).
    public func filter(_ findings: [Finding]) -> [Finding] {
        var remaining: [String: Int] = [:]
        for e in entries { remaining["\(e.ruleID)\u{1}\(e.path)\u{1}\(e.hash)", default: 0] += e.count }
        return findings.filter { f in
            let key = Self.key(f)
            if let n = remaining[key], n > 0 {
                remaining[key] = n - 1
                return false
            }
            return true
        }
    }

    static func key(_ f: Finding) -> String { "\(f.ruleID)\u{1}\(f.path)\u{1}\(hash(f.snippet))" }

    /// FNV-1a 64 of the snippet with whitespace runs collapsed, as 16 hex digits.
    public static func hash(_ snippet: String) -> String {
        let normalized = snippet.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in normalized.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
