import Foundation
import PromptLint

// User-supplied regular expressions (a rule file's `regex` check, which a repository under review can ship): the
// first line is the pattern, the rest the template text (plain text). An invalid pattern is an error; a pattern
// that backtracks catastrophically must end as a budget finding, never a hang (libFuzzer's -timeout catches those).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleRegex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let input = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = input.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard let pattern = parts.first.map(String.init), !pattern.isEmpty else { return 0 }
    let text = parts.count > 1 ? String(parts[1]) : ""
    for scope in ["source", "static"] {
        let parameters = RuleParameters(["pattern": .string(pattern), "scope": .string(scope)])
        guard let check = try? RegexCheck(parameters: parameters) else { return 0 }
        let template = TemplateReading.read(path: "fuzz.txt", text: text, format: .plainText)
        let layout = CacheLayout(template: template, classifier: Configuration().classifier)
        let context = CheckContext(template: template, layout: layout, providers: [.anthropic],
                                   tokenCounter: EstimatedTokenCounter())
        _ = check.run(context).count
    }
    return 0
}
