import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport

/// Helpers for the savings tests.
enum SavingsTest {
    /// The package root.
    static var packageRoot: String { PackagePaths.root }

    /// The built-in catalog (compiled into the library).
    static func catalog() throws -> PricingCatalog { try BuiltInRules.pricing() }

    /// A built-in model.
    static func model(_ provider: String, _ id: String) throws -> ModelPricing {
        try catalog().model(provider: provider, model: id)
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> String { try TestFiles.temporaryDirectory(prefix: "promptlint-savings") }

    /// Writes `text` to `dir/name`.
    @discardableResult
    static func write(_ text: String, _ name: String, in dir: String) throws -> String {
        try TestFiles.write(text, name, in: dir)
    }

    /// The setup hint every tokenizer-dependent failure carries.
    static let setupHint = "run `bash Scripts/setup.sh` to install the cl100k_base rank file and the Gemma model"
}

/// One token per whitespace-separated word: makes hand-computed expectations easy.
struct WordCounter: TokenCounter {
    func count(_ text: String) -> Int { text.split(whereSeparator: { $0.isWhitespace }).count }
}

/// A template built by hand: "Intro words {{ current_date }} w w … (1500 words)" as the system message,
/// then "{{ question }}" as the user message. With `WordCounter`: 2 static tokens before the first dynamic
/// slot, 1502 static tokens in all; dynamic slots take their kind defaults (time 8, input 150).
func handTemplate(path: String = "hand.j2", format: TemplateFormat = .jinja) -> PromptTemplate {
    let body = " " + Array(repeating: "w", count: 1500).joined(separator: " ")
    let intro = "Intro words "
    let date = "{{ current_date }}"
    let p1 = SourcePosition(line: 1, column: 13, offset: intro.utf8.count)
    let p2 = SourcePosition(line: 1, column: 31, offset: intro.utf8.count + date.utf8.count)
    let p3 = SourcePosition(line: 2, column: 1, offset: p2.offset + body.utf8.count + 1)
    let system = TemplateMessage(role: .system, segments: [
        .text(intro, .start),
        .slot(TemplateSlot(expression: "current_date", variable: "current_date", source: date, position: p1)),
        .text(body, p2),
    ], position: .start)
    let user = TemplateMessage(role: .user, segments: [
        .slot(TemplateSlot(expression: "question", variable: "question", source: "{{ question }}", position: p3)),
    ], position: p3)
    return PromptTemplate(path: path, format: format, messages: [system, user],
                          source: intro + date + body + "\n{{ question }}")
}
