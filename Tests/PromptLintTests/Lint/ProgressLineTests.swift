import Foundation
import SafeIO
import XCTest

/// The progress line the tools draw on a terminal (issue 18): one line rewritten with `\r`, clamped, never a
/// line break; on a standard error that is not a terminal, nothing (checked end to end in
/// `ProgressOutputTests` of the compression tests).
final class ProgressLineTests: XCTestCase {
    func testText() {
        XCTAssertEqual(ProgressLine.text(label: "scoring", fraction: 0), "\rscoring [..............................] 0%")
        XCTAssertEqual(ProgressLine.text(label: "scoring", fraction: 0.5), "\rscoring [###############...............] 50%")
        XCTAssertEqual(ProgressLine.text(label: "scoring", fraction: 0.999), "\rscoring [#############################.] 99%")
        XCTAssertEqual(ProgressLine.text(label: "x", fraction: 1), "\rx [" + String(repeating: "#", count: 30) + "] 100%")
        // Out of range and NaN are clamped, never a crash or a bar longer than 30 cells.
        XCTAssertEqual(ProgressLine.text(label: "x", fraction: 7), ProgressLine.text(label: "x", fraction: 1))
        XCTAssertEqual(ProgressLine.text(label: "x", fraction: -1), ProgressLine.text(label: "x", fraction: 0))
        XCTAssertEqual(ProgressLine.text(label: "x", fraction: .nan), ProgressLine.text(label: "x", fraction: 0))
        for f in stride(from: 0.0, through: 1.0, by: 0.01) {
            let line = ProgressLine.text(label: "compressing", fraction: f)
            XCTAssertTrue(line.hasPrefix("\r") && !line.contains("\n"))
            XCTAssertEqual(line.count, ProgressLine.text(label: "compressing", fraction: 0).count + (f >= 0.995 ? 2 : f >= 0.095 ? 1 : 0))
        }
        XCTAssertEqual(ProgressLine.clearText, "\r\u{1B}[K")
    }
}
