import Foundation
import PromptLint

// The Python source reader (lexer, expression parser, data flow, request recognition) and the checks
// after it. The whole input is the file. Reading never throws, so the only failure is a crash or a hang.

private let linter: PromptLinter = {
    do { return try PromptLinter.builtIn() } catch { fatalError("rules: \(error) (set PROMPTLINT_RULES)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPython(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let report = linter.lint(path: "fuzz/input.py", data: Data(bytes: data, count: size), format: .python)
    _ = report.findings.count
    return 0
}
