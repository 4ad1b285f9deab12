import GGUF
import XCTest

/// Broken and hostile files: each must throw the expected `GGUFError`, with a one-line message naming the file.
final class HostileGGUFTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory = nil }

    /// Opens `bytes` as a file and returns the error it throws (failing when it opens or throws something else).
    private func openError(_ bytes: [UInt8], name: String, file: StaticString = #filePath, line: UInt = #line) throws
        -> GGUFError?
    {
        let path = try directory.write(bytes, name: name)
        do {
            let g = try GGUFFile(path: path)
            XCTFail("\(name): opened (\(g.tensors.count) tensors), expected an error", file: file, line: line)
            return nil
        } catch let error as GGUFError {
            let message = error.errorDescription ?? ""
            XCTAssertEqual(error.path, path, name, file: file, line: line)
            XCTAssertTrue(message.hasPrefix(path + ": "), "\(name): \(message)", file: file, line: line)
            XCTAssertFalse(message.contains("\n") || message.contains("\r"), "\(name): \(message)", file: file, line: line)
            XCTAssertLessThan(message.count, path.count + 400, "\(name): message too long", file: file, line: line)
            return error
        } catch {
            XCTFail("\(name): threw \(error), not a GGUFError", file: file, line: line)
            return nil
        }
    }

    func testTheSeedFileIsValid() throws {
        let w = HostileGGUF.validSmallWriter()
        let g = try GGUFFile(path: try directory.write(w.bytes(), name: "seed.gguf"))
        XCTAssertEqual(g.tensors.map(\.name), ["norm.weight", "embed.weight", "proj.weight"])
        XCTAssertEqual(g.metadata.count, 8)
        XCTAssertEqual(g.tensors.last.map { $0.fileOffset + $0.byteCount }, w.bytes().count, "the last tensor ends the file")
        XCTAssertEqual(g.tensor(named: "embed.weight")?.dequantized().prefix(3), [-8, -7.5, -7])
        XCTAssertEqual(g.tensor(named: "proj.weight")?.dequantized().prefix(2), [-8, -7])
    }

    func testSeedCorpusNamesAreUnique() {
        let names = HostileGGUF.seedCorpus.map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
        XCTAssertEqual(names.count, HostileGGUF.allCases.count + 1)
    }

    func testEveryHostileFileThrowsTheExpectedError() throws {
        for hostile in HostileGGUF.allCases {
            guard let error = try openError(hostile.bytes, name: "\(hostile.rawValue).gguf") else { continue }
            XCTAssertEqual(GGUFErrorKind(error), hostile.expected, "\(hostile.rawValue): \(error.errorDescription ?? "")")
        }
    }

    func testSpecificPayloads() throws {
        for (hostile, version) in [(HostileGGUF.version1, UInt32(1)), (.version2, 2), (.version99, 99)] {
            let error = try openError(hostile.bytes, name: "v.gguf")
            XCTAssertEqual(error, .unsupportedVersion(path: error?.path ?? "", version: version))
        }
        let bigEndian = try openError(HostileGGUF.versionBigEndian.bytes, name: "be.gguf")
        XCTAssertTrue(bigEndian?.errorDescription?.contains("big-endian") == true, "\(String(describing: bigEndian))")
        let dup = try openError(HostileGGUF.duplicateTensorName.bytes, name: "dup.gguf")
        XCTAssertEqual(dup, .invalidTensor(path: dup?.path ?? "", name: "norm.weight", what: "duplicate tensor name"))
        if case .invalidHeader(_, _, let what)? = try openError(HostileGGUF.duplicateKey.bytes, name: "dupkey.gguf") {
            XCTAssertEqual(what, "duplicate key 'tiny.block_count'")
        } else {
            XCTFail("duplicate key")
        }
        if case .unsupportedType(_, let name, let type)? = try openError(HostileGGUF.unknownGGMLType.bytes, name: "t.gguf") {
            XCTAssertEqual(name, "embed.weight")
            XCTAssertEqual(type, 99)
        } else {
            XCTFail("unknown ggml type")
        }
        let newline = try openError(HostileGGUF.newlineInKey.bytes, name: "nl.gguf")
        XCTAssertTrue(newline?.errorDescription?.contains("evil\\nkey\\r\\u{1b}[2J") == true, "\(String(describing: newline))")
        let huge = try openError(HostileGGUF.hugeKey.bytes, name: "huge.gguf")
        XCTAssertTrue(huge?.errorDescription?.contains("kkk...") == true)
    }

    func testEveryPrefixOfAValidFileThrows() throws {
        let bytes = HostileGGUF.validSmallFile()
        XCTAssertNoThrow(try GGUFFile(path: try directory.write(bytes, name: "whole.gguf")))
        var kinds: [GGUFErrorKind: Int] = [:]
        for length in 0..<bytes.count {
            let error = try openError(Array(bytes.prefix(length)), name: "prefix.gguf")
            if let error { kinds[GGUFErrorKind(error), default: 0] += 1 }
        }
        // Cuts land in counts, strings, values and data: all but none of them are reported as truncation.
        XCTAssertEqual(kinds[.truncated], bytes.count, "\(kinds)")
    }

    func testSingleByteCorruptionsNeverCrash() throws {
        // Every byte of the seed file set to 0x00, 0xFF and flipped: the reader either throws a GGUFError or opens a
        // file whose every tensor lies inside it and dequantizes.
        let bytes = HostileGGUF.validSmallFile()
        var opened = 0
        for i in 0..<bytes.count {
            for value in Set([0x00, 0xFF, bytes[i] ^ 0x80]) {
                var b = bytes
                b[i] = value
                let path = try directory.write(b, name: "flip.gguf")
                do {
                    let g = try GGUFFile(path: path)
                    opened += 1
                    for t in g.tensors {
                        XCTAssertLessThanOrEqual(t.fileOffset + t.byteCount, b.count)
                        XCTAssertEqual(t.dequantized().count, t.elementCount)
                    }
                } catch let error as GGUFError {
                    XCTAssertFalse((error.errorDescription ?? "\n").contains("\n"))
                } catch {
                    XCTFail("byte \(i) = \(value): \(error)")
                }
            }
        }
        XCTAssertGreaterThan(opened, 0)
    }

    func testHostileCountsDoNotAllocate() throws {
        // A 2^63 count in a tiny file must fail on the header check, before any reservation.
        for hostile in [HostileGGUF.tensorCountMax, .tensorCount2To63, .keyCountMax, .arrayCountMax, .stringValueLengthMax] {
            let error = try openError(hostile.bytes, name: "count.gguf")
            XCTAssertNotNil(error, hostile.rawValue)
        }
    }
}
