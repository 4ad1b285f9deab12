import Foundation
import PromptLint

// Template readers and the checks after them. The first byte picks the format (one per reader, or detection
// from a file name); the rest is the file. Reading never throws, so the only failure is a crash or a hang.

private let formats = TemplateFormat.allCases
private let detectedNames = [
    "p.txt", "p.md", "p.j2", "p.jinja", "p.mustache", "p.hbs", "p.prompt", "p.prompty", "p.poml", "p.yaml",
    "skprompt.txt", "promptfooconfig.yaml", "p.json", "request.json", "p.py", "p",
]

private let linter: PromptLinter = {
    do { return try PromptLinter.builtIn() } catch { fatalError("rules: \(error) (set PROMPTLINT_RULES)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size >= 1, let data else { return 0 }
    let selector = Int(data[0])
    let body = Data(bytes: data + 1, count: size - 1)
    let choices = formats.count + detectedNames.count
    let pick = selector % choices
    let report: FileReport
    if pick < formats.count {
        report = linter.lint(path: "fuzz/input", data: body, format: formats[pick])
    } else {
        report = linter.lint(path: "fuzz/" + detectedNames[pick - formats.count], data: body, format: nil)
    }
    _ = report.findings.count
    return 0
}
