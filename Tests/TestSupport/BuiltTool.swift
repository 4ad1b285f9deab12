import Foundation
import XCTest

/// Runs the package's built command-line tools (`promptlint`, `promptcompress`, `promptbench`) as a user would.
public enum BuiltTool {
    /// The tool `name` built next to the test bundle (same build folder), or nil when it is not built.
    public static func path(_ name: String) -> String? {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = url.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// The built tool `name`; when it is missing (`swift test` builds every product, so it should not be), records a
    /// failure and throws: never a skip.
    public static func require(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let found = path(name) { return found }
        let message = "\(name) binary not built next to the tests (run `swift build` with the same configuration)"
        XCTFail(message, file: file, line: line)
        throw TestSupportError(message: message)
    }

    /// How a run ended and what it printed.
    public struct Run: Sendable {
        /// Exit or signal.
        public var reason: Process.TerminationReason
        /// Exit status (or signal number).
        public var code: Int32
        /// Standard output.
        public var out: String
        /// Standard error.
        public var err: String
    }

    /// Runs `binary` with `arguments` in `cwd`, with this process's environment plus `env`, and collects its output.
    public static func run(_ binary: String, _ arguments: [String], cwd: String? = nil,
                           env extra: [String: String] = [:], stdin: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
        }
        // Read stderr on another thread so neither pipe fills up and blocks the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(reason: process.terminationReason, code: process.terminationStatus,
                   out: String(decoding: outData, as: UTF8.self), err: String(decoding: errBox.data, as: UTF8.self))
    }
}

extension BuiltTool {
    /// Runs `binary ARGUMENTS REDIRECTIONS` through `/bin/sh -c` in `cwd`, under `ulimit -v memoryKB` and, when
    /// given, `ulimit -t cpuSeconds` (a runaway run is killed by SIGXCPU rather than hanging the suite): the one
    /// runner for hostile-input tests, which need the shell to close or redirect standard streams (`<&-`,
    /// `> /dev/full`). `arguments` and `redirections` are shell text; quote with `shellQuoted`. Output that is
    /// not redirected is captured; standard input is empty unless redirected.
    public static func runLimited(
        _ binary: String, _ arguments: String, redirections: String = "", cwd: String, env: [String: String] = [:],
        memoryKB: Int, cpuSeconds: Int? = nil
    ) throws -> Run {
        let limits = (cpuSeconds.map { "ulimit -t \($0); " } ?? "") + "ulimit -v \(memoryKB); "
        let command = limits + "exec " + shellQuoted(binary) + " " + arguments + " " + redirections
        return try run("/bin/sh", ["-c", command], cwd: cwd, env: env)
    }

    /// `text` as one single-quoted shell word.
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Holds bytes read on another thread; the dispatch group orders the write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
