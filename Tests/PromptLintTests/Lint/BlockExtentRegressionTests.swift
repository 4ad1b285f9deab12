import Foundation
import XCTest

@testable import PromptLint

/// Block ends used to be found by one regex scan of the rest of the source per block, so a template nested
/// 10,000 deep (found while hardening against hostile input) took minutes. `BlockExtentIndex` pairs every tag in
/// one pass; it must give exactly the ends of the per-block scan.
final class BlockExtentRegressionTests: XCTestCase {
    func assertSameEnds(_ text: String, _ format: TemplateFormat, file: StaticString = #filePath, line: UInt = #line) {
        let template = TemplateReading.read(path: "t", text: text, format: format)
        var index = BlockExtentIndex(source: template.source)
        var blocks = 0
        for slot in template.slots where slot.isLoop || slot.isConditional {
            blocks += 1
            XCTAssertEqual(index.end(of: slot), BlockExtent.end(of: slot, in: template.source),
                           "\(slot.source) at \(slot.position.offset)", file: file, line: line)
        }
        XCTAssertGreaterThan(blocks, 0, "no blocks read", file: file, line: line)
    }

    func testSameEndsAsPerBlockScan() {
        assertSameEnds("{% for a in b %}é{% if x %}{{ a }}{% endif %}{% if y %}z{% endif %}{% endfor %} tail {% if q %}", .jinja)
        assertSameEnds("{%- for a in b -%}{% for c in a %}{{ c }}{% endfor %}{%- endfor %}{% endfor %}", .jinja)
        assertSameEnds("{{#each items}}😀{{#if a}}{{this}}{{/if}}{{/each}}{{#if b}}open", .handlebars)
        assertSameEnds("{{#a}}{{#a}}x{{/a}}{{/a}}{{^b}}y{{/b}}", .mustache)
        assertSameEnds(String(repeating: "{% if a %}", count: 50) + "x" + String(repeating: "{% endif %}", count: 49), .jinja)
    }

    func testTenThousandDeepBlocksAllFindTheirEnds() {
        let n = 10_000
        let text = String(repeating: "{% if a %}", count: n) + "x" + String(repeating: "{% endif %}", count: n)
        let template = TemplateReading.read(path: "t", text: text, format: .jinja)
        var index = BlockExtentIndex(source: template.source)
        var ends = 0
        for slot in template.slots where slot.isConditional { if index.end(of: slot) != nil { ends += 1 } }
        XCTAssertEqual(ends, n)
    }
}
