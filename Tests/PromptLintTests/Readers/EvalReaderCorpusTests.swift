import Foundation
import PromptLintTestSupport
import XCTest

@testable import PromptLint

/// Evaluation group: reads every template of the shared corpus (others' files, read in place, never copied).
/// Run by `.ci/run`; fails when `../shared/corpus` is missing.
final class EvalReaderCorpusTests: XCTestCase {
    private func corpus() throws -> URL { URL(fileURLWithPath: try SharedData.require("corpus/files")) }

    func testEveryCorpusFileReadsIntoMessages() throws {
        let manager = FileManager.default
        let corpus = try corpus()
        let names = try manager.contentsOfDirectory(atPath: corpus.path).sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let data = try Data(contentsOf: corpus.appendingPathComponent(name))
            let template = TemplateReading.read(path: name, data: data)
            XCTAssertFalse(template.messages.isEmpty, "\(name): no messages")
            XCTAssertEqual(template.issues, [], "\(name): \(template.issues.map(\.message))")
            for slot in template.slots {
                XCTAssertLessThanOrEqual(slot.position.offset, data.count, name)
            }
        }
    }

    func testManifestDynamicItemsAreSlots() throws {
        let corpus = try corpus()
        let manifest = URL(fileURLWithPath: try SharedData.require("corpus/MANIFEST.tsv"))
        // The labeller notes that this one renders as literal text under str.format (`{{` is an escape).
        let literal: Set<String> = ["step_number"]
        let rows = try String(contentsOf: manifest, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var checked = 0
        for row in rows {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > 7 else { continue }
            let name = String(fields[0])
            let data = try Data(contentsOf: corpus.appendingPathComponent(name))
            let template = TemplateReading.read(path: name, data: data)
            // A named item may be the slot's variable or its helper (`{{media …}}`, `{{recall $input}}`),
            // and `{{time.Date}}` is named by its first part.
            var names = Set<String>()
            for slot in template.slots {
                for word in [slot.variable].compactMap({ $0 }) + slot.filters {
                    names.insert(word)
                    names.insert(String(word.prefix(while: { $0 != "." })))
                }
            }
            for item in Self.namedVariables(String(fields[7])) where !literal.contains(item) {
                checked += 1
                XCTAssertTrue(names.contains(item), "\(name): `\(item)` is not a slot (have \(names.sorted()))")
            }
        }
        XCTAssertGreaterThan(checked, 80)
    }

    /// Root variables of the placeholders written in a manifest cell (`{{ user.name }}` → `user`).
    static func namedVariables(_ cell: String) -> [String] {
        var out: [String] = []
        var rest = Substring(cell)
        while let open = rest.firstIndex(of: "{") {
            rest = rest[open...].drop(while: { $0 == "{" || $0 == " " || $0 == "$" })
            let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            let after = rest.dropFirst(name.count).first
            if !name.isEmpty, after == "}" || after == " " || after == "." {
                out.append(String(name))
            }
        }
        return out
    }
}
