import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PromptLintTestSupport
import XCTest

/// `/ready` during a SIGTERM drain: the server is marked not ready before it starts draining, so a readiness probe
/// it still reads answers 503 (a load balancer stops sending), while the drain itself finishes the request.
final class ServerReadinessTests: XCTestCase {
    func testReadyAnswers503DuringTheDrain() async throws {
        let server = try ServerProcess(arguments: ["--port", "0", "--lint-only"])
        defer { server.kill() }
        let connection = try RawConnection(port: server.port)
        // A request fully answered first: the connection is open and served.
        try connection.send("GET /ready HTTP/1.1\r\nHost: test\r\n\r\n")
        XCTAssertTrue(try connection.readResponse().hasPrefix("HTTP/1.1 200"))
        // A readiness probe still in flight when SIGTERM comes: its head is read, one byte of its body is not.
        try connection.send("GET /ready HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n\r\n{")
        try await Task.sleep(for: .milliseconds(200))
        server.terminate()
        while !ServerProcess.connectionRefused(port: server.port) { try await Task.sleep(for: .milliseconds(10)) }
        try connection.send("}")
        let response = try connection.readResponse()
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 503"), response)
        XCTAssertTrue(response.contains("\"not_ready\""), response)
        let (reason, status) = await server.waitForExit()
        XCTAssertEqual(reason, .exit)
        XCTAssertEqual(status, 0, server.standardError())
    }
}

/// One TCP connection to 127.0.0.1 written and read byte by byte, for requests a URL client cannot send half of.
final class RawConnection {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, result == 0 else { throw TestSupportError(message: "cannot connect to port \(port): errno \(errno)") }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestSupportError(message: "send failed: errno \(errno)") }
            sent += n
        }
    }

    /// One response: the head, then as many body bytes as its Content-Length says.
    func readResponse() throws -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        func complete() -> Bool {
            let text = String(decoding: data, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { return false }
            let head = text[..<end.lowerBound].lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            return text[end.upperBound...].utf8.count >= length
        }
        while !complete() {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw TestSupportError(message: "connection closed after: \(String(decoding: data, as: UTF8.self))") }
            data += buffer[..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }
}
