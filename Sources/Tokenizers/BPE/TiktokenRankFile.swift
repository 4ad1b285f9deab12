import Foundation

/// Reads tiktoken's `.tiktoken` rank files: one `base64-token rank` pair per line.
enum TiktokenRankFile {
    /// The parsed table: token bytes (key index = line order, payload = rank) and each key's rank.
    struct Contents {
        var table: ByteStringTable
        var ranks: [Int32]
    }

    static func read(_ url: URL) throws -> Contents {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TokenizerError.unreadableRankFile(path: url.path, reason: error.localizedDescription)
        }
        return try data.withUnsafeBytes { raw in
            try parse(raw.bindMemory(to: UInt8.self), path: url.path)
        }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> Contents {
        var lines = 0
        for b in bytes where b == 0x0A { lines += 1 }
        var storage: [UInt8] = []
        storage.reserveCapacity(bytes.count)
        var starts: [UInt32] = [0]
        starts.reserveCapacity(lines + 2)
        var ranks: [Int32] = []
        ranks.reserveCapacity(lines + 1)
        var lineOfEntry: [Int] = []
        lineOfEntry.reserveCapacity(lines + 1)
        var decoded: [UInt8] = []
        var lineNumber = 0
        var i = 0
        while i < bytes.count {
            lineNumber += 1
            var end = i
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > i, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { i = end + 1 }
            if lineEnd == i { continue }  // blank line
            var space = i
            while space < lineEnd, bytes[space] != 0x20 { space += 1 }
            guard space < lineEnd else {
                throw TokenizerError.malformedRankFile(path: path, line: lineNumber, reason: "expected 'base64 rank'")
            }
            guard Base64.decode(UnsafeBufferPointer(rebasing: bytes[i..<space]), into: &decoded) else {
                throw TokenizerError.malformedRankFile(path: path, line: lineNumber, reason: "invalid base64")
            }
            var rank: Int64 = 0
            var digits = 0
            for d in bytes[(space + 1)..<lineEnd] {
                guard d >= 0x30, d <= 0x39, rank < Int64(Int32.max) / 10 else {
                    throw TokenizerError.malformedRankFile(path: path, line: lineNumber, reason: "invalid rank")
                }
                rank = rank * 10 + Int64(d - 0x30)
                digits += 1
            }
            guard digits > 0 else {
                throw TokenizerError.malformedRankFile(path: path, line: lineNumber, reason: "invalid rank")
            }
            storage.append(contentsOf: decoded)
            starts.append(UInt32(storage.count))
            ranks.append(Int32(rank))
            lineOfEntry.append(lineNumber)
        }
        switch ByteStringTable.build(storage: storage, starts: starts, payloads: ranks.map { UInt32($0) }) {
        case .success(let table): return Contents(table: table, ranks: ranks)
        case .failure(.duplicate(_, let second)):
            throw TokenizerError.malformedRankFile(path: path, line: lineOfEntry[second], reason: "duplicate token")
        case .failure(.tooLarge): throw TokenizerError.vocabularyTooLarge(count: ranks.count)
        }
    }
}

/// Standard base64 (RFC 4648, with padding) decoding.
enum Base64 {
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = Int8(i)
        }
        return table
    }()

    /// Decodes `text` into `output` (replacing its contents). Returns false when it is not valid base64.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        output.removeAll(keepingCapacity: true)
        guard text.count % 4 == 0 else { return false }
        var i = 0
        while i < text.count {
            var quad: UInt32 = 0
            var padding = 0
            for k in 0..<4 {
                let c = text[i + k]
                if c == 0x3D, i + 4 == text.count, k >= 2 {  // '=' only at the very end
                    padding += 1
                    quad <<= 6
                    continue
                }
                let v = values[Int(c)]
                guard v >= 0, padding == 0 else { return false }
                quad = quad << 6 | UInt32(v)
            }
            output.append(UInt8(truncatingIfNeeded: quad >> 16))
            if padding < 2 { output.append(UInt8(truncatingIfNeeded: quad >> 8)) }
            if padding < 1 { output.append(UInt8(truncatingIfNeeded: quad)) }
            i += 4
        }
        return true
    }
}
