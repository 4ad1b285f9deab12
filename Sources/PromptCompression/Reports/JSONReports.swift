import Foundation
import TinyLM

/// The JSON reports of `promptcompress --format json` (and its `fewshot` and `score` subcommands), written in one
/// place so that the command line and the HTTP server give the same fields and values. Keys in a fixed order.
extension CompressionResult {
    /// `{"compressed", "original_tokens", "compressed_tokens", "ratio", "kept", "target_tokens",
    /// "protected_tokens", "protected_exceeds_budget", "dropped_blocks"}`, with a final newline.
    public var json: String {
        var out = "{\"compressed\": \(JSONText.string(text)), \"original_tokens\": \(originalTokens), "
        out += "\"compressed_tokens\": \(compressedTokens), \"ratio\": \(String(format: "%.4f", ratio)), "
        out += "\"kept\": [" + kept.map { "[\($0.lowerBound), \($0.upperBound)]" }.joined(separator: ", ") + "], "
        out += "\"target_tokens\": \(targetTokens), \"protected_tokens\": \(protectedTokens), "
        out += "\"protected_exceeds_budget\": \(protectedExceedsBudget), \"dropped_blocks\": \(droppedBlocks)}\n"
        return out
    }
}

extension FewShotPruneResult {
    /// `{"selected", "examples", "scores", "tokens_before", "tokens_after", "coverage"}`, with a final newline.
    public var json: String {
        var out = "{\"selected\": [" + selected.map(String.init).joined(separator: ", ") + "], "
        out += "\"examples\": [" + examples.map(\.json.serialized).joined(separator: ", ") + "], "
        out += "\"scores\": [" + scores.map { JSONText.number($0) }.joined(separator: ", ") + "], "
        out += "\"tokens_before\": \(tokensBefore), \"tokens_after\": \(tokensAfter), "
        out += "\"coverage\": \(JSONText.number(Float(coverage)))}\n"
        return out
    }
}

/// The report of `promptcompress score --format json`.
public enum TokenScoreReport {
    /// `{"model", "tokens": [{"id", "text", "logprob"}]}`, with a final newline.
    public static func json(model: String, tokens: [ScoredToken]) -> String {
        var out = "{\"model\": \(JSONText.string(model)), \"tokens\": ["
        out += tokens.map {
            "{\"id\": \($0.id), \"text\": \(JSONText.string($0.text)), \"logprob\": \(JSONText.number($0.logProbability))}"
        }.joined(separator: ", ")
        return out + "]}\n"
    }
}
