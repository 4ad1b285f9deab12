import Foundation
import SafeIO

/// Reading the text to work on from a file or standard input under the project's read policy (regular files
/// only, links followed, FIFOs and devices refused without blocking, at most `limit` bytes), refusing invalid
/// UTF-8 with its byte offset.
enum TextInput {
    /// The largest input read: 64 MiB, far above what the model's 32,768-token context or a few-shot pool needs.
    static let limit = 64 << 20

    struct InvalidInput: LocalizedError {
        let message: String
        var errorDescription: String? { message }
    }

    /// The contents of `path`, or of standard input when `path` is nil or `-`.
    static func read(_ path: String?) throws -> String {
        let name = path ?? "-"
        let data: Data
        if name == "-" {
            data = try StandardStreams.readInput(limit: limit)
        } else {
            data = try FileReadPolicy.read(name, limit: limit)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data) ?? 0
            throw InvalidInput(message: "\(name == "-" ? "<stdin>" : name): invalid UTF-8 at byte \(offset)")
        }
        return text
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            if i + length > bytes.count { return i }
            let slice = Data(bytes[i..<i + length])
            if String(validating: slice, as: UTF8.self) == nil { return i }
            i += length
        }
        return nil
    }
}

