import Foundation
import XCTest

@testable import PromptLint

final class ReaderRobustnessTests: XCTestCase {
    func testInvalidUTF8IsAnIssueWithNoMessages() {
        var bytes = Array("ok\nab".utf8)
        bytes += [0xC3, 0x28]
        let t = TemplateReading.read(path: "a.j2", data: Data(bytes))
        XCTAssertEqual(t.messages, [])
        XCTAssertEqual(t.issues.count, 1)
        XCTAssertTrue(t.issues[0].message.contains("UTF-8"))
        XCTAssertEqual(at(t.issues[0].position), "2:3@5")
    }

    func testNULBytesAreBinary() {
        let t = TemplateReading.read(path: "a.txt", data: Data([0x41, 0x0A, 0x42, 0x00, 0x43]))
        XCTAssertEqual(t.messages, [])
        XCTAssertEqual(t.issues.map { at($0.position) }, ["2:2@3"])
        XCTAssertTrue(t.issues[0].message.contains("NUL"))
    }

    func testDeepYAMLFrontMatterIsAnIssueNotACrash() {
        let deep = "---\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n---\nHi {{ a }}"
        let t = ReaderTest.read(deep, path: "a.prompty")
        XCTAssertFalse(t.issues.isEmpty)
        XCTAssertEqual(t.slots.map(\.variable), ["a"])
    }

    func testFiftyMegabyteFileReadsInLinearTime() {
        let line = "Static instruction text that repeats, with a {{ value }} and {% if flag %}x{% endif %}.\n"
        let count = 50_000_000 / line.utf8.count
        let text = String(repeating: line, count: count)
        let start = Date()
        let t = ReaderTest.read(text, path: "big.j2")
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.count, 2 * count)
        XCTAssertLessThan(seconds, 120, "reading 50 MB took \(seconds) s")
    }

    func testFiftyMegabyteSingleLineOfOpenBraces() {
        // Every `{` starts a candidate tag; an unterminated one must not make the scan quadratic.
        let text = String(repeating: "{a} {{ b ", count: 50_000_000 / 9)
        for path in ["big.j2", "big.hbs", "skprompt.txt", "big.txt"] {
            let start = Date()
            let t = ReaderTest.read(String(text.prefix(5_000_000)), path: path)
            XCTAssertFalse(t.messages.isEmpty, path)
            XCTAssertLessThan(Date().timeIntervalSince(start), 60, path)
        }
        let t = ReaderTest.read(text, path: "big.j2")
        XCTAssertEqual(t.issues.count, 1)
    }

    func testGarbageNeverCrashesAnyReader() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("{}[]<>/%#!^&$~-=:\"' \n\tabc,|.()".utf8)
        for round in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<(round % 40 * 10 + 5) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            for format in TemplateFormat.allCases {
                let t = TemplateReading.read(path: "g", data: Data(bytes), format: format)
                XCTAssertEqual(t.format, format)
                for issue in t.issues { XCTAssertLessThanOrEqual(issue.position.offset, bytes.count) }
            }
        }
    }
}
