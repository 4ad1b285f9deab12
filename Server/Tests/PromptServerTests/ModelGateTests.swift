import Foundation
import NIOConcurrencyHelpers
import PromptServer
import XCTest

/// Admission control without the model: a blocked worker, a full queue, a passed deadline.
final class ModelGateTests: XCTestCase {
    func testBeyondWorkersAndQueueIs429WithRetryAfter() async throws {
        let gate = ModelGate(workers: 1, queueLimit: 1, metrics: ServerMetrics())
        let release = DispatchSemaphore(value: 0)
        let deadline = ContinuousClock.now + .seconds(600)
        async let first: Int = gate.run(deadline: deadline) { release.wait(); return 1 }
        async let second: Int = gate.run(deadline: deadline) { 2 }
        while gate.load.waiting + gate.load.running < 2 { try await Task.sleep(for: .milliseconds(5)) }
        do {
            _ = try await gate.run(deadline: deadline) { 3 }
            XCTFail("a third request must be refused")
        } catch let error as APIError {
            XCTAssertEqual(error.status, .tooManyRequests)
            XCTAssertGreaterThanOrEqual(error.retryAfter ?? 0, 1)
        }
        release.signal()
        let results = try await [first, second]
        XCTAssertEqual(results, [1, 2])
        XCTAssertEqual(gate.load.waiting + gate.load.running, 0)
    }

    func testDeadlinePassedWhileWaitingSkipsTheWork() async throws {
        let gate = ModelGate(workers: 1, queueLimit: 4, metrics: ServerMetrics())
        let release = DispatchSemaphore(value: 0)
        let ran = NIOLockedValueBox(false)
        async let blocker: Int = gate.run(deadline: .now + .seconds(600)) { release.wait(); return 0 }
        while gate.load.running < 1 { try await Task.sleep(for: .milliseconds(5)) }
        do {
            _ = try await gate.run(deadline: .now + .milliseconds(50)) { ran.withLockedValue { $0 = true }; return 1 }
            XCTFail("the deadline must pass first")
        } catch let error as APIError {
            XCTAssertEqual(error.status, .serviceUnavailable)
            XCTAssertEqual(error.code, "deadline_exceeded")
        }
        release.signal()
        _ = try await blocker
        while gate.load.waiting > 0 { try await Task.sleep(for: .milliseconds(5)) }
        XCTAssertFalse(ran.withLockedValue { $0 }, "work whose deadline passed must not run")
    }
}
