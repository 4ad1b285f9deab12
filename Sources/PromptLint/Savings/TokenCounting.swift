import Foundation
import GGUF
import Tokenizers

/// A tokenizer the savings estimate can count with. Each model in the pricing data names the one that
/// approximates its own tokenizer, and a factor to scale its counts by.
public enum TokenizerKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// OpenAI's cl100k_base byte-level BPE (rank file from `Scripts/fetch-tokenizers.sh`).
    case cl100k
    /// Gemma 3's SentencePiece vocabulary, read from the GGUF model file's metadata (weights untouched).
    case gemma
    /// No tokenizer: about four characters per token (`EstimatedTokenCounter`). Only with `--tokenizer-fallback`.
    case estimate

    /// The name used in reports.
    public var displayName: String {
        switch self {
        case .cl100k: return "cl100k_base"
        case .gemma: return "Gemma 3 SentencePiece"
        case .estimate: return "chars/4 estimate"
        }
    }
}

/// Token counts from OpenAI's cl100k_base tokenizer (tiktoken's `encode_ordinary`).
public struct CL100KTokenCounter: TokenCounter {
    /// The tokenizer.
    public let bpe: TiktokenBPE

    /// Wraps a loaded tokenizer.
    public init(bpe: TiktokenBPE) { self.bpe = bpe }

    /// The number of cl100k_base tokens in `text`.
    public func count(_ text: String) -> Int { bpe.count(text) }
}

/// Token counts from Gemma 3's SentencePiece vocabulary, without a beginning-of-sequence token.
public struct GemmaTokenCounter: TokenCounter {
    /// The tokenizer.
    public let tokenizer: SentencePieceTokenizer

    /// Wraps a loaded tokenizer.
    public init(tokenizer: SentencePieceTokenizer) { self.tokenizer = tokenizer }

    /// The number of Gemma tokens in `text` (no BOS, special tokens read as text).
    public func count(_ text: String) -> Int { tokenizer.encode(text, addBOS: false, parseSpecial: false).count }
}

/// Another counter's counts multiplied by a factor and rounded: a model whose tokenizer is not available
/// is approximated by one that is.
public struct ScaledTokenCounter: TokenCounter {
    /// The counter that does the work.
    public let base: any TokenCounter
    /// The factor counts are multiplied by.
    public let factor: Double

    /// Scales `base` by `factor`.
    public init(base: any TokenCounter, factor: Double) {
        self.base = base
        self.factor = factor
    }

    /// `round(base.count(text) * factor)`.
    public func count(_ text: String) -> Int {
        let n = base.count(text)
        return factor == 1 ? n : Int((Double(n) * factor).rounded())
    }
}

/// A token counter ready for an estimate, and how it was obtained (reports state it).
public struct LoadedTokenCounter: Sendable {
    /// Counts with the tokenizer and factor applied.
    public let counter: any TokenCounter
    /// The tokenizer the pricing data asked for.
    public let requested: TokenizerKind
    /// The tokenizer actually used (`.estimate` only after a fallback).
    public let used: TokenizerKind
    /// The factor applied to its counts.
    public let factor: Double
    /// The file it was read from, if any.
    public let path: String?
    /// True when the requested tokenizer was missing and `--tokenizer-fallback` allowed the chars/4 estimate.
    public let isFallback: Bool

    /// One line for reports: "cl100k_base x1.00 (~/.cache/promptlint/cl100k_base.tiktoken)".
    public var summary: String {
        var s = "\(used.displayName) x\(String(format: "%.2f", factor))"
        if let path { s += " (\(path))" }
        if isFallback {
            s += " -- FALLBACK: the \(requested.displayName) tokenizer file is missing, counts are a rough chars/4 estimate; run `bash Scripts/setup.sh`"
        }
        return s
    }
}

/// Finds and loads tokenizers for savings estimates.
///
/// Files: cl100k_base from `PROMPTLINT_CL100K`, else `${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/cl100k_base.tiktoken`;
/// Gemma from `PROMPTLINT_MODEL`, else `${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/gemma-3-270m-q4_k_m.gguf`.
/// A missing file is an error naming the setup script, unless the caller allows the chars/4 fallback.
public enum TokenCounterLoader {
    /// The Gemma model file's name in the cache folder.
    public static let gemmaFileName = "gemma-3-270m-q4_k_m.gguf"

    /// `${XDG_CACHE_HOME:-$HOME/.cache}/promptlint`.
    public static func cacheDirectory(environment: [String: String]) -> String {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.cache")
        return base + "/promptlint"
    }

    /// Where the Gemma GGUF is looked for, in order.
    public static func gemmaCandidates(environment: [String: String]) -> [String] {
        if let explicit = environment["PROMPTLINT_MODEL"], !explicit.isEmpty { return [explicit] }
        return [cacheDirectory(environment: environment) + "/" + gemmaFileName]
    }

    /// Where the cl100k_base rank file is looked for, in order.
    public static func cl100kCandidates(environment: [String: String]) -> [String] {
        TiktokenBPE.rankFileCandidates(environment: environment).map(\.path)
    }

    /// Loads `kind` scaled by `factor`.
    /// - Parameters:
    ///   - kind: the tokenizer the pricing data names.
    ///   - factor: the approximation factor.
    ///   - allowFallback: use the chars/4 estimate when the file is missing instead of failing.
    ///   - environment: where `PROMPTLINT_CL100K`, `PROMPTLINT_MODEL`, `XDG_CACHE_HOME` and `HOME` are read.
    /// - Throws: `SavingsError.tokenizerMissing` (naming the setup script) or `.tokenizerUnreadable`.
    public static func load(
        _ kind: TokenizerKind, factor: Double = 1, allowFallback: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SavingsError) -> LoadedTokenCounter {
        func scaled(_ base: any TokenCounter) -> any TokenCounter {
            factor == 1 ? base : ScaledTokenCounter(base: base, factor: factor)
        }
        func fallback() -> LoadedTokenCounter {
            LoadedTokenCounter(counter: scaled(EstimatedTokenCounter()), requested: kind, used: .estimate, factor: factor,
                               path: nil, isFallback: kind != .estimate)
        }
        switch kind {
        case .estimate:
            return fallback()
        case .cl100k:
            let candidates = cl100kCandidates(environment: environment)
            guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                if allowFallback { return fallback() }
                throw .tokenizerMissing(tokenizer: kind.displayName, searched: candidates)
            }
            do {
                let bpe = try TiktokenBPE(rankFile: URL(fileURLWithPath: path))
                return LoadedTokenCounter(counter: scaled(CL100KTokenCounter(bpe: bpe)), requested: kind, used: kind,
                                          factor: factor, path: path, isFallback: false)
            } catch {
                throw .tokenizerUnreadable(path: path, reason: oneLine(error))
            }
        case .gemma:
            let candidates = gemmaCandidates(environment: environment)
            guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                if allowFallback { return fallback() }
                throw .tokenizerMissing(tokenizer: kind.displayName, searched: candidates)
            }
            do {
                // GGUFFile maps the file and parses its header and metadata; no tensor is read.
                let file = try GGUFFile(path: path)
                let tokenizer = try SentencePieceTokenizer(gguf: file)
                return LoadedTokenCounter(counter: scaled(GemmaTokenCounter(tokenizer: tokenizer)), requested: kind,
                                          used: kind, factor: factor, path: path, isFallback: false)
            } catch {
                throw .tokenizerUnreadable(path: path, reason: oneLine(error))
            }
        }
    }

    static func oneLine(_ error: any Error) -> String {
        let text = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }
}
