import Foundation

/// OpenAI's cl100k_base byte-level BPE tokenizer, compatible with tiktoken's `encode_ordinary`.
///
/// Text is cut into pieces by the cl100k pattern (`Cl100kPreTokenizer`), and each piece's UTF-8 bytes are
/// merged by rank. Special tokens such as `<|endoftext|>` are not recognised: they encode as plain text.
/// The rank file is OpenAI's data and is not shipped; see `defaultRankFileURL()`.
public struct TiktokenBPE: Sendable {
    /// Token bytes, each with its rank as payload.
    private let table: ByteStringTable
    /// Table entry of each rank, or -1.
    private let entryOfRank: [Int32]

    /// Reads a `.tiktoken` rank file (one `base64-token rank` pair per line).
    /// - Throws: `TokenizerError` when the file cannot be read or a line is malformed.
    public init(rankFile: URL) throws {
        let contents = try TiktokenRankFile.read(rankFile)
        table = contents.table
        var inverse = [Int32](repeating: -1, count: Int(contents.ranks.max() ?? -1) + 1)
        for (entry, rank) in contents.ranks.enumerated() { inverse[Int(rank)] = Int32(entry) }
        entryOfRank = inverse
    }

    /// Loads cl100k_base from `defaultRankFileURL()`.
    /// - Throws: `TokenizerError.rankFileNotFound` naming the places searched, or a reading error.
    public static func cl100k(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TiktokenBPE {
        let candidates = rankFileCandidates(environment: environment)
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw TokenizerError.rankFileNotFound(searched: candidates.map(\.path))
        }
        return try TiktokenBPE(rankFile: url)
    }

    /// The cl100k_base rank file, if present: `$PROMPTLINT_CL100K`, else
    /// `${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/cl100k_base.tiktoken` (Scripts/fetch-tokenizers.sh puts it there).
    public static func defaultRankFileURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        rankFileCandidates(environment: environment).first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The places searched for the rank file, in order.
    public static func rankFileCandidates(environment env: [String: String]) -> [URL] {
        var urls: [URL] = []
        if let explicit = env["PROMPTLINT_CL100K"], !explicit.isEmpty { urls.append(URL(fileURLWithPath: explicit)) }
        let cache = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.cache"
        urls.append(URL(fileURLWithPath: cache + "/promptlint/cl100k_base.tiktoken"))
        return urls
    }

    /// The number of ranks in the file (100,256 for cl100k_base; special tokens are not included).
    public var vocabularySize: Int { table.count }

    /// Encodes `text` into token ranks, as tiktoken's `encode_ordinary`.
    public func encode(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { encode(utf8: $0) }
    }

    /// Encodes UTF-8 bytes; see `encode(_:)`.
    public func encode(utf8 text: UnsafeBufferPointer<UInt8>) -> [Int] {
        var output: [Int] = []
        output.reserveCapacity(text.count / 3 + 1)
        table.withView { view in
            Cl100kPreTokenizer.split(text) { range in
                BytePairMerge.encode(UnsafeBufferPointer(rebasing: text[range]), table: view, into: &output)
            }
        }
        return output
    }

    /// The number of tokens `encode(_:)` gives.
    public func count(_ text: String) -> Int {
        encode(text).count
    }

    /// The bytes of the given tokens joined; unknown ranks are skipped.
    public func decodeBytes(_ tokens: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        for token in tokens where token >= 0 && token < entryOfRank.count && entryOfRank[token] >= 0 {
            table.withKey(Int(entryOfRank[token])) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The text of the given tokens (invalid UTF-8 becomes U+FFFD).
    public func decode(_ tokens: [Int]) -> String {
        String(decoding: decodeBytes(tokens), as: UTF8.self)
    }
}
