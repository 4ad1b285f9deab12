import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import PromptLintTestSupport
import XCTest

/// SIGTERM on the built `promptlint-server` with compressions in flight: they finish and their answers arrive
/// whole, the port stops taking connections at once, and the process exits 0.
final class ServerShutdownTests: XCTestCase {
    func testSIGTERMFinishesInFlightCompressionsRefusesNewConnectionsAndExitsZero() async throws {
        let model = try ModelFiles.requireGemma()
        let server = try ServerProcess(arguments: ["--port", "0", "--workers", "1", "--model", model])
        defer { server.kill() }
        let client = TestClient(port: server.port)
        let text = try String(contentsOfFile: PackagePaths.file("Samples/prompts/support_policy.txt"), encoding: .utf8)
        let body = try ServerTest.json(["text": text, "ratio": 0.5])
        let finished = NIOLockedValueBox(0)
        // One compression on the only worker and one waiting in the queue: both are in flight.
        let requests = (0..<2).map { _ in
            Task {
                defer { finished.withLockedValue { $0 += 1 } }
                return try await client.post("/v1/compress", body)
            }
        }
        while true {
            let metrics = try await client.get("/metrics").text
            if metrics.contains("promptlint_model_in_flight_requests 1"), metrics.contains("promptlint_model_queue_depth 1") { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        server.terminate()
        var refusedWhileDraining = false
        while finished.withLockedValue({ $0 }) < 2 {
            if ServerProcess.connectionRefused(port: server.port) {
                refusedWhileDraining = finished.withLockedValue { $0 } < 2
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        for request in requests {
            let response = try await request.value
            XCTAssertEqual(response.status, 200, response.text)
            let result = try ServerTest.object(response)
            XCTAssertNotNil(result["compressed"] as? String, response.text)
            XCTAssertLessThan(result["compressed_tokens"] as? Int ?? .max, result["original_tokens"] as? Int ?? 0)
        }
        XCTAssertTrue(refusedWhileDraining, "a new connection must be refused while in-flight requests finish")
        let (reason, status) = await server.waitForExit()
        XCTAssertEqual(reason, .exit, "the server must exit, not die of a signal")
        XCTAssertEqual(status, 0, server.standardError())
    }
}

/// The built `promptlint-server` run as a child process, its port read from the line it prints when listening.
final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let errors: URL
    /// The port it listens on.
    private(set) var port = 0

    init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try BuiltTool.require("promptlint-server"))
        process.arguments = arguments
        errors = FileManager.default.temporaryDirectory.appendingPathComponent("promptlint-server-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let found = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
            let port = Int(text[found].split(separator: ":").last ?? "")
        else {
            kill()
            throw TestSupportError(message: "promptlint-server did not start: \(text) \(standardError())")
        }
        self.port = port
    }

    /// Sends SIGTERM.
    func terminate() { process.terminate() }

    /// Sends SIGKILL when still running (cleanup after a failed test).
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: errors)
    }

    /// Waits for the process to end, off the concurrency pool.
    func waitForExit() async -> (Process.TerminationReason, Int32) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [process] in
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationReason, process.terminationStatus))
            }
        }
    }

    /// What it wrote on standard error.
    func standardError() -> String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// True when a new TCP connection to `port` on 127.0.0.1 is refused (nothing listens there any more).
    static func connectionRefused(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result != 0 && errno == ECONNREFUSED
    }
}
