import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport

/// Helpers shared by the reader tests.
enum ReaderTest {
    /// Reads `text` as if it were the file at `path`.
    static func read(_ text: String, path: String = "prompt.txt", format: TemplateFormat? = nil) -> PromptTemplate {
        TemplateReading.read(path: path, data: Data(text.utf8), format: format)
    }

    /// The static text of a message, concatenated.
    static func text(_ message: TemplateMessage) -> String {
        message.segments.map { segment in
            if case .text(let t, _) = segment { return t }
            return ""
        }.joined()
    }

    /// A message rendered with slots as `⟨expression⟩`, to compare order and content at once.
    static func outline(_ message: TemplateMessage) -> String {
        message.segments.map { segment in
            switch segment {
            case .text(let t, _): return t
            case .slot(let s): return "⟨\(s.expression)⟩"
            }
        }.joined()
    }
}

/// `line:column@offset`, for compact position assertions.
func at(_ position: SourcePosition) -> String {
    "\(position.line):\(position.column)@\(position.offset)"
}

extension ReaderTest {
    /// CPU seconds this thread spends in `body` (steadier than wall time on a shared machine).
    static func cpuSeconds(_ body: () -> Void) -> Double { TestFiles.cpuSeconds(body) }
}
