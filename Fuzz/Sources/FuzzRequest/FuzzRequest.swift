import Foundation
import PromptLint

// Request-JSON reading (PromptLinter.lintRequest). The first byte picks the provider; the rest is the body.

private let linter: PromptLinter = {
    do { return try PromptLinter.builtIn() } catch { fatalError("rules: \(error) (set PROMPTLINT_RULES)") }
}()
private let kinds = RequestKind.allCases

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size >= 1, let data else { return 0 }
    let kind = kinds[Int(data[0]) % kinds.count]
    let findings = linter.lintRequest(Data(bytes: data + 1, count: size - 1), kind: kind)
    _ = findings.count
    return 0
}
