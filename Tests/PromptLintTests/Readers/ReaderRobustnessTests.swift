import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport

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

    func testFiftyMegabyteFileReads() {
        let filler = String(repeating: "Static instruction text that repeats across the prompt. ", count: 16)
        let paragraph = filler + "{{ value }} and {% if flag %}x{% endif %}.\n"
        let count = 50_000_000 / paragraph.utf8.count
        let text = String(repeating: paragraph, count: count)
        var t = ReaderTest.read("", path: "big.j2")
        let seconds = ReaderTest.cpuSeconds { t = ReaderTest.read(text, path: "big.j2") }
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.count, 2 * count)
        XCTAssertLessThan(seconds, 60, "reading 50 MB took \(seconds) s")
    }

    func testDenseTagsScaleLinearly() {
        let line = "Text {{ value | upper }} and {% if flag %}x{% endif %}.\n"
        let ratio = TestFiles.growthRatio(small: 500_000, large: 4_000_000) { bytes in
            String(repeating: line, count: bytes / line.utf8.count)
        } run: { text in
            _ = ReaderTest.read(text, path: "dense.j2")
        }
        // Eight times the input: linear is about 8x, quadratic 64x (best of three runs of each size).
        XCTAssertLessThan(ratio, 24, "4 MB took \(ratio)x as long as 0.5 MB")
    }

    func testFiftyMegabyteSingleLineOfOpenBraces() {
        // Every `{` starts a candidate tag; an unterminated one must not make the scan quadratic.
        let text = String(repeating: "{a} {{ b ", count: 50_000_000 / 9)
        let prefix = String(text.prefix(2_000_000))
        for path in ["big.j2", "big.hbs", "skprompt.txt", "big.txt"] {
            var t = ReaderTest.read("", path: path)
            let seconds = ReaderTest.cpuSeconds { t = ReaderTest.read(prefix, path: path) }
            XCTAssertFalse(t.messages.isEmpty, path)
            XCTAssertLessThan(seconds, 30, path)
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
