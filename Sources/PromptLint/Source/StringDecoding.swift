/// Builds decoded string text byte by byte, remembering where each byte came from in the file.
struct DecodedTextBuilder {
    private var bytes: [UInt8] = []
    private var map: [Int] = []

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ b: UInt8, from offset: Int) {
        bytes.append(b)
        map.append(offset)
    }

    mutating func append(scalar value: UInt32, from offset: Int) {
        guard let scalar = Unicode.Scalar(value) else { return }
        for b in String(Character(scalar)).utf8 { append(b, from: offset) }
    }

    /// The text so far as a piece ending at `end`, and a fresh builder.
    mutating func take(end: Int) -> DecodedText? {
        guard !bytes.isEmpty else { return nil }
        let piece = DecodedText(text: String(decoding: bytes, as: UTF8.self), map: map + [end])
        bytes.removeAll(keepingCapacity: true)
        map.removeAll(keepingCapacity: true)
        return piece
    }
}

/// Backslash escapes shared by Python and JavaScript strings.
enum StringEscapes {
    /// Decodes the escape whose backslash is at `i` into `out`; returns the index after it.
    /// Unknown escapes keep the character without the backslash (JavaScript) or with it (Python).
    static func decode(_ bytes: [UInt8], at i: Int, end: Int, python: Bool, into out: inout DecodedTextBuilder) -> Int {
        guard i + 1 < end else {
            out.append(bytes[i], from: i)
            return i + 1
        }
        let c = bytes[i + 1]
        switch c {
        case UInt8(ascii: "n"): out.append(0x0A, from: i)
        case UInt8(ascii: "t"): out.append(0x09, from: i)
        case UInt8(ascii: "r"): out.append(0x0D, from: i)
        case UInt8(ascii: "0") where !python: out.append(0, from: i)
        case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "v"), UInt8(ascii: "a"): out.append(0x20, from: i)
        case 0x0A: return i + 2  // line continuation
        case 0x0D: return i + 2 < end && bytes[i + 2] == 0x0A ? i + 3 : i + 2
        case UInt8(ascii: "x"):
            if let (value, next) = hex(bytes, from: i + 2, count: 2, end: end) {
                out.append(scalar: value, from: i)
                return next
            }
            out.append(c, from: i + 1)
        case UInt8(ascii: "u"):
            if !python, i + 2 < end, bytes[i + 2] == UInt8(ascii: "{"),
                let close = (i + 3..<min(end, i + 12)).first(where: { bytes[$0] == UInt8(ascii: "}") }),
                let (value, _) = hex(bytes, from: i + 3, count: close - i - 3, end: close)
            {
                out.append(scalar: value, from: i)
                return close + 1
            }
            if let (value, next) = hex(bytes, from: i + 2, count: 4, end: end) {
                out.append(scalar: value, from: i)
                return next
            }
            out.append(c, from: i + 1)
        case UInt8(ascii: "U") where python:
            if let (value, next) = hex(bytes, from: i + 2, count: 8, end: end) {
                out.append(scalar: value, from: i)
                return next
            }
            out.append(c, from: i + 1)
        default:
            if python, c != UInt8(ascii: "\\"), c != UInt8(ascii: "'"), c != UInt8(ascii: "\""),
                !(c >= UInt8(ascii: "0") && c <= UInt8(ascii: "7"))
            {
                out.append(bytes[i], from: i)
            }
            if python, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "7") {
                var value: UInt32 = 0
                var k = i + 1
                while k < end, k < i + 4, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(bytes[k] - UInt8(ascii: "0"))
                    k += 1
                }
                out.append(scalar: value, from: i)
                return k
            }
            // A multi-byte character after the backslash is copied whole by the caller's next step.
            if c >= 0x80 { return i + 1 }
            out.append(c, from: i + 1)
        }
        return i + 2
    }

    private static func hex(_ bytes: [UInt8], from: Int, count: Int, end: Int) -> (UInt32, Int)? {
        guard count > 0, count <= 8, from + count <= end else { return nil }
        var value: UInt32 = 0
        for k in from..<(from + count) {
            let b = bytes[k] | 0x20
            let digit: UInt8
            if b >= 0x30 && b <= 0x39 { digit = b - 0x30 } else if b >= 0x61 && b <= 0x66 { digit = b - 0x61 + 10 } else {
                return nil
            }
            value = value &* 16 &+ UInt32(digit)
        }
        return (value, from + count)
    }
}
