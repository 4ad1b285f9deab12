import Foundation
import XCTest

/// The third-party evaluation data in `../shared` beside the checkout (or `PROMPTLINT_SHARED`).
///
/// Only the evaluation test group (classes named `Eval…`, run by `.ci/run`) reads it. A missing file fails the
/// test; it never skips, so CI cannot turn green without the data.
public enum SharedData {
    /// The shared folder: `PROMPTLINT_SHARED`, else `../shared` beside the package root.
    public static var folder: String {
        if let root = ProcessInfo.processInfo.environment["PROMPTLINT_SHARED"], !root.isEmpty { return root }
        return ((PackagePaths.root as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared")
    }

    /// `relative` under the shared folder, whether or not it exists.
    public static func path(_ relative: String) -> String { folder + "/" + relative }

    /// `relative` under the shared folder; records a failure and throws when it is missing.
    public static func require(_ relative: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = path(relative)
        guard FileManager.default.fileExists(atPath: path) else {
            let message = "evaluation data missing: \(relative) not found under \(folder) "
                + "(put the shared data beside the checkout or set PROMPTLINT_SHARED)"
            XCTFail(message, file: file, line: line)
            throw TestSupportError(message: message)
        }
        return path
    }
}

/// Thrown after a failure is recorded, to end the test (never a skip).
public struct TestSupportError: Error, CustomStringConvertible {
    /// What is missing and how to get it.
    public let message: String
    /// `message`.
    public var description: String { message }

    /// An error saying `message`.
    public init(message: String) { self.message = message }
}
