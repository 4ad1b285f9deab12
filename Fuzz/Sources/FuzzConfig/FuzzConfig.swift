import Foundation
import PromptLint

// The YAML loaders: .promptlint.yml (configuration) and rule files. The first byte picks the loader.
// Errors are expected; crashes and hangs are not.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size >= 1, let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    if data[0] & 1 == 0 {
        if let configuration = try? ConfigurationLoader.parse(text, path: "fuzz/.promptlint.yml") {
            _ = configuration.ruleDirectories
        }
    } else {
        if let rules = try? RuleLoader.definitions(yaml: text, path: "fuzz/rule.yml") { _ = rules.count }
    }
    return 0
}
