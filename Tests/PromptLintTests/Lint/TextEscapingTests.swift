import Foundation
import SafeIO
import XCTest

/// The shared escaper keeps the exact bytes the JSON, XML and terminal writers produced before they shared it.
final class TextEscapingTests: XCTestCase {
    let sample = "a\"b\\c\nd\re\tf\u{01}g\u{1B}[2J\u{7F}h\u{85}i\u{2028}j&<>'é😀"

    func testJSON() throws {
        XCTAssertEqual(TextEscaping.jsonQuoted(sample),
                       #""a\"b\\c\nd\re\tf\u0001g\u001b[2J"# + "\u{7F}h\u{85}i\u{2028}j&<>'é😀\"")
        XCTAssertEqual(TextEscaping.jsonQuoted("plain"), "\"plain\"")
        // Every control character round-trips through Foundation's parser.
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let parsed = try JSONSerialization.jsonObject(with: Data(TextEscaping.jsonQuoted(controls).utf8), options: .fragmentsAllowed)
        XCTAssertEqual(parsed as? String, controls)
    }

    func testXML() {
        XCTAssertEqual(TextEscaping.xml(sample), "a&quot;b\\c&#10;de\tfg[2J\u{7F}h\u{85}i\u{2028}j&amp;&lt;&gt;&apos;é😀")
    }

    func testDisplay() {
        XCTAssertEqual(TextEscaping.display(sample),
                       #"a"b\c\nd\re\tf\u{1}g\u{1B}[2J\u{7F}h\u{85}i\u{2028}j&<>'é😀"#)
        XCTAssertEqual(DisplayText.escaped(sample), TextEscaping.display(sample))
        XCTAssertEqual(TextEscaping.display("unchanged"), "unchanged")
    }
}
