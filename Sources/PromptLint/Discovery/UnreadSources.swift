import Foundation
import SafeIO

/// Source files of languages whose code promptlint does not read (Go, Rust, Java, C#, Ruby, PHP...), met
/// while walking: a repository whose prompts live in such code would otherwise get "No findings in 0
/// files" without a word that those files were never analysed. Counted per language, with how many hold
/// prompt-like text (a `prompt`, `You are a…`, a `"role"` key, an LLM provider's name) in their first
/// 64 KiB. Only the text report and `promptlint files` show it (one line); JSON and SARIF do not change.
public struct UnreadSources: Sendable, Hashable {
    /// One language's count.
    public struct Count: Sendable, Hashable {
        /// The language's name (`Go`).
        public var language: String
        /// Source files met.
        public var files: Int
        /// Those holding prompt-like text.
        public var withPromptText: Int
    }

    /// Per language, the most files first (then by name).
    public var counts: [Count] {
        byLanguage.values.sorted { ($0.files, $1.language) > ($1.files, $0.language) }
    }

    private var byLanguage: [String: Count] = [:]

    /// Creates an empty count.
    public init() {}

    /// The languages promptlint does not read, by file extension.
    static let languages: [String: String] = [
        "go": "Go", "rs": "Rust", "java": "Java", "kt": "Kotlin", "kts": "Kotlin", "scala": "Scala", "cs": "C#",
        "fs": "F#", "rb": "Ruby", "php": "PHP", "swift": "Swift", "dart": "Dart", "ex": "Elixir", "exs": "Elixir",
        "lua": "Lua", "cpp": "C++", "cc": "C++", "hpp": "C++", "c": "C", "r": "R", "jl": "Julia", "clj": "Clojure",
        "hs": "Haskell", "zig": "Zig", "cr": "Crystal", "nim": "Nim", "groovy": "Groovy", "pl": "Perl", "pm": "Perl",
    ]

    private static let promptText = try? NSRegularExpression(pattern: #"""
        (?i)prompt|\byou are (a|an|the)\b|["']role["']|\b(openai|anthropic|ollama|gemini|llm|chat\.?completions?)\b
        """#)

    /// The language of a file named `name` when its extension is one of `languages`.
    static func language(of name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return languages[name[name.index(after: dot)...].lowercased()]
    }

    /// Counts the file at `absolute`, written in `language`.
    mutating func note(_ absolute: String, language: String) {
        var count = byLanguage[language] ?? Count(language: language, files: 0, withPromptText: 0)
        count.files += 1
        if let data = try? FileReadPolicy.head(absolute, count: ContentEvidence.sniffBytes) {
            let text = String(decoding: data, as: UTF8.self)
            if Self.promptText?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { count.withPromptText += 1 }
        }
        byLanguage[language] = count
    }

    /// One line for the text reports, or nil when no such file was met:
    /// `Not analysed: 14 Go files (5 with prompt-like text), 2 Rust files; promptlint reads prompts in …`.
    public var summary: String? {
        let all = counts
        guard !all.isEmpty else { return nil }
        let parts = all.map { c in
            "\(c.files) \(c.language) file\(c.files == 1 ? "" : "s")" + (c.withPromptText > 0 ? " (\(c.withPromptText) with prompt-like text)" : "")
        }
        return "Not analysed: " + parts.joined(separator: ", ")
            + "; promptlint reads the prompts of Python and TypeScript/JavaScript source and of template and data files only."
    }
}
