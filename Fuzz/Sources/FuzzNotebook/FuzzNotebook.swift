import Foundation
import PromptLint

// The Jupyter notebook reader (JSON, code cells, magics, raw-file positions), then the Python source reader and
// the checks after it, and discovery's verdict on the same bytes. The whole input is the `.ipynb` file. Reading
// never throws, so the only failure is a crash or a hang.

private let linter: PromptLinter = {
    do { return try PromptLinter.builtIn() } catch { fatalError("rules: \(error) (set PROMPTLINT_RULES)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let report = linter.lint(path: "fuzz/input.ipynb", data: Data(bytes: data, count: size), format: .notebook)
    _ = report.findings.count
    return 0
}
